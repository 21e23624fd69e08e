"""Writes the demo reviews in `reviews.demo.data` to the database, safely repeatable.

The library images the bodies place are drawn first, once: each is keyed on its alt
text, and a body file's ``image:{key}`` becomes that image's ``image:42``. Reviews
are keyed on their slug through `update_or_create` (the authors' profiles on their
user), so a second run updates rather than duplicates. Publish times are set relative
to the moment of loading, so the published ones are always recent and the scheduled one is always
ahead. A review's workflow history is written only when it is first created.
"""

import re
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from catalog.models import Season, Title
from images.models import Image
from reviews.demo.data import AUTHORS, IMAGES, REVIEWS, DemoImage, DemoReview
from reviews.models import AuthorProfile, Review, Transition

CONTENT_DIR = Path(__file__).resolve().parent / "content"
# How a body file names a demo image: image:{mars-capital}.
DEMO_IMAGE_REFERENCE = re.compile(r"image:\{(?P<key>[a-z0-9-]+)\}")

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
    """Create or update every demo review and its author's profile; needs the demo catalog."""
    now = timezone.now()
    for demo in AUTHORS:
        AuthorProfile.objects.update_or_create(
            user=_author(demo.username),
            defaults={"slug": demo.slug, "display_name": demo.display_name, "bio": demo.bio},
        )
    image_ids = {demo.key: _ensure_image(demo).pk for demo in IMAGES}
    return [_load_review(demo, now, image_ids) for demo in REVIEWS]


def body_of(demo: DemoReview, image_ids: dict[str, int]) -> str:
    """The body file's Markdown, its demo images named by their library ids."""
    text = (CONTENT_DIR / demo.body_file).read_text(encoding="utf-8")
    return DEMO_IMAGE_REFERENCE.sub(lambda match: f"image:{image_ids[match['key']]}", text)


def _ensure_image(demo: DemoImage) -> Image:
    """The demo image in the library, drawn and stored unless it already is."""
    image = Image.objects.filter(alt_text=demo.alt_text).order_by("pk").first()
    if image is not None and image.file.storage.exists(image.file.name):
        return image
    image = image or Image(alt_text=demo.alt_text, uploaded_by=_author("editor"))
    image.caption, image.credit = demo.caption, demo.credit
    image.file.save(f"{demo.key}.png", ContentFile(demo.draw()), save=True)
    return image


def _load_review(demo: DemoReview, now, image_ids: dict[str, int]) -> Review:
    title = _title(demo.show)
    author = _author(demo.author)
    review, created = Review.objects.update_or_create(
        slug=demo.slug,
        defaults={
            "title": title,
            "season": Season.objects.get(title=title, number=demo.season) if demo.season else None,
            "author": author,
            "body": body_of(demo, image_ids),
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
