"""Admin login is throttled: five wrong passwords lock that username and IP out, and
twenty from anywhere pause signing in as that username from every address."""

import io
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor():
    return UserFactory(username="editor", is_staff=True)


def log_in(username: str, password: str, address: str = "203.0.113.7"):
    return Client(REMOTE_ADDR=address).post(
        "/admin/login/?next=/admin/", {"username": username, "password": password}
    )


def guess_from_twenty_addresses(username: str, guesses: int = 80) -> list:
    """The reported attack: wrong passwords spread over 20 addresses, 4 each at most."""
    return [
        log_in(username, f"guess {number}", address=f"198.18.0.{number % 20 + 1}")
        for number in range(guesses)
    ]


def move_attempts_back(minutes: float) -> None:
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def fail_five_times(username: str, address: str = "203.0.113.7"):
    """Four wrong passwords get the login form again; the fifth gets the lockout page."""
    statuses = [log_in(username, "wrong guess", address).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]


def test_the_right_password_signs_an_editor_in(editor):
    response = log_in("editor", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_429(editor):
    fail_five_times("editor")
    response = log_in("editor", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many sign-in attempts" in page
    assert "After 5 wrong passwords" in page
    assert "for 15 minutes" in page
    assert "sessionid" not in response.cookies


def test_the_lockout_page_says_when_to_try_again_in_retry_after(editor):
    fail_five_times("editor")
    response = log_in("editor", PASSWORD)
    assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60


def test_four_wrong_passwords_do_not_lock_the_editor_out(editor):
    for _ in range(4):
        log_in("editor", "wrong guess")
    assert log_in("editor", PASSWORD).status_code == 302


def test_a_lockout_leaves_other_users_free_to_sign_in(editor):
    UserFactory(username="moderator", is_staff=True)
    fail_five_times("editor")
    assert log_in("moderator", PASSWORD).status_code == 302


def test_a_lockout_leaves_the_same_user_free_from_another_address(editor):
    fail_five_times("editor")
    assert log_in("editor", PASSWORD, address="198.51.100.20").status_code == 302


def test_the_lockout_ends_after_fifteen_minutes(editor):
    fail_five_times("editor")
    move_attempts_back(minutes=16)
    assert log_in("editor", PASSWORD).status_code == 302


def test_the_limit_and_cool_off_come_from_settings(editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    log_in("editor", "wrong guess")
    log_in("editor", "wrong guess")
    response = log_in("editor", PASSWORD)
    assert response.status_code == 429
    assert "for 30 minutes" in response.content.decode()


def test_behind_a_load_balancer_each_reader_address_is_locked_out_on_its_own(editor, settings):
    """The load balancer's own address is every reader's REMOTE_ADDR: it must not be the key."""
    settings.TRUSTED_PROXIES = 1
    balancer = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = Client(HTTP_X_FORWARDED_FOR="203.0.113.7", **balancer)
    for _ in range(5):
        attacker.post("/admin/login/", {"username": "editor", "password": "wrong guess"})
    editor_browser = Client(HTTP_X_FORWARDED_FOR="198.51.100.20", **balancer)
    response = editor_browser.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    response = attacker.post("/admin/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429


def test_guesses_spread_over_twenty_addresses_are_refused_from_the_twentieth(editor):
    statuses = [response.status_code for response in guess_from_twenty_addresses("editor")]
    assert statuses == [200] * 19 + [429] * 61


def test_the_pause_per_username_answers_429_with_retry_after_and_says_why(editor):
    *_, response = guess_from_twenty_addresses("editor")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    page = response.content.decode()
    assert "Too many sign-in attempts" in page
    assert "signing in as this user is paused" in page
    assert "from every address" in page


def test_after_distributed_guessing_the_right_password_waits_for_the_cool_off(editor):
    guess_from_twenty_addresses("editor")
    response = log_in("editor", PASSWORD, address="192.0.2.55")
    assert response.status_code == 429
    assert "sessionid" not in response.cookies
    move_attempts_back(minutes=14)
    assert log_in("editor", PASSWORD, address="192.0.2.55").status_code == 429
    move_attempts_back(minutes=16)
    assert log_in("editor", PASSWORD, address="192.0.2.55").status_code == 302


def test_a_short_burst_pauses_the_username_for_a_minute_only(editor):
    guess_from_twenty_addresses("editor", guesses=20)
    assert log_in("editor", PASSWORD, address="192.0.2.55").status_code == 429
    move_attempts_back(minutes=2)
    assert log_in("editor", PASSWORD, address="192.0.2.55").status_code == 302


def test_the_owner_gets_exactly_one_email_about_the_pause(editor):
    guess_from_twenty_addresses("editor")
    log_in("editor", PASSWORD, address="192.0.2.55")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [editor.email]
    assert "editor" in mail.outbox[0].body
    assert "paused" in mail.outbox[0].subject


def test_a_mail_server_down_still_answers_the_pause_with_429(editor, settings, caplog):
    settings.EMAIL_BACKEND = "tests.comments.broken_mail.Backend"
    statuses = [response.status_code for response in guess_from_twenty_addresses("editor", 21)]
    assert statuses[-2:] == [429, 429]
    assert "Could not email the owner of editor" in caplog.text


def test_a_username_without_an_account_is_paused_alike_and_nobody_is_emailed(editor):
    """The answers are the same as for a real account: they never tell whether it exists."""
    statuses = [response.status_code for response in guess_from_twenty_addresses("nobody")]
    assert statuses == [200] * 19 + [429] * 61
    assert mail.outbox == []


def test_the_pause_on_one_username_leaves_other_users_free_from_the_same_addresses(editor):
    UserFactory(username="moderator", is_staff=True)
    guess_from_twenty_addresses("editor")
    assert log_in("moderator", PASSWORD, address="198.18.0.1").status_code == 302
    assert log_in("moderator", PASSWORD, address="198.18.0.20").status_code == 302


def test_the_username_limit_comes_from_settings(editor, settings):
    settings.AXES_USERNAME_FAILURE_LIMIT = 8
    statuses = [response.status_code for response in guess_from_twenty_addresses("editor", 10)]
    assert statuses == [200] * 7 + [429] * 3


def test_axes_reset_username_lifts_the_pause_at_once(editor):
    guess_from_twenty_addresses("editor")
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    assert log_in("editor", PASSWORD, address="192.0.2.55").status_code == 302
