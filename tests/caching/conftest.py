"""Fixtures for the page cache tests: a live review with its neighbourhood, and a reader."""

import pytest
from django.test import Client

from tests.factories import GenreFactory, QualityVariantFactory, TitleFactory
from tests.reviews.factories import ReviewFactory


@pytest.fixture
def review(db):
    """A live review of a show with a genre and one quality variant."""
    title = TitleFactory(name="Metallic Rouge", genres=[GenreFactory(name="Mecha")])
    QualityVariantFactory(season__title=title)
    return ReviewFactory(title=title, headline="Metallic Rouge reviewed")


@pytest.fixture
def reader():
    """An anonymous reader's browser, which the CSRF check treats like a real one."""
    return Client(enforce_csrf_checks=True)
