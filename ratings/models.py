"""A reader's score for a review; the review row keeps the count and sum readers see."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from reviews.models import Review


class Rating(models.Model):
    """One reader's score for one review: a signed-in reader by account, else by voter id.

    The voter id lives in a signed cookie (core.readers). Rating again updates this
    row; the database refuses a second row for the same reader. Written only through
    ratings.services, which keeps Review.rating_count and rating_sum in step.
    """

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_ratings",
    )
    voter_id = models.CharField(
        max_length=32, blank=True, help_text="An anonymous reader's browser id; empty for users."
    )
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    ip = models.GenericIPAddressField("IP address", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "user"],
                condition=Q(user__isnull=False),
                name="rating_one_per_user_per_review",
            ),
            models.UniqueConstraint(
                fields=["review", "voter_id"],
                condition=~Q(voter_id=""),
                name="rating_one_per_voter_per_review",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=10),
                name="rating_score_1_to_10",
                violation_error_message="A score is a whole number from 1 to 10.",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False, voter_id="")
                | (Q(user__isnull=True) & ~Q(voter_id="")),
                name="rating_has_one_voter",
                violation_error_message="A rating belongs to a user or to an anonymous voter id.",
            ),
        ]

    def __str__(self):
        return f"{self.score}/10 on {self.review}"
