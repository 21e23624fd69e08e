"""Formerly created the editorial role groups with their permissions; now a no-op.

The groups and their exact permissions are defined in animeblog.roles and granted
after every migrate (a post_migrate receiver), once Django has created the
permissions; this migration stays so that the migration history is unchanged.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_safe_cover_image"),
        ("catalog", "0002_poster_dimensions_and_safe_images"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
