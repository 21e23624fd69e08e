"""Presence on a review's admin page: "NAME is also editing this review (since HH:MM)"."""

import json
import re
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from reviews import presence
from tests.factories import UserFactory
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.django_db


def presence_url(review):
    return reverse("admin:reviews_review_presence", args=[review.pk])


def change_url(review):
    return reverse("admin:reviews_review_change", args=[review.pk])


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def heartbeat(client, review, **data):
    response = client.post(presence_url(review), data)
    assert response.status_code == 200, response.content
    return response.json()["messages"]


def banner(page) -> list[str]:
    """The banner's lines as the change page first renders them."""
    html = page.content.decode()
    region = re.search(r'<div id="presence"[^>]*>(.*?)</div>', html, re.S)
    assert region, "no presence banner on the page"
    return re.findall(r'<p class="presence__message">(.*?)</p>', region.group(1))


@pytest.fixture
def review():
    return ReviewFactory(draft=True)


@pytest.fixture
def asha():
    return staff_user(
        "Editors", username="asha", first_name="Asha", last_name="Menon", email="asha@staff.example"
    )


@pytest.fixture
def ravi():
    return staff_user(
        "Editors", username="ravi", first_name="Ravi", last_name="Iyer", email="ravi@staff.example"
    )


def test_the_second_editor_sees_the_first_on_the_page_and_the_first_sees_the_second(
    review, asha, ravi
):
    first, second = signed_in(asha), signed_in(ravi)
    assert banner(first.get(change_url(review))) == []

    page = second.get(change_url(review))

    lines = banner(page)
    assert len(lines) == 1
    assert re.fullmatch(r"Asha Menon is also editing this review \(since \d\d:\d\d\)", lines[0])
    messages = heartbeat(first, review)
    assert len(messages) == 1
    assert re.fullmatch(r"Ravi Iyer is also editing this review \(since \d\d:\d\d\)", messages[0])


def test_names_never_show_an_email_and_since_is_in_the_site_time_zone(review, ravi):
    emailed = staff_user("Editors", username="nameless", email="nameless@staff.example")
    before = datetime.now(ZoneInfo(settings.TIME_ZONE)).strftime("%H:%M")
    heartbeat(signed_in(emailed), review)
    after = datetime.now(ZoneInfo(settings.TIME_ZONE)).strftime("%H:%M")

    [message] = heartbeat(signed_in(ravi), review)

    assert "@" not in message
    assert message.startswith("nameless is also editing this review (since ")
    assert message[-6:-1] in {before, after}


def test_since_stays_the_time_the_editor_arrived(review, asha, ravi):
    first = signed_in(asha)
    heartbeat(first, review)
    [arrived] = heartbeat(signed_in(ravi), review)
    heartbeat(first, review)
    assert heartbeat(signed_in(ravi), review) == [arrived]


def test_an_editor_alone_sees_nobody(review, asha):
    client = signed_in(asha)
    assert heartbeat(client, review) == []
    assert heartbeat(client, review) == []


def test_presence_is_per_review(review, asha, ravi):
    other_review = ReviewFactory(draft=True)
    heartbeat(signed_in(asha), other_review)
    assert heartbeat(signed_in(ravi), review) == []


def test_an_editor_who_falls_silent_past_the_expiry_is_no_longer_shown(
    review, asha, ravi, monkeypatch
):
    monkeypatch.setattr(presence, "EXPIRY_SECONDS", 1)
    heartbeat(signed_in(asha), review)
    second = signed_in(ravi)
    assert len(heartbeat(second, review)) == 1

    time.sleep(1.5)

    assert heartbeat(second, review) == []


def test_an_editor_who_leaves_the_page_is_no_longer_shown(review, asha, ravi):
    first, second = signed_in(asha), signed_in(ravi)
    heartbeat(first, review)
    assert len(heartbeat(second, review)) == 1

    assert heartbeat(first, review, leaving="1") == []

    assert heartbeat(second, review) == []
    assert banner(second.get(change_url(review))) == []


def test_a_heartbeat_answered_after_the_pages_last_beacon_does_not_bring_the_editor_back(
    review, asha, ravi
):
    first, second = signed_in(asha), signed_in(ravi)
    heartbeat(first, review, page="tab-one")
    heartbeat(first, review, page="tab-one", leaving="1")

    heartbeat(first, review, page="tab-one")  # sent before the beacon, answered after it

    assert heartbeat(second, review) == []
    heartbeat(first, review, page="tab-two")  # Asha opens the review again
    (shown,) = heartbeat(second, review)
    assert shown.startswith("Asha Menon is also editing this review")


def test_the_page_loads_the_banner_script_from_static_files_with_its_endpoint(review, asha):
    html = signed_in(asha).get(change_url(review)).content.decode()
    assert 'aria-live="polite"' in html
    assert f'data-presence-url="{presence_url(review)}"' in html
    assert re.search(r'<script src="/static/js/presence[^"]*\.js" defer></script>', html)
    assert "<script>" not in html.split('id="presence"')[1].split("</form>")[0]


def test_anonymous_visitors_are_sent_to_the_login(client, review):
    response = client.post(presence_url(review))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_readers_who_are_not_staff_are_sent_to_the_login(review):
    response = signed_in(UserFactory()).post(presence_url(review))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_who_may_not_edit_the_review_are_refused(review):
    moderator = staff_user("Moderators")
    response = signed_in(moderator).post(presence_url(review))
    assert response.status_code == 403
    assert response.json() == {"error": "You may not edit this review."}
    assert 'id="presence"' not in signed_in(moderator).get(change_url(review)).content.decode()


def test_a_writer_counts_only_on_their_own_review_while_they_may_edit_it(review):
    writer = staff_user("Writers")
    client = signed_in(writer)
    assert client.post(presence_url(review)).status_code == 404
    own_scheduled = ReviewFactory(scheduled=True, author=writer)
    assert client.post(presence_url(own_scheduled)).status_code == 403
    own_live = ReviewFactory(author=writer)  # edits to it become unpublished changes
    assert heartbeat(client, own_live) == []
    own_draft = ReviewFactory(draft=True, author=writer)
    assert heartbeat(client, own_draft) == []


def test_a_heartbeat_without_the_csrf_token_is_refused(review, asha):
    client = Client(enforce_csrf_checks=True)
    client.force_login(asha)
    response = client.post(presence_url(review))
    assert response.status_code == 403
    assert heartbeat_count(review) == 0


def test_a_heartbeat_with_the_pages_csrf_token_is_accepted(review, asha):
    client = Client(enforce_csrf_checks=True)
    client.force_login(asha)
    page = client.get(change_url(review)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(presence_url(review), {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert response.json() == {"messages": []}


def test_a_heartbeat_must_be_a_post(review, asha):
    assert signed_in(asha).get(presence_url(review)).status_code == 405


@pytest.mark.parametrize("object_id", ["999999", "abc", "99999999999999999999999"])
def test_a_heartbeat_for_no_such_review_is_a_404(asha, object_id):
    url = reverse("admin:reviews_review_presence", args=[object_id])
    response = signed_in(asha).post(url)
    assert response.status_code == 404
    assert json.loads(response.content) == {"error": "No such review."}


def heartbeat_count(review) -> int:
    """How many editors the cache lists on ``review``, as a fresh editor's heartbeat sees it."""
    observer = staff_user("Editors", username="observer")
    return len(heartbeat(signed_in(observer), review))
