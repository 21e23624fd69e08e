"""Reader ratings now belong to the ratings app (ratings 0001): forget the model here only.

State only: the table and its rows are left alone for ratings 0002 to rename.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0008_review_comment_count"),
        ("ratings", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Rating")],
            database_operations=[],
        ),
    ]
