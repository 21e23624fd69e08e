"""Revisions and edit conflicts: every admin save is kept, compared, restorable, never lost."""

import pytest
from django.urls import reverse
from reversion.models import Version

from reviews import services
from tests.reviews.admin_forms import form_data
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.django_db


def change_url(review):
    return reverse("admin:reviews_review_change", args=[review.pk])


@pytest.fixture
def editor():
    return staff_user("Editors", username="eda")


@pytest.fixture
def other_editor():
    return staff_user("Editors", username="otto", first_name="Otto", last_name="Other")


def save_body(client, review, body):
    page = client.get(change_url(review))
    return client.post(change_url(review), form_data(page, body=body))


def versions_of(review):
    return list(Version.objects.get_for_object(review))


def test_every_admin_save_keeps_a_revision_with_its_user(client, editor):
    review = ReviewFactory(draft=True)
    client.force_login(editor)

    save_body(client, review, "First edit.")
    save_body(client, review, "Second edit.")

    versions = versions_of(review)
    assert [version.field_dict["body"] for version in versions] == ["Second edit.", "First edit."]
    assert {version.revision.user for version in versions} == {editor}


def test_editor_restores_an_old_revision_and_the_body_html_follows(client, editor):
    review = ReviewFactory(draft=True)
    client.force_login(editor)
    save_body(client, review, "## Old chapter\n\nOld words.")
    save_body(client, review, "## New chapter\n\nNew words.")
    old = versions_of(review)[-1]
    revision_url = reverse("admin:reviews_review_revision", args=[review.pk, old.pk])

    page = client.get(revision_url)
    response = client.post(revision_url, form_data(page))

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.body == "## Old chapter\n\nOld words."
    assert "Old words." in review.body_html and review.toc[0]["id"] == "old-chapter"


def test_restoring_a_revision_never_changes_the_workflow_state(client, editor):
    review = ReviewFactory(in_review=True)
    client.force_login(editor)
    save_body(client, review, "Text while in review.")
    services.publish_review(review=review, by=editor)
    in_review_version = [
        version for version in versions_of(review) if version.field_dict["status"] == "in_review"
    ][0]
    revision_url = reverse("admin:reviews_review_revision", args=[review.pk, in_review_version.pk])

    client.post(revision_url, form_data(client.get(revision_url)))

    review.refresh_from_db()
    assert review.is_live
    assert review.body == "Text while in review."


def test_restoring_a_revision_of_a_live_review_waits_as_unpublished_changes(client, editor):
    review = ReviewFactory(draft=True)
    client.force_login(editor)
    save_body(client, review, "Old text.")
    save_body(client, review, "Live text.")
    services.publish_review(review=review, by=editor)
    old = versions_of(review)[-1]
    revision_url = reverse("admin:reviews_review_revision", args=[review.pk, old.pk])

    response = client.post(revision_url, form_data(client.get(revision_url)))

    assert response.status_code == 302
    assert "Live text." in client.get(review.get_absolute_url()).content.decode()
    review.refresh_from_db()
    assert (review.body, review.pending_change.values["body"]) == ("Live text.", "Old text.")


def test_editor_compares_two_revisions_line_by_line(client, editor):
    review = ReviewFactory(draft=True)
    client.force_login(editor)
    save_body(client, review, "Same line.\nOld <b>line</b>.")
    save_body(client, review, "Same line.\nNew line.")
    newer, older = versions_of(review)

    page = client.get(
        reverse("admin:reviews_review_compare", args=[review.pk]),
        {"from": older.pk, "to": newer.pk},
    ).content.decode()

    assert "<del>-Old &lt;b&gt;line&lt;/b&gt;.</del>" in page
    assert "<ins>+New line.</ins>" in page


def test_compare_with_a_revision_of_another_review_is_not_found(client, editor):
    review = ReviewFactory(draft=True)
    client.force_login(editor)
    save_body(client, review, "Mine.")
    other = ReviewFactory(draft=True)
    save_body(client, other, "Theirs.")

    response = client.get(
        reverse("admin:reviews_review_compare", args=[review.pk]),
        {"from": versions_of(other)[0].pk, "to": versions_of(review)[0].pk},
    )

    assert response.status_code == 404


def test_writer_cannot_compare_revisions(client):
    writer = staff_user("Writers")
    review = ReviewFactory(draft=True, author=writer)
    client.force_login(writer)
    save_body(client, review, "Mine.")
    version = versions_of(review)[0]

    response = client.get(
        reverse("admin:reviews_review_compare", args=[review.pk]),
        {"from": version.pk, "to": version.pk},
    )

    assert response.status_code == 403


def stale_save(client, editor, other_editor):
    """Eda opens the review, Otto saves it, then Eda saves her copy: the refused response."""
    review = ReviewFactory(draft=True, body="Original.")
    client.force_login(editor)
    stale_page = client.get(change_url(review))
    client.force_login(other_editor)
    save_body(client, review, "Otto's version.")
    client.force_login(editor)
    return review, client.post(change_url(review), form_data(stale_page, body="Eda's version."))


def test_later_save_of_a_stale_form_changing_the_same_field_names_who_saved_and_keeps_the_text(
    client, editor, other_editor
):
    review, response = stale_save(client, editor, other_editor)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Otto Other saved this review at" in content
    assert "Eda&#x27;s version." in content
    review.refresh_from_db()
    assert review.body == "Otto's version."


def test_saving_again_after_the_conflict_keeps_the_text_chosen_on_purpose(
    client, editor, other_editor
):
    review, refused = stale_save(client, editor, other_editor)
    [conflict] = refused.context["adminform"].form.merge_conflicts

    response = client.post(
        change_url(review),
        form_data(refused, **{"merge-body": "mine", "merge-body-seen": conflict["seen"]}),
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.body == "Eda's version."


def test_an_edit_opened_before_the_review_was_published_waits_as_unpublished_changes(
    client, editor, other_editor
):
    review = ReviewFactory(in_review=True, body="Submitted text.")
    client.force_login(editor)
    stale_page = client.get(change_url(review))
    services.publish_review(review=review, by=other_editor)

    response = client.post(change_url(review), form_data(stale_page, body="Late edit."))

    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.body, review.pending_change.values["body"]) == ("Submitted text.", "Late edit.")


def test_writer_cannot_restore_a_revision_of_someone_elses_review(client, editor):
    review = ReviewFactory(draft=True, body="Original.")
    client.force_login(editor)
    save_body(client, review, "Old text.")
    save_body(client, review, "Current text.")
    old = versions_of(review)[-1]
    revision_url = reverse("admin:reviews_review_revision", args=[review.pk, old.pk])
    client.force_login(staff_user("Writers"))

    response = client.post(revision_url, {"body": "Old text."})

    assert response.status_code == 404
    review.refresh_from_db()
    assert review.body == "Current text."


def test_writer_cannot_list_or_recover_deleted_reviews(client):
    client.force_login(staff_user("Writers"))

    assert client.get(reverse("admin:reviews_review_recoverlist")).status_code == 403
