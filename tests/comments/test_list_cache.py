"""The rendered comment list is shared between readers until one of its comments changes."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from comments.services import edit_comment
from core.readers import VOTER_COOKIE
from tests.comments.factories import CommentFactory, form_data
from tests.comments.test_admin import bulk, staff_in
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'class="comment__report".*?name="csrfmiddlewaretoken" value="([^"]*)"', re.S)


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Whole cached pages would hide the list's own cache: every reader here gets a fresh page."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def moderator(db):
    return staff_in("Moderators", "moderator")


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


def page_of(review, client=None) -> str:
    return (client or Client()).get(review.get_absolute_url()).content.decode()


def comment_rows_read(review) -> int:
    """How many queries another reader's page spends reading the comments themselves."""
    with CaptureQueriesContext(connection) as captured:
        page_of(review)
    return sum('"root_id" IN' in query["sql"] for query in captured.captured_queries)


def test_the_next_reader_gets_the_list_without_the_comments_being_read_again():
    review = ReviewFactory()
    CommentFactory.create_batch(3, review=review, body="Shared words")
    assert comment_rows_read(review) == 1
    assert comment_rows_read(review) == 0
    assert page_of(review).count("Shared words") == 3


def test_an_approved_comment_shows_at_once_to_everyone(moderator_client):
    review = ReviewFactory()
    CommentFactory(review=review, body="Already there")
    page_of(review)  # the list is stored
    writer = Client()
    writer.post(f"/reviews/{review.slug}/comment/", form_data(review, body="Brand new words"))
    held = Comment.objects.get(body="Brand new words")
    assert held.status == Comment.Status.PENDING

    assert "Brand new words" in page_of(review, writer)  # the writer sees their own
    assert "Your comment is awaiting moderation" in page_of(review, writer)
    assert "Brand new words" not in page_of(review)  # nobody else does, nor was it stored
    assert "Already there" in page_of(review)

    bulk(moderator_client, "mark_approved", [held])
    assert "Brand new words" in page_of(review)
    assert "awaiting moderation" not in page_of(review, writer)


def test_a_comment_taken_off_or_edited_leaves_the_list_at_once(moderator_client, moderator):
    review = ReviewFactory()
    spam, edited = CommentFactory.create_batch(2, review=review)
    spam.body, edited.body = "Buy cheap pills", "First wording"
    Comment.objects.bulk_update([spam, edited], ["body"])
    page = page_of(review)
    assert "Buy cheap pills" in page and "First wording" in page

    bulk(moderator_client, "mark_spam", [spam], status="approved")
    assert "Buy cheap pills" not in page_of(review)

    edited.body = "Second wording"
    edit_comment(comment=edited, by=moderator)  # as the admin's change form saves it
    page = page_of(review)
    assert "Second wording" in page and "First wording" not in page


def test_each_reader_reports_with_their_own_token_from_the_shared_list():
    review = ReviewFactory()
    comment = CommentFactory(review=review)
    # A page anyone may be served carries no token (csrf.js fills it in)...
    assert TOKEN.search(page_of(review)).group(1) == ""
    # ...while readers with a cookie of their own get theirs, in the same stored list.
    tokens = []
    for number in (1, 2):
        reader = Client(enforce_csrf_checks=True)
        reader.cookies[VOTER_COOKIE] = f"voter-{number}"
        tokens.append(TOKEN.search(page_of(review, reader)).group(1))
        response = reader.post(
            f"/comments/{comment.pk}/report/",
            {"csrfmiddlewaretoken": tokens[-1]},
            REMOTE_ADDR=f"10.0.0.{number}",
        )
        assert response.status_code == 302
    assert tokens[0] and tokens[1] and tokens[0] != tokens[1]
    assert comment.reports.count() == 2


def test_the_discussion_rules_shape_the_shared_list(rules):
    review = ReviewFactory()
    older = CommentFactory(review=review, body="Older words")
    newer = CommentFactory(review=review, body="Newer words")
    assert older.created_at <= newer.created_at
    page = page_of(review)
    assert page.index("Older words") < page.index("Newer words")
    assert "comment-reply-link" in page

    rules.order = rules.Order.NEWEST_FIRST
    rules.save()
    page = page_of(review)
    assert page.index("Newer words") < page.index("Older words")

    review.comments_open = False
    review.save(update_fields=["comments_open"])
    assert "comment-reply-link" not in page_of(review)


def test_without_a_shared_cache_every_page_draws_its_list_afresh(settings):
    """The default without Redis: another process's approval must show at once here too."""
    settings.FRAGMENT_CACHE_SECONDS = 0
    review = ReviewFactory()
    CommentFactory(review=review, body="Fresh words")
    assert comment_rows_read(review) == 1
    assert comment_rows_read(review) == 1
    assert "Fresh words" in page_of(review)
