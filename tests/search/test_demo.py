"""Search over the demo content that `make run` loads: what a first visitor would try."""

import pytest

from reviews.models import Review
from tests.search.conftest import found_shows, search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["Metallic Rou", "メタリックルージュ"])
def test_the_demo_show_and_its_live_reviews_are_found_by_name(client, demo, typed):
    response = search(client, typed)
    found = {review.slug for review in response.context["page_obj"].object_list}

    assert found_shows(response) == ["Metallic Rouge"]
    assert "metallic-rouge-season-01-review" in found
    assert found <= set(Review.objects.live().values_list("slug", flat=True))
