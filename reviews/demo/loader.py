"""Writes the demo reviews in `reviews.demo.data` to the database, safely repeatable.

Reviews are keyed on their slug through `update_or_create`, so a second run
updates rather than duplicates. Publish times are set relative to the moment of
loading, so the published ones are always recent and the scheduled one is always
ahead. A review's workflow history is written only when it is first created.
"""

from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from catalog.models import Season, Title
from reviews.demo.data import REVIEWS, DemoReview
from reviews.models import Review, Transition

CONTENT_DIR = Path(__file__).resolve().parent / "content"

# The statuses a review passes through, in order, to reach each final status.
WORKFLOW_PATHS = {
    Review.Status.DRAFT: [],
    Review.Status.IN_REVIEW: [Review.Status.IN_REVIEW],
    Review.Status.PUBLISHED: [Review.Status.IN_REVIEW, Review.Status.PUBLISHED],
    Review.Status.ARCHIVED: [
        Review.Status.IN_REVIEW,
        Review.Status.PUBLISHED,
        Review.Status.ARCHIVED,
    ],
}


def load(log) -> None:
    """The `load_demo` hook: load the demo reviews; `log` takes one line."""
    reviews = load_demo_reviews()
    live = sum(review.is_live for review in reviews)
    log(f"Demo reviews: {len(reviews)} reviews, {live} of them live.")


@transaction.atomic
def load_demo_reviews() -> list[Review]:
    """Create or update every demo review; needs the demo catalog in place."""
    now = timezone.now()
    return [_load_review(demo, now) for demo in REVIEWS]


def body_of(demo: DemoReview) -> str:
    return (CONTENT_DIR / demo.body_file).read_text(encoding="utf-8")


def _load_review(demo: DemoReview, now) -> Review:
    title = _title(demo.show)
    author = _author(demo.author)
    review, created = Review.objects.update_or_create(
        slug=demo.slug,
        defaults={
            "title": title,
            "season": Season.objects.get(title=title, number=demo.season) if demo.season else None,
            "author": author,
            "body": body_of(demo),
            "excerpt": demo.excerpt,
            "verdict": demo.verdict,
            "editor_score": demo.editor_score,
            "status": demo.status,
            "publish_at": now + demo.publish_offset if demo.publish_offset is not None else None,
            "is_featured": demo.is_featured,
            "meta_description": demo.meta_description,
        },
    )
    review.tags.set(list(demo.tags))
    if created:
        _record_history(review, author, now)
    return review


def _title(slug: str) -> Title:
    try:
        return Title.objects.get(slug=slug)
    except Title.DoesNotExist:
        raise LookupError(
            f"The demo review needs the show {slug!r}; load the demo catalog first."
        ) from None


def _author(username: str):
    """The demo user, created without a usable password if `ensure_demo_users` has not run yet."""
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _record_history(review: Review, author, now) -> None:
    """Write the transitions the review would have gone through, an hour apart.

    The author submits; the demo editor takes every later step, as only editors may.
    Written directly rather than through reviews.services, whose permission checks
    would refuse: the demo accounts get their roles later, from `ensure_demo_users`.
    """
    editor = _author("editor")
    steps = WORKFLOW_PATHS[review.status]
    start = (review.publish_at or now) - timedelta(hours=len(steps))
    from_status = Review.Status.DRAFT
    for hour, to_status in enumerate(steps):
        Transition.objects.create(
            review=review,
            from_status=from_status,
            to_status=to_status,
            by=author if to_status == Review.Status.IN_REVIEW else editor,
            at=start + timedelta(hours=hour),
        )
        from_status = to_status
