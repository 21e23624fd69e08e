"""Fixtures for the comment tests: a live review, its settings row, and a poster helper."""

import pytest

from comments.models import DiscussionSettings
from tests.comments.factories import form_data
from tests.reviews.factories import ReviewFactory


@pytest.fixture
def review(db):
    return ReviewFactory()


@pytest.fixture
def rules(db) -> DiscussionSettings:
    """The Discussion settings row; tests change a field and save it."""
    return DiscussionSettings.load()


@pytest.fixture
def post_comment(client):
    """Post the comment form for a review as a reader's browser would; returns the response."""

    def post(review, client=client, **overrides):
        return client.post(f"/reviews/{review.slug}/comment/", form_data(review, **overrides))

    return post
