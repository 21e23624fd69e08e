"""The editorial roles: groups created by a migration with exact permissions."""

import pytest
from django.contrib.auth.models import Group, Permission

pytestmark = pytest.mark.django_db


def codenames(group_name):
    """The group's permissions on reviews, catalog and tags (other apps add their own)."""
    permissions = Group.objects.get(name=group_name).permissions.filter(
        content_type__app_label__in=["reviews", "catalog", "taggit"]
    )
    return {
        f"{app}.{codename}"
        for app, codename in permissions.values_list("content_type__app_label", "codename")
    }


def test_writers_may_add_change_and_view_reviews_and_view_the_catalog():
    catalog_views = {
        f"catalog.{codename}"
        for codename in Permission.objects.filter(
            content_type__app_label="catalog", codename__startswith="view_"
        ).values_list("codename", flat=True)
    }

    assert codenames("Writers") == {
        "reviews.add_review",
        "reviews.change_review",
        "reviews.view_review",
        *catalog_views,
    }


def test_editors_have_every_review_and_catalog_permission():
    everything = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.filter(
            content_type__app_label__in=["reviews", "catalog", "taggit"]
        ).values_list("content_type__app_label", "codename")
    }

    assert codenames("Editors") == everything
    assert {
        "reviews.publish_review",
        "reviews.archive_review",
        "catalog.delete_title",
    } <= everything


def test_moderators_may_only_view_reviews_and_shows():
    assert codenames("Moderators") == {"reviews.view_review", "catalog.view_title"}
