"""The editorial roles (Writers, Editors, Moderators): their groups and exact permissions."""

from collections.abc import Iterable

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, router

# Group name -> every permission the group holds on the apps named here, as
# "app_label.codename". Granted by grant_role_permissions after every migrate; a
# permission on one of these apps that is not listed is taken away.
ROLE_PERMISSIONS = {
    # Reviews of their own (admin limits them to drafts and reviews in review, and
    # unpublished changes to live ones; never lets them publish), images added to the
    # library, and a look at the catalog.
    "Writers": [
        "reviews.add_review",
        "reviews.change_review",
        "reviews.view_review",
        "images.add_image",
        "images.view_image",
        "catalog.view_episode",
        "catalog.view_genre",
        "catalog.view_language",
        "catalog.view_qualityvariant",
        "catalog.view_season",
        "catalog.view_studio",
        "catalog.view_title",
        "catalog.view_titlerelation",
    ],
    # Everything on reviews (the workflow included), the image library, reader ratings,
    # tags and the catalog; the comment queue and the discussion settings; static pages.
    "Editors": [
        "reviews.add_review",
        "reviews.change_review",
        "reviews.delete_review",
        "reviews.view_review",
        "reviews.publish_review",
        "reviews.archive_review",
        "reviews.edit_others_review",
        "reviews.add_transition",
        "reviews.change_transition",
        "reviews.delete_transition",
        "reviews.view_transition",
        "images.add_image",
        "images.change_image",
        "images.delete_image",
        "images.view_image",
        "reviews.add_pendingchange",
        "reviews.change_pendingchange",
        "reviews.delete_pendingchange",
        "reviews.view_pendingchange",
        "reviews.add_authorprofile",
        "reviews.change_authorprofile",
        "reviews.delete_authorprofile",
        "reviews.view_authorprofile",
        "ratings.add_rating",
        "ratings.change_rating",
        "ratings.delete_rating",
        "ratings.view_rating",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.delete_tag",
        "taggit.view_tag",
        "taggit.add_taggeditem",
        "taggit.change_taggeditem",
        "taggit.delete_taggeditem",
        "taggit.view_taggeditem",
        "catalog.add_episode",
        "catalog.change_episode",
        "catalog.delete_episode",
        "catalog.view_episode",
        "catalog.add_genre",
        "catalog.change_genre",
        "catalog.delete_genre",
        "catalog.view_genre",
        "catalog.add_language",
        "catalog.change_language",
        "catalog.delete_language",
        "catalog.view_language",
        "catalog.add_qualityvariant",
        "catalog.change_qualityvariant",
        "catalog.delete_qualityvariant",
        "catalog.view_qualityvariant",
        "catalog.add_season",
        "catalog.change_season",
        "catalog.delete_season",
        "catalog.view_season",
        "catalog.add_studio",
        "catalog.change_studio",
        "catalog.delete_studio",
        "catalog.view_studio",
        "catalog.add_title",
        "catalog.change_title",
        "catalog.delete_title",
        "catalog.view_title",
        "catalog.add_titlerelation",
        "catalog.change_titlerelation",
        "catalog.delete_titlerelation",
        "catalog.view_titlerelation",
        "comments.view_comment",
        "comments.change_comment",
        "comments.view_commentreport",
        "comments.view_moderationdecision",
        "comments.view_discussionsettings",
        "comments.change_discussionsettings",
        "pages.add_page",
        "pages.change_page",
        "pages.delete_page",
        "pages.view_page",
    ],
    # The comment queue (status changes go through the admin actions), reports, the
    # moderation history and the discussion settings; reviews and shows to read only.
    "Moderators": [
        "reviews.view_review",
        "catalog.view_title",
        "comments.view_comment",
        "comments.change_comment",
        "comments.view_commentreport",
        "comments.view_moderationdecision",
        "comments.view_discussionsettings",
        "comments.change_discussionsettings",
    ],
}

# The apps whose permissions the roles manage: after each is migrated, its part is granted.
ROLE_APP_LABELS = tuple(
    sorted({name.split(".")[0] for names in ROLE_PERMISSIONS.values() for name in names})
)


def grant_role_permissions(
    *, app_labels: Iterable[str] = ROLE_APP_LABELS, using: str = DEFAULT_DB_ALIAS, apps=global_apps
) -> None:
    """Give each role group exactly its permissions on these apps, creating missing groups.

    Idempotent. Only permissions that exist are granted: Django creates an app's
    permissions after the app is migrated, which is why post_migrate calls this for
    one app at a time. Permissions on other apps are left as they are.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    if not router.allow_migrate_model(using, Group):
        return
    permissions = {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in Permission.objects.using(using)
        .filter(content_type__app_label__in=app_labels)
        .select_related("content_type")
    }
    for group_name, granted in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=group_name)
        group.permissions.remove(*(p for name, p in permissions.items() if name not in granted))
        group.permissions.add(*(p for name, p in permissions.items() if name in granted))


def grant_role_permissions_after_migrate(
    sender, *, using: str = DEFAULT_DB_ALIAS, apps=global_apps, **kwargs
) -> None:
    """post_migrate receiver, connected for each app in ROLE_APP_LABELS: grant that app's part.

    migrate passes the migrated state's apps; flush (which sends post_migrate too) does not.
    """
    grant_role_permissions(app_labels=[sender.label], using=using, apps=apps)
