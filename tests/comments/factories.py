"""factory_boy factories for comments, and the form data a real reader's browser would post."""

import time

import factory

from comments.models import Comment
from comments.spam import issue_form_token
from tests.reviews.factories import ReviewFactory


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved top-level comment on a live review; pass parent= for a reply."""

    class Meta:
        model = Comment

    review = factory.LazyAttribute(
        lambda comment: comment.parent.review if comment.parent else ReviewFactory()
    )
    parent = None
    root = factory.LazyAttribute(
        lambda comment: (comment.parent.root or comment.parent) if comment.parent else None
    )
    depth = factory.LazyAttribute(lambda comment: comment.parent.depth + 1 if comment.parent else 0)
    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    body = factory.Sequence(lambda n: f"Comment number {n} about the show.")
    status = Comment.Status.APPROVED


def form_data(review, **overrides) -> dict:
    """A valid post from a person who took ten seconds to write it."""
    data = {
        "name": "Kavya",
        "email": "kavya@example.org",
        "website": "",
        "body": "The dub is better than I expected.",
        "form_token": issue_form_token(review.pk, issued_at=time.time() - 10),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
