"""The admin index's editorial to-do lists: what awaits editors, what writers have open."""

from django import template
from django.db.models import OuterRef, Subquery

from reviews.models import PendingChange, Review, Transition

register = template.Library()

DASHBOARD_LENGTH = 20


def writer_reviews(user):
    """The user's drafts and reviews in review, each with ``return_note`` when sent back."""
    last_step = Transition.objects.filter(review=OuterRef("pk")).order_by("-at", "-pk")
    reviews = (
        Review.objects.filter(
            author=user, status__in=[Review.Status.DRAFT, Review.Status.IN_REVIEW]
        )
        .annotate(
            last_from=Subquery(last_step.values("from_status")[:1]),
            last_note=Subquery(last_step.values("note")[:1]),
        )
        .order_by("-updated_at")[:DASHBOARD_LENGTH]
    )
    for review in reviews:
        was_returned = (
            review.status == Review.Status.DRAFT and review.last_from == Review.Status.IN_REVIEW
        )
        review.return_note = review.last_note if was_returned else ""
    return reviews


@register.inclusion_tag("admin/reviews/dashboard.html", takes_context=True)
def editorial_dashboard(context) -> dict:
    """The to-do lists; nothing for users with no review work, so the index stays as Django
    made it."""
    user = context["request"].user
    dashboard = {"awaiting_review": None, "pending_changes": None, "my_reviews": None}
    if user.has_perm("reviews.publish_review"):
        dashboard["awaiting_review"] = (
            Review.objects.filter(status=Review.Status.IN_REVIEW)
            .select_related("author")
            .order_by("updated_at")[:DASHBOARD_LENGTH]
        )
        dashboard["pending_changes"] = PendingChange.objects.select_related(
            "review", "saved_by"
        ).order_by("saved_at")[:DASHBOARD_LENGTH]
    if user.has_perm("reviews.add_review"):
        dashboard["my_reviews"] = writer_reviews(user)
    has_work = any(value is not None for value in dashboard.values())
    return {"dashboard": dashboard if has_work else None}
