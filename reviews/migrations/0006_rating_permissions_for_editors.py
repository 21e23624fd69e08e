"""Formerly gave the Editors group the reader rating permissions; now a no-op.

The editorial roles' permissions, ratings' included, are defined in animeblog.roles
and granted after every migrate; this migration stays so that the migration
history is unchanged.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reviews", "0005_reader_ratings")]

    operations = []
