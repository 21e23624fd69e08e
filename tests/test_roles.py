"""The editorial roles: groups given exact permissions after every migrate."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from animeblog.roles import ROLE_APP_LABELS, ROLE_PERMISSIONS, grant_role_permissions

pytestmark = pytest.mark.django_db

# What the role table says each group holds.
LISTED = {name: set(names) for name, names in ROLE_PERMISSIONS.items()}


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


def role_permissions():
    """Each role group's permissions on the apps the roles manage, as "app_label.codename"."""
    return {
        group.name: {
            f"{app}.{codename}"
            for app, codename in group.permissions.filter(
                content_type__app_label__in=ROLE_APP_LABELS
            ).values_list("content_type__app_label", "codename")
        }
        for group in Group.objects.filter(name__in=ROLE_PERMISSIONS)
    }


def test_every_role_holds_exactly_the_permissions_its_table_lists():
    assert role_permissions() == LISTED


def test_granting_the_roles_twice_changes_nothing():
    before = role_permissions()
    groups = list(Group.objects.order_by("pk").values_list("pk", "name"))

    grant_role_permissions()
    grant_role_permissions()

    assert role_permissions() == before
    assert list(Group.objects.order_by("pk").values_list("pk", "name")) == groups


def test_a_migrate_on_a_fresh_database_gives_the_groups_their_permissions():
    Group.objects.filter(name__in=ROLE_PERMISSIONS).delete()
    Permission.objects.filter(content_type__app_label__in=ROLE_APP_LABELS).delete()

    call_command("migrate", verbosity=0)

    assert role_permissions() == LISTED


def test_a_migrate_takes_back_unlisted_permissions_on_role_apps_and_leaves_others():
    moderators = Group.objects.get(name="Moderators")
    moderators.permissions.add(
        Permission.objects.get(content_type__app_label="reviews", codename="delete_review"),
        Permission.objects.get(content_type__app_label="auth", codename="view_user"),
    )

    call_command("migrate", verbosity=0)

    assert role_permissions()["Moderators"] == set(ROLE_PERMISSIONS["Moderators"])
    assert moderators.permissions.filter(codename="view_user").exists()


def test_a_flush_as_transactional_tests_do_leaves_the_groups_with_their_permissions():
    call_command("flush", interactive=False, verbosity=0)

    assert role_permissions() == LISTED


def test_writers_add_and_view_library_images_editors_keep_the_library_moderators_neither():
    def library(group_name):
        return set(
            Group.objects.get(name=group_name)
            .permissions.filter(content_type__app_label="images")
            .values_list("codename", flat=True)
        )

    assert library("Writers") == {"add_image", "view_image"}
    assert library("Editors") == {"add_image", "change_image", "delete_image", "view_image"}
    assert library("Moderators") == set()
