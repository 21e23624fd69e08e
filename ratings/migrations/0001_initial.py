"""Take over reviews.Rating as ratings.Rating, in Django's state only: the table stays as it is.

The rows never move: this migration and reviews 0009 only tell Django that the model
now belongs to this app; 0002 then renames the table and the content type.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("reviews", "0008_review_comment_count"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Rating",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "voter_id",
                            models.CharField(
                                blank=True,
                                help_text="An anonymous reader's browser id; empty for users.",
                                max_length=32,
                            ),
                        ),
                        (
                            "score",
                            models.PositiveSmallIntegerField(
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(10),
                                ]
                            ),
                        ),
                        ("ip", models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "review",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="ratings",
                                to="reviews.review",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="review_ratings",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["-updated_at"],
                        "db_table": "reviews_rating",
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("user__isnull", False)),
                                fields=("review", "user"),
                                name="rating_one_per_user_per_review",
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("voter_id", ""), _negated=True),
                                fields=("review", "voter_id"),
                                name="rating_one_per_voter_per_review",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(("score__gte", 1), ("score__lte", 10)),
                                name="rating_score_1_to_10",
                                violation_error_message="A score is a whole number from 1 to 10.",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("user__isnull", False), ("voter_id", "")),
                                    models.Q(
                                        ("user__isnull", True),
                                        models.Q(("voter_id", ""), _negated=True),
                                    ),
                                    _connector="OR",
                                ),
                                name="rating_has_one_voter",
                                violation_error_message=(
                                    "A rating belongs to a user or to an anonymous voter id."
                                ),
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
