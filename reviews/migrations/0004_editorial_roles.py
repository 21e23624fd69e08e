"""Create the editorial roles as groups with exact permissions.

Writers: add, change and view reviews (admin limits them to their own, in draft
or in review, and never lets them publish), view the catalog.
Editors: everything on reviews, tags and the catalog, including the workflow
permissions publish_review, archive_review and edit_others_review.
Moderators: view reviews and shows only; the comments app adds its permissions.

Running the migration again (or reversing it) resets the groups to exactly this.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITERS = "Writers"
EDITORS = "Editors"
MODERATORS = "Moderators"


def _ensure_permissions(apps):
    """Permissions are normally created after migrate; this migration needs them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(**filters):
        return list(Permission.objects.filter(**filters))

    review_perms = perms(content_type__app_label="reviews")
    catalog_perms = perms(content_type__app_label="catalog")
    tag_perms = perms(content_type__app_label="taggit")
    roles = {
        WRITERS: perms(
            content_type__app_label="reviews",
            codename__in=["add_review", "change_review", "view_review"],
        )
        + perms(content_type__app_label="catalog", codename__startswith="view_"),
        EDITORS: review_perms + catalog_perms + tag_perms,
        MODERATORS: perms(
            content_type__app_label__in=["reviews", "catalog"],
            codename__in=["view_review", "view_title"],
        ),
    }
    for name, permissions in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[WRITERS, EDITORS, MODERATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_safe_cover_image"),
        ("catalog", "0002_poster_dimensions_and_safe_images"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
