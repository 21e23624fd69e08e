"""Comment models: reader comments, reports, the moderation log and the Discussion settings."""

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxLengthValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from core.generations import now_and_on_commit
from reviews.models import Review

NAME_MAX_LENGTH = 100
BODY_MAX_LENGTH = 5000
WEBSITE_SCHEMES = ["http", "https"]
SETTINGS_CACHE_KEY = "comments:discussion-settings"


class DiscussionSettings(models.Model):
    """The moderation rules, edited in the admin like WordPress's Settings → Discussion.

    A singleton: one row with pk 1, created on first use, so every app server reads the
    same rules from the database instead of from per-process configuration.
    """

    class Order(models.TextChoices):
        OLDEST_FIRST = "oldest", "Older comments at the top"
        NEWEST_FIRST = "newest", "Newer comments at the top"

    hold_all = models.BooleanField(
        "hold every comment for moderation",
        default=True,
        help_text="A moderator approves each comment before it appears.",
    )
    approve_known_authors = models.BooleanField(
        "approve authors with an approved comment",
        default=True,
        help_text=(
            "A comment is approved at once when the author's browser already wrote an "
            "approved comment under the same email (remembered in a signed cookie for a "
            "year). The email alone is not enough: anyone who knows it could type it."
        ),
    )
    max_links = models.PositiveSmallIntegerField(
        "hold a comment with more than this many links", default=2
    )
    moderation_words = models.TextField(
        blank=True,
        help_text=(
            "One word or phrase per line. A comment containing one in its name, email, "
            "website, text, IP address or browser is held for moderation."
        ),
    )
    spam_words = models.TextField(
        blank=True,
        help_text="One word or phrase per line, matched the same way; such a comment goes to spam.",
    )
    close_after_days = models.PositiveIntegerField(
        "close comments on reviews older than (days)",
        default=0,
        help_text="0 keeps comments open whatever the review's age.",
    )
    thread_depth = models.PositiveSmallIntegerField(
        "thread depth",
        default=5,
        validators=[MinValueValidator(1)],
        help_text="Levels of replies shown; 1 turns threading off.",
    )
    per_page = models.PositiveSmallIntegerField(
        "top-level comments per page", default=20, validators=[MinValueValidator(1)]
    )
    order = models.CharField(max_length=6, choices=Order.choices, default=Order.OLDEST_FIRST)
    notify_moderators = models.BooleanField("email moderators about held comments", default=True)
    report_threshold = models.PositiveSmallIntegerField(
        "reports that send a comment back to moderation",
        default=3,
        validators=[MinValueValidator(1)],
        help_text="Distinct readers reporting an approved comment return it to the queue.",
    )

    class Meta:
        verbose_name = "discussion settings"
        verbose_name_plural = "discussion settings"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="discussion_settings_singleton"),
        ]

    def __str__(self):
        return "Discussion settings"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Every server reads the rules through the shared cache; drop them now and again
        # on commit, so a page rendered in between cannot keep the old rules.
        now_and_on_commit(cache.delete, SETTINGS_CACHE_KEY)

    @classmethod
    def load(cls) -> "DiscussionSettings":
        """The rules, from the shared cache if any (every page with comments reads them)."""
        seconds = settings.FRAGMENT_CACHE_SECONDS
        settings_row = cache.get(SETTINGS_CACHE_KEY) if seconds > 0 else None
        if settings_row is None:
            settings_row, _ = cls.objects.get_or_create(pk=1)
            if seconds > 0:
                cache.set(SETTINGS_CACHE_KEY, settings_row, timeout=seconds)
        return settings_row

    @staticmethod
    def _word_list(text: str) -> list[str]:
        return [line.strip().lower() for line in text.splitlines() if line.strip()]

    @property
    def moderation_word_list(self) -> list[str]:
        return self._word_list(self.moderation_words)

    @property
    def spam_word_list(self) -> list[str]:
        return self._word_list(self.spam_words)


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def count_by_status(self) -> dict[str, int]:
        """{status: number of comments} for every status, zeros included, in one query."""
        counts = dict.fromkeys(Comment.Status.values, 0)
        rows = self.values_list("status").annotate(total=models.Count("pk")).order_by()
        counts.update(dict(rows))
        return counts


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Removed"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    # The top-level comment of the thread (empty on top-level comments themselves), so a
    # page of threads and all their replies come back from one query.
    root = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    email = models.EmailField()
    website = models.URLField(
        blank=True, validators=[URLValidator(schemes=WEBSITE_SCHEMES)], max_length=200
    )
    body = models.TextField(
        "comment", max_length=BODY_MAX_LENGTH, validators=[MaxLengthValidator(BODY_MAX_LENGTH)]
    )
    is_spoiler = models.BooleanField("contains spoilers", default=False)
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    held_reason = models.CharField(max_length=200, blank=True)
    link_count = models.PositiveSmallIntegerField("links", default=0)
    ip = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField("browser", max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        help_text="Set when a signed-in staff member wrote it.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["review", "status", "parent"]),
            models.Index(fields=["review", "root"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX_LENGTH),
                name="comment_body_max_length",
                violation_error_message="A comment holds at most 5,000 characters.",
            ),
            models.CheckConstraint(
                condition=Q(website="")
                | Q(website__startswith="http://")
                | Q(website__startswith="https://"),
                name="comment_website_http_or_https",
                violation_error_message="Only http and https website links are allowed.",
            ),
        ]

    def __str__(self):
        return f"{self.name} on {self.review}"

    def get_absolute_url(self):
        return f"{self.review.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"

    @property
    def thread_root_id(self) -> int:
        return self.root_id or self.pk


class CommentReport(models.Model):
    """One reader's report of an approved comment; enough distinct ones send it back to the queue.

    A reader is told apart by IP address and by their voter id (the signed cookie that
    reader ratings use, or their account); a second report from either is refused, so
    one person cannot reach the threshold alone.
    """

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    ip = models.GenericIPAddressField("IP address", null=True, blank=True)
    voter_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "voter_id"], name="comment_report_once_per_voter"
            ),
            models.UniqueConstraint(fields=["comment", "ip"], name="comment_report_once_per_ip"),
        ]

    def __str__(self):
        return f"Report on comment {self.comment_id}"


class ModerationDecision(models.Model):
    """The record of one change of a comment's status: who, when, from, to and why."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="decisions")
    from_status = models.CharField(max_length=8, choices=Comment.Status.choices, blank=True)
    to_status = models.CharField(max_length=8, choices=Comment.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the site decided by its rules.",
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.from_status or 'new'} → {self.to_status}"
