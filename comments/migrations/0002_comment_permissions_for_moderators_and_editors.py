"""Give the Moderators and Editors groups exactly the comment permissions.

Moderators work the queue: view and change comments (status goes through the admin
actions), view reports and the moderation history. Editors do the same and also
edit the Discussion settings. The groups come from reviews' editorial roles migration;
get_or_create keeps this working if that ever changes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

QUEUE_PERMISSIONS = [
    "view_comment",
    "change_comment",
    "view_commentreport",
    "view_moderationdecision",
]
SETTINGS_PERMISSIONS = ["view_discussionsettings", "change_discussionsettings"]
ROLES = {
    "Moderators": QUEUE_PERMISSIONS,
    "Editors": QUEUE_PERMISSIONS + SETTINGS_PERMISSIONS,
}


def grant(apps, schema_editor):
    comments_config = apps.get_app_config("comments")
    comments_config.models_module = True
    create_permissions(comments_config, apps=apps, verbosity=0)
    comments_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="comments"))
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="comments", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    comment_permissions = Permission.objects.filter(content_type__app_label="comments")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*comment_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_comments_reports_moderation_log_settings"),
        ("reviews", "0004_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
