"""Give the Editors group every permission on reader ratings (they see and delete abusive ones).

Editors hold every reviews permission (0004_editorial_roles); the Rating model is
newer than that migration, so its permissions are added here. Writers and
moderators get none: ratings are the editors' concern.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
RATING_CODENAMES = ["add_rating", "change_rating", "delete_rating", "view_rating"]


def rating_permissions(apps):
    """Permissions are normally created after migrate; this migration needs them now."""
    app_config = apps.get_app_config("reviews")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="reviews", codename__in=RATING_CODENAMES
    )


def grant(apps, schema_editor):
    editors = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.add(*rating_permissions(apps))


def revoke(apps, schema_editor):
    editors = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(*rating_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("reviews", "0005_reader_ratings")]

    operations = [migrations.RunPython(grant, revoke)]
