"""Review articles and the record of their editorial workflow."""

from decimal import Decimal

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from catalog.models import SCORE_VALIDATORS, Season, Title
from images.fields import SafeImageField
from images.models import ImageUse
from reviews.headlines import compose_headline, distinct_headline
from reviews.markdown import render_body
from reviews.scores import to_one_decimal

# Counters kept by their own write paths (ratings.services, comments.services), never
# by saving the article: neither an editor's save nor a restored revision may write back
# a stale count.
COUNTER_FIELDS = ("rating_count", "rating_sum", "comment_count")
# Tags a review may carry: enough to describe it, few enough to save in one go.
MAX_TAGS = 30


class ReviewQuerySet(models.QuerySet):
    def live(self):
        """The one definition of "public": published, and its publish time has come."""
        return self.filter(status=Review.Status.PUBLISHED, publish_at__lte=timezone.now())

    def next_publish_at(self, now):
        """When the next scheduled review goes live, or None: what cached reads must not outlive."""
        return (
            self.filter(status=Review.Status.PUBLISHED, publish_at__gt=now)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )


class ReviewManager(models.Manager.from_queryset(ReviewQuerySet)):
    def get_queryset(self):
        """Leave the search vector in the database: only search reads it, inside SQL."""
        return super().get_queryset().defer("search_vector")


