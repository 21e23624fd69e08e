"""On PostgreSQL, two editors saving the same loaded copy at once: one wins, the other is told.

Each editor has their own browser (test client) and database connection. The check that
the copy is still current and the write happen under one row lock, so a save can never
slip in between them and be overwritten without a word.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from reviews import services
from reviews.merging import review_values
from reviews.models import Review
from tests.concurrency import (
    all_at_once,
    in_background,
    skip_unless_postgresql,
    wait_for_lock_waiters,
)
from tests.reviews.admin_forms import form_data
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 12
CONFLICT_MESSAGE = "saved this review at"


@pytest.fixture(autouse=True)
def _postgres_only():
    skip_unless_postgresql("of two saves racing each other only one gets through")


def change_url(review):
    return reverse("admin:reviews_review_change", args=[review.pk])


def signed_in(username: str, first_name: str) -> Client:
    client = Client()
    client.force_login(staff_user("Editors", username=username, first_name=first_name))
    return client


def save(client: Client, review, page, body: str, **button):
    def post():
        return client.post(change_url(review), form_data(page, body=body, **button))

    return post


def test_two_editors_saving_the_same_copy_at_once_never_both_win():
    review = ReviewFactory(draft=True, body="Original.")
    eda, otto = signed_in("eda", "Eda"), signed_in("otto", "Otto")
    lost_writes = 0

    for round_number in range(ROUNDS):
        pages = [eda.get(change_url(review)), otto.get(change_url(review))]
        bodies = [f"Eda's text, round {round_number}.", f"Otto's text, round {round_number}."]

        responses = all_at_once(
            [save(eda, review, pages[0], bodies[0]), save(otto, review, pages[1], bodies[1])]
        )

        statuses = [response.status_code for response in responses]
        assert sorted(statuses) == [200, 302], f"round {round_number}: {statuses}"
        winner, loser = (0, 1) if statuses[0] == 302 else (1, 0)
        refused = responses[loser].content.decode()
        assert CONFLICT_MESSAGE in refused
        assert bodies[loser].replace("'", "&#x27;") in refused
        review.refresh_from_db()
        lost_writes += review.body != bodies[winner]

    assert lost_writes == 0
    assert Version.objects.get_for_object(review).count() == ROUNDS


@pytest.mark.parametrize(
    "button", [{}, {"_transition": "publish"}], ids=["save", "save and publish"]
)
def test_a_save_committed_while_the_admin_is_saving_a_copy_is_not_overwritten(button):
    """Otto's save commits after Eda's form was checked but before her write: she is told.

    Nothing of hers is applied, not even the workflow button she pressed.
    """
    review = ReviewFactory(in_review=True, body="Original.")
    eda = signed_in("eda", "Eda")
    page = eda.get(change_url(review))

    with transaction.atomic():
        otto_copy = Review.objects.select_for_update().get(pk=review.pk)
        eda_response = in_background(save(eda, review, page, "Eda's version.", **button))
        wait_for_lock_waiters(1)
        otto_copy.body = "Otto's version."
        otto_copy.save()

    response = eda_response()
    assert response.status_code == 200
    assert CONFLICT_MESSAGE in response.content.decode()
    review.refresh_from_db()
    assert (review.body, review.status) == ("Otto's version.", Review.Status.IN_REVIEW)
    assert not review.transitions.exists()


def test_unpublished_changes_saved_while_the_admin_saves_a_live_review_are_merged_not_lost():
    """Otto's unpublished changes commit while Eda's save waits for the lock: she is shown both."""
    review = ReviewFactory(body="Live text.", excerpt="Live excerpt.")
    eda, otto = signed_in("eda", "Eda"), staff_user("Editors", username="otto")
    page = eda.get(change_url(review))

    with transaction.atomic():
        Review.objects.select_for_update().get(pk=review.pk)
        eda_response = in_background(save(eda, review, page, "Eda's version."))
        wait_for_lock_waiters(1)
        values = {**review_values(review, []), "body": "Otto's version.", "excerpt": "Otto's."}
        services.save_pending_changes(review=review, values=values, by=otto)

    response = eda_response()
    assert response.status_code == 200
    assert CONFLICT_MESSAGE in response.content.decode()
    review.refresh_from_db()
    assert review.body == "Live text."
    assert review.pending_change.values["body"] == "Otto's version."
