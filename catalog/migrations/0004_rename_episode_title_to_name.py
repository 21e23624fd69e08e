"""Episode.title becomes Episode.name: `title` is the show everywhere else in the catalog.

A plain column rename keeps every episode's name. No SQL needs adjusting: the search
trigger of migration 0003 reads catalog_title columns only, never catalog_episode.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_title_search_vector"),
    ]

    operations = [
        migrations.RenameField(model_name="episode", old_name="title", new_name="name"),
    ]
