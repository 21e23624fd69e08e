"""Admin login is throttled by django-axes: five wrong passwords lock that username and IP out."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
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
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
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
