"""Rename reviews_rating to ratings_rating, and move its content type, keeping every vote.

Moving the content type keeps the permissions that point at it, so the Editors keep
theirs, and the admin's log entries for ratings keep their links.
"""

from django.db import migrations


def move_content_type(apps, schema_editor, source="reviews", target="ratings"):
    content_types = apps.get_model("contenttypes", "ContentType").objects
    if not content_types.filter(app_label=target, model="rating").exists():
        content_types.filter(app_label=source, model="rating").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="ratings", target="reviews")


class Migration(migrations.Migration):
    dependencies = [
        ("ratings", "0001_initial"),
        ("reviews", "0009_rating_moves_to_ratings"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="rating", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
