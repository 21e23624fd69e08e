"""A commenter's email address appears in no public response: page, feeds, JSON-LD, sitemap."""

import pytest

from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import GenreFactory, TitleFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

DOMAIN = "@commenters.example"


@pytest.fixture
def discussed_review(db):
    title = TitleFactory(genres=[GenreFactory(name="Mecha")])
    review = ReviewFactory(title=title, tags=["shared"])
    top = CommentFactory(review=review, email=f"approved{DOMAIN}", website="https://site.example")
    CommentFactory(parent=top, email=f"reply{DOMAIN}")
    for status in (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED):
        CommentFactory(review=review, email=f"{status}{DOMAIN}", status=status)
    return review


def public_urls(review) -> list[str]:
    return [
        "/",
        review.get_absolute_url(),
        f"{review.get_absolute_url()}?replytocom={review.comments.approved().first().pk}",
        "/feeds/reviews/",
        "/feeds/reviews/atom/",
        "/sitemap-reviews.xml",
        "/tags/shared/",
        review.title.get_absolute_url(),
        review.title.genres.get().get_absolute_url(),
    ]


def test_no_commenter_email_appears_in_any_public_response(client, discussed_review):
    for url in public_urls(discussed_review):
        response = client.get(url)
        assert response.status_code == 200, url
        assert DOMAIN not in response.content.decode(), url


def test_the_review_page_shows_the_approved_comments_it_is_checked_on(client, discussed_review):
    page = client.get(discussed_review.get_absolute_url()).content.decode()
    assert "2 comments" in page
    assert 'href="https://site.example" rel="nofollow ugc noopener"' in page


def test_a_held_comments_author_does_not_see_its_email_either(client, post_comment, review):
    post_comment(review, email=f"me{DOMAIN}", body="Mine, held")
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Mine, held" in page
    assert f"me{DOMAIN}" not in page
