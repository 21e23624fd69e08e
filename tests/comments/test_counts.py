"""Review cards show how many approved comments a review has, kept exact by every write.

Moderation moves it, and comments approved at the same moment each count: the
races run on PostgreSQL, one browser (test client) and database connection per thread.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client

from comments.models import Comment, DiscussionSettings
from comments.services import moderate_comments, refresh_comment_counts, report_comment
from reviews.models import Review
from tests.comments.factories import form_data
from tests.concurrency import (
    all_at_once,
    in_background,
    skip_unless_postgresql,
    wait_for_lock_waiters,
)
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


def count_in_review_heading(client, review) -> str:
    """The count over the review's comment thread, as its heading says it."""
    html = client.get(review.get_absolute_url()).content.decode()
    return html.split('id="comments-title"', 1)[1].split(">", 1)[1].split("<", 1)[0].strip()


def approve_every_comment() -> None:
    rules = DiscussionSettings.load()
    rules.hold_all = False
    rules.save()


def comment_from(reader: int, review):
    """A reader's browser, at its own address (under the rate limit), posting its own text."""
    browser = Client()
    data = form_data(
        review,
        name=f"Reader {reader}",
        email=f"reader{reader}@example.org",
        body=f"Thought number {reader} about this show.",
    )
    address = f"10.1.{reader // 200}.{reader % 200 + 1}"

    def post():
        url = f"/reviews/{review.slug}/comment/"
        return browser.post(url, data, REMOTE_ADDR=address).status_code

    return post


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


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_comments_approved_at_once_are_all_counted_on_every_page(client):
    skip_unless_postgresql("the count of comments approved at once stays exact")
    review = ReviewFactory()
    approve_every_comment()
    rounds, readers = 3, 20

    for round_number in range(rounds):
        statuses = all_at_once(
            [comment_from(round_number * readers + number, review) for number in range(readers)]
        )

        assert statuses == [302] * readers
        review.refresh_from_db()
        approved = Comment.objects.approved().filter(review=review).count()
        assert (review.comment_count, approved) == ((round_number + 1) * readers,) * 2

    total = f"{rounds * readers} comments"
    assert card_count_on_home(client, review) == total
    assert count_in_review_heading(client, review) == total


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_comments_waiting_for_the_review_row_are_both_counted():
    """Both posts have stored their comment and queue behind the review's row, then go on."""
    skip_unless_postgresql("the count of comments approved at once stays exact")
    review = ReviewFactory()
    approve_every_comment()

    with transaction.atomic():
        Review.objects.select_for_update(no_key=True).get(pk=review.pk)
        posts = [in_background(comment_from(reader, review)) for reader in (1, 2)]
        wait_for_lock_waiters(2)

    assert [post() for post in posts] == [302, 302]
    review.refresh_from_db()
    assert review.comment_count == 2


def test_the_counter_can_be_refreshed_by_a_loader_that_wrote_comments_directly():
    """As data loaders (the peer benchmark's) call it after bulk-writing comments."""
    review = ReviewFactory()
    Comment.objects.bulk_create(
        Comment(
            review=review, name="Loader", email="l@example.org", body=f"c{n}", status="approved"
        )
        for n in range(3)
    )

    refresh_comment_counts([review.pk])

    review.refresh_from_db()
    assert review.comment_count == 3
