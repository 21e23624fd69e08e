"""Demo comments for `manage.py load_demo`: a small discussion under the reference review.

load_demo calls load(log) after the reviews' loader, so the review exists. The comments
are our own writing. Running it again finds them by their text and adds nothing.
They are written directly rather than through services.post_comment: the demo needs set
statuses and dates, which the moderation rules would rightly not give a new comment; the
review's approved count is refreshed afterwards.
"""

from datetime import timedelta

from django.utils import timezone

from comments.models import Comment
from comments.services import refresh_comment_counts
from reviews.models import Review

REVIEW_SLUG = "metallic-rouge-season-01-review"

# (key, parent key, name, status, is_spoiler, hours ago, body)
DISCUSSION = [
    (
        "dub",
        None,
        "Kavya",
        "approved",
        False,
        50,
        "Watched the Tamil dub after reading this. The voice for Rouge is calm in exactly the "
        "right way, and the 1080p file was worth the wait.",
    ),
    (
        "dub-reply",
        "dub",
        "Arun",
        "approved",
        False,
        47,
        "Agreed on the dub. The fight in episode four sounded better to me than the original.",
    ),
    (
        "dub-reply-2",
        "dub-reply",
        "Kavya",
        "approved",
        False,
        45,
        "Episode four is the one I keep going back to as well.",
    ),
    (
        "ending",
        None,
        "Meena",
        "approved",
        True,
        30,
        "The last two episodes explain who the Visitors really are, and it changes how the "
        "first half reads. Worth a second watch.",
    ),
    (
        "pace",
        None,
        "Rahul",
        "pending",
        False,
        2,
        "Is the middle stretch really that slow? Thinking about starting it this weekend.",
    ),
]


def load(log) -> None:
    review = Review.objects.filter(slug=REVIEW_SLUG).first()
    if review is None:
        log("Demo comments skipped: the reference review is not loaded.")
        return
    by_key: dict[str, Comment] = {}
    created = 0
    for key, parent_key, name, status, is_spoiler, hours_ago, body in DISCUSSION:
        parent = by_key.get(parent_key)
        comment, was_created = Comment.objects.get_or_create(
            review=review,
            body=body,
            defaults={
                "parent": parent,
                "root_id": parent.thread_root_id if parent else None,
                "depth": parent.depth + 1 if parent else 0,
                "name": name,
                "email": f"{name.lower()}@demo.invalid",
                "status": status,
                "held_reason": "every comment is held for moderation"
                if status == "pending"
                else "",
                "is_spoiler": is_spoiler,
                "created_at": timezone.now() - timedelta(hours=hours_ago),
            },
        )
        by_key[key] = comment
        created += was_created
    refresh_comment_counts(review_ids=[review.pk])
    log(f"Demo comments: {created} added under “{review}”.")
