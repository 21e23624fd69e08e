"""Formerly gave the Moderators and Editors groups their comment permissions; now a no-op.

The editorial roles' permissions, the comment ones included, are defined in
animeblog.roles and granted after every migrate; this migration stays so that the
migration history is unchanged.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_comments_reports_moderation_log_settings"),
        ("reviews", "0004_editorial_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
