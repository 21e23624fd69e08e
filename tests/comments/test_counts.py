"""Review cards show how many approved comments a review has, kept up to date by moderation."""

import pytest
from django.contrib.auth.models import Group

from comments.models import Comment
from comments.services import moderate_comments, report_comment
from reviews.models import Review
from tests.factories import UserFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def card_count_on_home(client, review) -> str:
    """The comment count on the review's card on the home page, or "" when it shows none."""
    html = client.get("/").content.decode()
    card = html.split(f'href="{review.get_absolute_url()}"', 1)[1].split("</article>", 1)[0]
    if 'class="review-card__comments"' not in card:
        return ""
    return card.split('class="review-card__comments"', 1)[1].split(">", 1)[1].split("<", 1)[0]


@pytest.fixture
def moderator(db):
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_a_card_shows_the_approved_comments_and_not_the_held_ones(client, post_comment, rules):
    review = ReviewFactory()
    rules.hold_all = False
    rules.save()
    post_comment(review, body="First!")
    post_comment(review, body="Second thought", name="Arun", email="arun@example.org")
    rules.hold_all = True
    rules.save()
    post_comment(review, body="Held one", name="Meena", email="meena@example.org")

    assert card_count_on_home(client, review) == "2 comments"


def test_approving_and_removing_change_the_count_on_the_card(client, post_comment, moderator):
    review = ReviewFactory()
    post_comment(review)
    held = Comment.objects.get(review=review)
    assert card_count_on_home(client, review) == ""

    moderate_comments(comments=[held], to_status=Comment.Status.APPROVED, by=moderator)
    assert card_count_on_home(client, review) == "1 comment"

    moderate_comments(comments=[held], to_status=Comment.Status.REMOVED, by=moderator)
    assert card_count_on_home(client, review) == ""


def test_a_comment_sent_back_by_reports_leaves_the_count(rules):
    review = ReviewFactory()
    comment = Comment.objects.create(
        review=review, name="A", email="a@example.org", body="x", status=Comment.Status.APPROVED
    )
    Review.objects.filter(pk=review.pk).update(comment_count=1)
    rules.report_threshold = 1
    rules.save()

    report_comment(comment=comment, ip="203.0.113.9", voter_id="reader-1")

    review.refresh_from_db()
    assert review.comment_count == 0
