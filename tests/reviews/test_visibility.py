"""A review that is not live (draft, in review, scheduled, archived) is on no public surface.

Each surface is checked against a live review of the same show as a control, so a
page that lists nothing at all cannot pass for one that hides the right review.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from tests.reviews.factories import ReviewFactory

NOT_LIVE = ["draft", "in_review", "scheduled", "archived"]
SURFACES = ["home", "tag", "genre", "language", "show", "rss", "atom", "sitemap"]


def review_of(neighbourhood, **traits):
    return ReviewFactory(title=neighbourhood.title, tags=[neighbourhood.tag], **traits)


@pytest.mark.parametrize("state", NOT_LIVE)
def test_a_review_that_is_not_live_has_no_page(client, neighbourhood, state):
    hidden = review_of(neighbourhood, **{state: True})

    assert client.get(hidden.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("state", NOT_LIVE)
def test_a_review_that_is_not_live_is_listed_nowhere(client, neighbourhood, state, surface):
    live = review_of(neighbourhood)
    hidden = review_of(neighbourhood, **{state: True})

    content = client.get(neighbourhood.public_list_urls()[surface]).content.decode()

    assert live.get_absolute_url() in content
    assert hidden.get_absolute_url() not in content


@pytest.mark.parametrize("state", NOT_LIVE)
def test_a_review_that_is_not_live_is_not_suggested_under_also_check(client, neighbourhood, state):
    reader_is_on = review_of(neighbourhood)
    live = review_of(neighbourhood)
    hidden = review_of(neighbourhood, **{state: True})

    response = client.get(reader_is_on.get_absolute_url())

    assert [review.pk for review in response.context["also_check"]] == [live.pk]
    assert hidden.get_absolute_url() not in response.content.decode()


def test_a_scheduled_review_appears_everywhere_once_its_time_comes(client, neighbourhood):
    """No cron job, no worker: only the clock moves between the two looks."""
    reader_is_on = review_of(neighbourhood)
    scheduled = review_of(neighbourhood, scheduled=True)
    url = scheduled.get_absolute_url()
    assert client.get(url).status_code == 404

    later = scheduled.publish_at + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert timezone.now() == later
        assert client.get(url).status_code == 200
        for surface, list_url in neighbourhood.public_list_urls().items():
            assert url in client.get(list_url).content.decode(), surface
        also_check = client.get(reader_is_on.get_absolute_url()).context["also_check"]
        assert scheduled in also_check
