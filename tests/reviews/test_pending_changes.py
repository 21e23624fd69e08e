"""Editing a live review keeps the edit unpublished until an editor publishes it."""

import pytest
from django.urls import reverse
from reversion.models import Version

from reviews import services
from reviews.merging import review_values
from reviews.models import PendingChange, Review
from tests.caching.helpers import served, warm
from tests.reviews.admin_forms import change_url, form_data
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.django_db

LIVE_TEXT = "Live words about the show."
PENDING_TEXT = "Pending words nobody reads yet."
PUBLIC_URLS = ["/", "/feeds/reviews/", "/feeds/reviews/atom/", "/search/?q=words"]


@pytest.fixture
def live_review(writer):
    return ReviewFactory(
        author=writer,
        headline="Metallic Rouge, live headline",
        excerpt=LIVE_TEXT,
        body=f"## Verdict\n\n{LIVE_TEXT}\n",
        tags=["noir"],
    )


def save_changes(client, review, **changes):
    page = client.get(change_url(review))
    return client.post(change_url(review), form_data(page, **changes))


def pending_edit(client, review, user):
    client.force_login(user)
    return save_changes(
        client,
        review,
        headline="Metallic Rouge, pending headline",
        excerpt=PENDING_TEXT,
        body=f"## Verdict\n\n{PENDING_TEXT}",
        tags="noir, mecha",
    )


def test_saving_a_live_review_keeps_every_public_page_as_it_was(client, editor, live_review):
    detail = live_review.get_absolute_url()
    before = {url: client.get(url).content for url in ["/sitemap-reviews.xml", *PUBLIC_URLS]}

    assert pending_edit(client, live_review, editor).status_code == 302
    client.logout()

    page = client.get(detail).content.decode()
    assert LIVE_TEXT in page and PENDING_TEXT not in page
    assert "live headline" in page and "pending headline" not in page
    for url, content in before.items():
        assert client.get(url).content == content, url
    assert client.get("/tags/mecha/").status_code == 404
    live_review.refresh_from_db()
    assert list(live_review.tags.names()) == ["noir"]


def test_the_page_cache_keeps_serving_the_live_page_until_the_changes_are_published(
    client, editor, live_review
):
    detail = live_review.get_absolute_url()
    warm(client, detail)

    pending_edit(client, live_review, editor)
    client.logout()
    assert served(client, detail) == ("hit", served(client, detail)[1])
    assert PENDING_TEXT not in served(client, detail)[1]

    services.publish_pending_changes(review=live_review, by=editor)
    state, page = served(client, detail)
    assert state == "miss"
    assert PENDING_TEXT in page and "pending headline" in page


def test_published_changes_reach_every_public_surface(client, editor, live_review):
    pending_edit(client, live_review, editor)

    response = client.post(
        change_url(live_review),
        form_data(client.get(change_url(live_review)), _pending_changes="publish"),
    )

    assert response.status_code == 302
    assert not PendingChange.objects.exists()
    client.logout()
    for url in [live_review.get_absolute_url(), "/", "/feeds/reviews/", "/search/?q=pending"]:
        assert "pending headline" in client.get(url).content.decode(), url
    assert client.get("/tags/mecha/").status_code == 200


def test_the_change_page_shows_the_pending_version_a_diff_and_a_preview(
    client, editor, live_review
):
    pending_edit(client, live_review, editor)

    response = client.get(change_url(live_review))

    page = response.content.decode()
    assert "This review has unpublished changes" in page
    assert "Saved by Eda Editor" in page
    assert f"<ins>+{PENDING_TEXT}</ins>" in page
    assert f"<del>-{LIVE_TEXT}</del>" in page
    assert response.context["adminform"].form["body"].value() == f"## Verdict\n\n{PENDING_TEXT}"
    assert ">Publish changes</button>" in page and ">Discard changes</button>" in page
    client.logout()
    preview = client.get(response.context["preview_path"])
    assert preview.status_code == 200
    assert PENDING_TEXT in preview.content.decode()
    assert preview["X-Robots-Tag"] == "noindex, nofollow"


def test_a_second_edit_of_a_live_review_changes_the_pending_version(client, editor, live_review):
    pending_edit(client, live_review, editor)

    save_changes(client, live_review, verdict="A second thought.")

    values = live_review.pending_change.values
    assert (values["excerpt"], values["verdict"]) == (PENDING_TEXT, "A second thought.")
    live_review.refresh_from_db()
    assert live_review.verdict == "Worth a watch."


def test_writer_proposes_changes_to_their_live_review_but_cannot_publish_them(
    client, writer, live_review
):
    assert pending_edit(client, live_review, writer).status_code == 302

    page = client.get(change_url(live_review)).content.decode()
    assert "This review has unpublished changes" in page
    assert ">Publish changes</button>" not in page

    refused = save_changes(client, live_review, verdict="Forged.", _pending_changes="publish")
    assert refused.status_code == 200
    content = refused.content.decode()
    assert "Only editors publish changes" in content
    assert "changed successfully" not in content
    assert live_review.pending_change.values["verdict"] == "Worth a watch."
    assert live_review.pending_change.values["excerpt"] == PENDING_TEXT
    with pytest.raises(services.TransitionNotAllowed):
        services.publish_pending_changes(review=live_review, by=writer)
    live_review.refresh_from_db()
    assert live_review.excerpt == LIVE_TEXT