@reversion.register(exclude=(*COUNTER_FIELDS, "search_vector"))
class Review(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    title = models.ForeignKey(
        Title, on_delete=models.PROTECT, related_name="reviews", verbose_name="show"
    )
    season = models.ForeignKey(
        Season,
        on_delete=models.PROTECT,
        related_name="reviews",
        null=True,
        blank=True,
        help_text="Leave empty when the review covers the whole show.",
    )
    headline = models.CharField(
        max_length=250,
        blank=True,
        help_text=(
            "Leave empty to compose it from the catalog: show (season) languages [resolutions]."
        ),
    )
    display_headline = models.CharField(
        max_length=250,
        editable=False,
        default="",
        help_text="The headline readers see: the override, else the composed one. Stored so "
        "lists need no catalog queries; refreshed on save and when the catalog changes.",
    )
    slug = models.SlugField(max_length=200, unique=True)
    excerpt = models.TextField(blank=True, help_text="One or two sentences for lists and feeds.")
    body = models.TextField(
        help_text="Markdown. See the README for headings, spoiler blocks and library images "
        '(![alt text](image:42 "caption")).',
    )
    body_html = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    verdict = models.TextField("final summary", blank=True)
    editor_score = models.DecimalField(
        max_digits=3, decimal_places=1, null=True, blank=True, validators=SCORE_VALIDATORS
    )
    tags = TaggableManager(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time", null=True, blank=True, help_text="A future time schedules the review."
    )
    comments_open = models.BooleanField(default=True)
    is_featured = models.BooleanField("featured", default=False)
    meta_description = models.CharField(max_length=300, blank=True)
    cover = SafeImageField(
        upload_to="covers/",
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
        help_text="Optional; the show's poster is used when empty. JPEG, PNG or WebP.",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    rating_count = models.PositiveIntegerField("reader ratings", default=0, editable=False)
    rating_sum = models.PositiveIntegerField("sum of reader scores", default=0, editable=False)
    comment_count = models.PositiveIntegerField("approved comments", default=0, editable=False)
    # Filled by a PostgreSQL trigger, GIN-indexed there (reviews migration 0007); unused on
    # SQLite, where search falls back to icontains. See animeblog/search.py.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ReviewManager()

    class Meta:
        ordering = ["-publish_at", "-created_at"]
        indexes = [models.Index(fields=["status", "publish_at"])]
        permissions = [
            ("publish_review", "Can publish, schedule, unpublish and return reviews"),
            ("archive_review", "Can archive and restore reviews"),
            ("edit_others_review", "Can edit reviews of other writers at any status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(editor_score__isnull=True)
                | Q(editor_score__gte=0, editor_score__lte=10),
                name="review_editor_score_0_to_10",
                violation_error_message="Scores run from 0.0 to 10.0.",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="review_published_has_publish_time",
                violation_error_message="A published review needs a publish time.",
            ),
            models.CheckConstraint(
                condition=Q(
                    rating_sum__gte=F("rating_count"), rating_sum__lte=F("rating_count") * 10
                ),
                name="review_rating_sum_fits_count",
                violation_error_message="Reader scores run from 1 to 10 each.",
            ),
        ]

    def __str__(self):
        return self.display_headline or self.headline or self.slug

    def save(self, *args, **kwargs):
        """Render the body and compose the headline once here, never per request.

        The library images the body places are recorded (ReviewImage), which keeps them
        from being deleted; ``body_warnings`` tells the editor of those it names in vain.
        """
        image_ids = self.refresh_derived_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is None and not self._state.adding:
            update_fields = self.fields_saved_with_the_article()
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "body_html",
                "toc",
                "display_headline",
                "updated_at",
            }
        adding = self._state.adding
        super().save(*args, **kwargs)
        self.keep_image_uses(image_ids, adding=adding)

    def get_absolute_url(self):
        return reverse("reviews:detail", kwargs={"slug": self.slug})

    def keep_image_uses(self, image_ids: list[int], *, adding: bool) -> None:
        """Record exactly these library images as placed in the body."""
        if not adding:
            self.image_uses.exclude(image_id__in=image_ids).delete()
        if image_ids:
            ReviewImage.objects.bulk_create(
                [ReviewImage(review=self, image_id=image_id) for image_id in image_ids],
                ignore_conflicts=True,
            )

    def refresh_derived_fields(self) -> list[int]:
        """The rendered body, its table of contents and the headline readers see.

        Returns the ids of the library images the body places.
        """
        rendered = render_body(self.body)
        self.body_html, self.toc = rendered.html, rendered.toc
        self.body_warnings = rendered.warnings
        self.display_headline = self.compose_display_headline()
        return rendered.image_ids

    @property
    def is_live(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    def fields_saved_with_the_article(self) -> list[str]:
        """Every loaded field but the counters, which votes and comments change under our feet."""
        skipped = {*COUNTER_FIELDS, *self.get_deferred_fields()}
        return [
            field.name
            for field in self._meta.concrete_fields
            if not field.primary_key and field.attname not in skipped
        ]

    @property
    def reader_average(self) -> Decimal | None:
        """The readers' mean score, rounded half-up to one decimal; None before the first vote."""
        if not self.rating_count:
            return None
        return to_one_decimal(Decimal(self.rating_sum) / self.rating_count)

    def compose_display_headline(self) -> str:
        """The override, else the composed headline told apart from other reviews' (see
        reviews/headlines.py), cut to fit the stored field.

        Sets ``headline_shown_elsewhere`` to the composed headline when another review
        already shows it, else to "", so the admin can tell the editor.
        """
        limit = self._meta.get_field("display_headline").max_length
        self.headline_shown_elsewhere = ""
        if self.headline.strip():
            return self.headline.strip()[:limit]
        composed = compose_headline(self)[:limit]
        distinct = distinct_headline(self, composed, limit=limit)
        if distinct != composed:
            self.headline_shown_elsewhere = composed
        return distinct


class Transition(models.Model):
    """One step of the editorial workflow: who moved the review, when, from and to what."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=10, choices=Review.Status.choices)
    to_status = models.CharField(max_length=10, choices=Review.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class ReviewImage(ImageUse):
    """A library image placed in a review's body, kept by Review.save; it protects the image."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="image_uses")
    used_in_field = "review"

    class Meta:
        # Kept by Review.save alone: nobody adds or changes one by hand.
        default_permissions = ()
        # How Django's delete page names a use that protects an image.
        verbose_name = verbose_name_plural = "placed in"
        constraints = [
            models.UniqueConstraint(fields=["review", "image"], name="review_image_once"),
        ]

    def __str__(self):
        return f"the review “{self.review}”"


@reversion.register()
class PendingChange(models.Model):
    """Edits to a live review, kept apart until an editor publishes them.

    Readers keep seeing the review's own row; ``values`` holds the edited form
    fields (tags included) as reviews.merging serialises them. ``based_on`` is
    the live review's ``updated_at`` when the first of these edits was saved.
    """

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="pending_change")
    values = models.JSONField()
    based_on = models.DateTimeField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Unpublished changes to {self.review}"


class Autosave(models.Model):
    """What one user typed in a review's admin form and has not saved yet; never the review.

    One per user and review; ``review`` is empty for the user's new-review (add) form.
    Written by the editor's autosave while typing (reviews.autosaves), deleted when the
    user saves the review or discards it, and ignored once older than AUTOSAVE_MAX_AGE.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    fields = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # Reached only through the review form's own permissions: no permissions of its own.
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["user", "review"], name="autosave_one_per_review"),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(review__isnull=True),
                name="autosave_one_new_review_per_user",
            ),
        ]

    def __str__(self):
        return f"Autosave of {self.review or 'a new review'} at {self.saved_at:%Y-%m-%d %H:%M}"


class AuthorProfile(models.Model):
    """How a staff user appears to readers: the byline, their page and its short bio.

    A user without one (or with `is_public` off) is bylined as the site, never by
    username (reviews.authors). Edited in the admin.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="author_profile"
    )
    slug = models.SlugField(unique=True, help_text="The page's address: /authors/<slug>/.")
    display_name = models.CharField(max_length=100, help_text="The name on bylines and feeds.")
    bio = models.TextField(max_length=600, blank=True, help_text="A few plain-text sentences.")
    avatar = SafeImageField(
        upload_to="avatars/",
        blank=True,
        width_field="avatar_width",
        height_field="avatar_height",
        help_text="Optional; a square picture works best. JPEG, PNG or WebP.",
    )
    avatar_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    avatar_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    is_public = models.BooleanField(
        "public", default=True, help_text="Off: bylines name the site and the page is gone."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("reviews:author", kwargs={"slug": self.slug})
