"""The "approve authors with an approved comment" help text says it checks the browser too."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_comment_permissions_for_moderators_and_editors"),
    ]

    operations = [
        migrations.AlterField(
            model_name="discussionsettings",
            name="approve_known_authors",
            field=models.BooleanField(
                default=True,
                help_text=(
                    "A comment is approved at once when the author's browser already wrote an "
                    "approved comment under the same email (remembered in a signed cookie for a "
                    "year). The email alone is not enough: anyone who knows it could type it."
                ),
                verbose_name="approve authors with an approved comment",
            ),
        ),
    ]
