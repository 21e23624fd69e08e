"""Comments held for "more than 1 links" read "more than 1 link", as new ones do."""

from django.db import migrations

WRONG, RIGHT = "more than 1 links", "more than 1 link"


def fix_reasons(apps, schema_editor):
    apps.get_model("comments", "Comment").objects.filter(held_reason=WRONG).update(held_reason=RIGHT)
    apps.get_model("comments", "ModerationDecision").objects.filter(reason=WRONG).update(
        reason=RIGHT
    )


class Migration(migrations.Migration):
    dependencies = [("comments", "0003_known_authors_need_their_browser")]

    operations = [migrations.RunPython(fix_reasons, migrations.RunPython.noop)]
