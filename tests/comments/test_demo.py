"""The demo discussion: loaded under the reference review, threaded, and only once."""

import io

import pytest
from django.core.management import call_command

from comments.demo import REVIEW_SLUG
from comments.models import Comment
from reviews.models import Review

pytestmark = pytest.mark.django_db


def test_load_demo_adds_a_threaded_discussion_once(demo, client):
    call_command("load_demo", stdout=io.StringIO())
    assert Comment.objects.count() == 5
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 1
    deepest = Comment.objects.get(depth=2)
    assert deepest.root == deepest.parent.parent
    page = client.get(deepest.review.get_absolute_url()).content.decode()
    assert "4 comments" in page
    assert "@demo.invalid" not in page


def test_the_demo_review_counts_its_approved_demo_comments(demo):
    review = Review.objects.get(slug=REVIEW_SLUG)
    approved = Comment.objects.filter(review=review, status=Comment.Status.APPROVED).count()

    assert approved > 0
    assert review.comment_count == approved
