"""Workflow transitions: who may move a review where, and the record each move leaves."""

from datetime import timedelta

import pytest
from django.utils import timezone
from reversion.models import Version

from reviews import services
from reviews.models import Review, Transition
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    return staff_user("Writers")


@pytest.fixture
def editor():
    return staff_user("Editors")


def test_writer_submits_own_draft_and_the_transition_is_recorded(writer):
    review = ReviewFactory(draft=True, author=writer)

    services.submit_review(review=review, by=writer)

    assert review.status == Review.Status.IN_REVIEW
    transition = review.transitions.get()
    assert (transition.from_status, transition.to_status, transition.by) == (
        "draft",
        "in_review",
        writer,
    )


def test_writer_cannot_submit_someone_elses_draft(writer):
    review = ReviewFactory(draft=True)

    with pytest.raises(services.TransitionNotAllowed, match="your own"):
        services.submit_review(review=review, by=writer)

    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT
    assert not Transition.objects.exists()


@pytest.mark.parametrize("move", ["publish", "unpublish", "archive"])
def test_writer_cannot_publish_unpublish_or_archive(writer, move):
    status = {"publish": "in_review", "unpublish": "published", "archive": "published"}[move]
    review = ReviewFactory(author=writer, status=status)

    with pytest.raises(services.TransitionNotAllowed, match="permission"):
        getattr(services, f"{move}_review")(review=review, by=writer)


def test_editor_publishes_now_when_no_time_is_given(editor):
    review = ReviewFactory(in_review=True)

    services.publish_review(review=review, by=editor)

    assert review.is_live
    assert Review.objects.live().filter(pk=review.pk).exists()


def test_future_publish_time_schedules_the_review_until_its_time(editor):
    review = ReviewFactory(in_review=True)
    later = timezone.now() + timedelta(hours=2)

    services.publish_review(review=review, by=editor, publish_at=later)

    assert review.status == Review.Status.PUBLISHED
    assert not Review.objects.live().filter(pk=review.pk).exists()
    Review.objects.filter(pk=review.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert Review.objects.live().filter(pk=review.pk).exists()


def test_editor_returns_a_review_to_its_writer_with_a_note(editor):
    review = ReviewFactory(in_review=True)

    services.return_review_to_writer(review=review, by=editor, note="Trim the second chapter.")

    assert review.status == Review.Status.DRAFT
    assert review.transitions.get().note == "Trim the second chapter."


def test_returning_without_a_note_is_refused(editor):
    review = ReviewFactory(in_review=True)

    with pytest.raises(services.TransitionNotAllowed, match="note is required"):
        services.return_review_to_writer(review=review, by=editor, note="  ")


def test_unpublish_takes_the_review_back_to_draft_without_a_time(editor):
    review = ReviewFactory()

    services.unpublish_review(review=review, by=editor)

    assert (review.status, review.publish_at) == (Review.Status.DRAFT, None)


def test_archive_and_restore_keep_the_original_publish_time(editor):
    review = ReviewFactory()
    published_at = review.publish_at

    services.archive_review(review=review, by=editor)
    assert not Review.objects.live().filter(pk=review.pk).exists()
    services.restore_review(review=review, by=editor)

    assert review.is_live and review.publish_at == published_at
    assert list(review.transitions.values_list("to_status", flat=True)) == [
        "published",
        "archived",
    ]


def test_a_live_review_cannot_be_published_again(editor):
    review = ReviewFactory()

    with pytest.raises(services.TransitionNotAllowed, match="already live"):
        services.publish_review(review=review, by=editor)


def test_a_draft_cannot_be_archived(editor):
    review = ReviewFactory(draft=True)

    with pytest.raises(services.TransitionNotAllowed, match="while the review is draft"):
        services.archive_review(review=review, by=editor)


def test_each_transition_keeps_a_revision_naming_its_user(editor):
    review = ReviewFactory(in_review=True)

    services.publish_review(review=review, by=editor)

    version = Version.objects.get_for_object(review).get()
    assert version.revision.user == editor
    assert "Publish" in version.revision.comment


def test_allowed_moves_offer_writers_only_submit(writer, editor):
    review = ReviewFactory(draft=True, author=writer)

    assert [move.name for move in services.allowed_moves(user=writer, review=review)] == ["submit"]
    assert [move.name for move in services.allowed_moves(user=editor, review=review)] == [
        "submit",
        "publish",
    ]