def test_discarding_changes_leaves_the_live_version_and_the_next_form_shows_it(
    client, editor, live_review
):
    pending_edit(client, live_review, editor)
    discard_url = reverse("admin:reviews_review_discard_changes", args=[live_review.pk])

    assert client.get(discard_url).status_code == 405
    response = client.post(discard_url)

    assert response.status_code == 302
    assert not PendingChange.objects.exists()
    page = client.get(change_url(live_review))
    assert "This review has unpublished changes" not in page.content.decode()
    assert page.context["adminform"].form["excerpt"].value() == LIVE_TEXT


def test_discard_is_for_staff_who_may_edit_the_review(client, live_review, editor):
    pending_edit(client, live_review, editor)
    discard_url = reverse("admin:reviews_review_discard_changes", args=[live_review.pk])
    client.logout()

    assert client.post(discard_url).status_code == 302  # to the login page
    client.force_login(staff_user("Writers"))
    assert client.post(discard_url).status_code == 404
    client.force_login(staff_user("Moderators"))
    assert client.post(discard_url).status_code == 404
    assert PendingChange.objects.exists()


def test_the_history_records_the_pending_save_and_the_publish(client, editor, live_review):
    pending_edit(client, live_review, editor)
    services.publish_pending_changes(review=live_review, by=editor)

    comments = [version.revision.comment for version in Version.objects.get_for_object(live_review)]

    assert comments[0] == "Published the unpublished changes."
    assert comments[1].startswith("Saved unpublished changes (")
    history = client.get(reverse("admin:reviews_review_history", args=[live_review.pk]))
    assert "Saved unpublished changes" in history.content.decode()


def test_unpublishing_a_review_makes_its_pending_changes_the_draft(client, editor, live_review):
    pending_edit(client, live_review, editor)

    services.unpublish_review(review=live_review, by=editor)

    live_review.refresh_from_db()
    assert (live_review.status, live_review.excerpt) == (Review.Status.DRAFT, PENDING_TEXT)
    assert sorted(live_review.tags.names()) == ["mecha", "noir"]
    assert not PendingChange.objects.exists()


def test_a_scheduled_review_is_still_saved_directly(client, editor):
    review = ReviewFactory(scheduled=True, body="Old.")
    client.force_login(editor)

    save_changes(client, review, body="New.")

    review.refresh_from_db()
    assert review.body == "New."
    assert not PendingChange.objects.exists()


def test_the_cover_of_a_live_review_is_not_an_upload_field(client, editor, live_review):
    client.force_login(editor)

    form = client.get(change_url(live_review)).context["adminform"].form

    assert "cover" not in form.fields


def test_two_editors_editing_a_live_review_merge_against_the_pending_version(
    client, editor, live_review
):
    other = staff_user("Editors", username="otto", first_name="Otto")
    pending_edit(client, live_review, editor)
    edas_page = client.get(change_url(live_review))
    client.force_login(other)
    save_changes(client, live_review, verdict="Otto's verdict.")
    client.force_login(editor)

    response = client.post(change_url(live_review), form_data(edas_page, excerpt="Eda's excerpt."))

    assert response.status_code == 302
    values = live_review.pending_change.values
    assert (values["excerpt"], values["verdict"], values["body"]) == (
        "Eda's excerpt.",
        "Otto's verdict.",
        f"## Verdict\n\n{PENDING_TEXT}",
    )


def test_saving_a_live_review_unchanged_leaves_no_unpublished_changes(client, editor, live_review):
    client.force_login(editor)

    response = save_changes(client, live_review)

    assert response.status_code == 302
    assert not PendingChange.objects.exists()
    page = client.get(change_url(live_review)).content.decode()
    assert "This review has unpublished changes" not in page


def test_only_a_live_review_keeps_unpublished_changes(editor):
    for review in [ReviewFactory(draft=True), ReviewFactory(scheduled=True)]:
        values = {**review_values(review, []), "body": "Changed."}
        with pytest.raises(services.TransitionNotAllowed):
            services.save_pending_changes(review=review, values=values, by=editor)
    assert not PendingChange.objects.exists()


def test_writer_may_withdraw_their_proposal_but_not_another_writers(writer, live_review):
    values = {**review_values(live_review, ["noir"]), "body": "Proposed."}
    services.save_pending_changes(review=live_review, values=values, by=writer)

    with pytest.raises(services.TransitionNotAllowed):
        services.discard_pending_changes(review=live_review, by=staff_user("Writers"))
    services.discard_pending_changes(review=live_review, by=writer)

    assert not PendingChange.objects.exists()


def test_editors_find_proposed_changes_on_the_admin_index(client, writer, editor, live_review):
    pending_edit(client, live_review, writer)

    client.force_login(editor)
    index = client.get(reverse("admin:index")).content.decode()

    listed = index.split('id="pending-changes-to-publish"')[1].split("</table>")[0]
    assert "Metallic Rouge, live headline" in listed and "by Wren Writer" in listed
