"""The review admin as each role uses it: workflow buttons, limits, notes, time zone, previews."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import Review
from tests.factories import TitleFactory
from tests.reviews.admin_forms import change_url, form_data
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:reviews_review_add")
LIST_URL = reverse("admin:reviews_review_changelist")


@pytest.fixture
def moderator():
    return staff_user("Moderators")


def edit(client, review, **changes):
    """Open the review's change page and post it back with ``changes``."""
    page = client.get(change_url(review))
    assert page.status_code == 200
    return client.post(change_url(review), form_data(page, **changes))


def new_review_data(title, **changes):
    return {
        "title": title.pk,
        "slug": "fresh-review",
        "body": "## Start\n\nWords.",
        "comments_open": "on",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
        **changes,
    }


def test_writer_adding_a_review_with_status_published_gets_a_draft_of_their_own(client, writer):
    client.force_login(writer)

    response = client.post(
        ADD_URL,
        new_review_data(
            TitleFactory(),
            status="published",
            publish_at="2020-01-01 10:00",
            is_featured="on",
            author=staff_user("Editors").pk,
        ),
    )

    assert response.status_code == 302
    review = Review.objects.get(slug="fresh-review")
    assert (review.status, review.publish_at, review.author) == ("draft", None, writer)
    assert not review.is_featured


def test_writer_posting_status_published_to_the_change_form_does_not_publish(client, writer):
    review = ReviewFactory(draft=True, author=writer)
    client.force_login(writer)

    response = edit(client, review, status="published", publish_at="2020-01-01 10:00")

    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.publish_at) == ("draft", None)


@pytest.mark.parametrize(
    ("role", "button", "refusal"),
    [
        ("Writers", "publish", "You do not have permission to “publish or schedule”."),
        ("Editors", "return_to_writer", "Say what the writer should change: the note is required."),
    ],
    ids=["forged publish button", "send back without a note"],
)
def test_a_refused_button_shows_only_the_error_and_keeps_the_input_unsaved(
    client, role, button, refusal
):
    user = staff_user(role)
    review = ReviewFactory(in_review=True, author=user, body="Original.")
    client.force_login(user)

    response = edit(client, review, body="Edited.", _transition=button)

    assert response.status_code == 200
    page = response.content.decode()
    assert refusal in page
    assert "changed successfully" not in page
    assert "Edited." in page
    review.refresh_from_db()
    assert (review.status, review.body) == ("in_review", "Original.")
    assert not review.transitions.exists()


def test_writer_submits_their_draft_with_the_submit_button(client, writer):
    review = ReviewFactory(draft=True, author=writer)
    client.force_login(writer)

    edit(client, review, body="## Better\n\nNew text.", _transition="submit")

    review.refresh_from_db()
    assert review.status == "in_review"
    assert "New text." in review.body_html
    assert review.transitions.get().by == writer


def test_writer_sees_only_their_own_reviews(client, writer):
    own = ReviewFactory(draft=True, author=writer, headline="Mine")
    other = ReviewFactory(draft=True, headline="Someone else's")
    client.force_login(writer)

    listing = client.get(LIST_URL).content.decode()
    response = client.get(change_url(other))

    assert "Mine" in listing and "Someone else" not in listing
    assert response.status_code == 302  # "does not exist", back to the index
    assert client.get(change_url(own)).status_code == 200


def test_writer_changing_their_live_review_only_proposes_unpublished_changes(client, writer):
    review = ReviewFactory(author=writer, body="Original.")
    client.force_login(writer)
    page = client.get(change_url(review))

    response = client.post(change_url(review), {**form_data(page), "body": "Rewritten."})

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.body == "Original."
    assert review.pending_change.values["body"] == "Rewritten."


def test_writer_cannot_change_their_scheduled_or_archived_review(client, writer):
    client.force_login(writer)
    for review in [
        ReviewFactory(author=writer, scheduled=True),
        ReviewFactory(author=writer, archived=True),
    ]:
        page = client.get(change_url(review))
        response = client.post(change_url(review), {**form_data(page), "body": "Rewritten."})
        assert response.status_code == 403
        review.refresh_from_db()
        assert review.body != "Rewritten."


def test_moderator_cannot_add_or_change_reviews(client, moderator):
    review = ReviewFactory(draft=True, body="Original.")
    client.force_login(moderator)

    assert client.get(ADD_URL).status_code == 403
    assert client.post(change_url(review), {"body": "Changed."}).status_code == 403
    review.refresh_from_db()
    assert review.body == "Original."


def test_moderator_has_no_change_permission_on_the_catalog(client, moderator):
    title = TitleFactory(name="Untouched")
    client.force_login(moderator)

    response = client.post(
        reverse("admin:catalog_title_change", args=[title.pk]), {"name": "Changed"}
    )

    assert response.status_code == 403
    title.refresh_from_db()
    assert title.name == "Untouched"


def test_editor_schedules_in_the_site_time_zone(client, editor, settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    review = ReviewFactory(in_review=True)
    client.force_login(editor)

    edit(client, review, workflow_publish_at="2031-05-01T10:00", _transition="publish")

    review.refresh_from_db()
    assert review.status == "published"
    assert review.publish_at == datetime(2031, 5, 1, 10, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
    assert not review.is_live
    page = client.get(change_url(review)).content.decode()
    assert "2031-05-01 10:00 Asia/Kolkata (scheduled)" in page


def test_publish_time_field_names_the_site_time_zone(client, editor, settings):
    client.force_login(editor)

    page = client.get(change_url(ReviewFactory(draft=True))).content.decode()

    assert f"Publish at ({settings.TIME_ZONE} time)" in page


def test_editor_sends_a_review_back_and_the_writer_sees_the_note(client, writer, editor):
    review = ReviewFactory(in_review=True, author=writer, headline="Rouge review")
    client.force_login(editor)
    edit(client, review, workflow_note="Cut the recap chapter.", _transition="return_to_writer")
    review.refresh_from_db()
    assert review.status == "draft"

    client.force_login(writer)
    change_page = client.get(change_url(review)).content.decode()
    index_page = client.get(reverse("admin:index")).content.decode()

    assert "Sent back by Eda Editor" in change_page
    assert "Cut the recap chapter." in change_page
    assert "Rouge review" in index_page and "Cut the recap chapter." in index_page


def test_editor_index_lists_reviews_awaiting_review(client, editor):
    ReviewFactory(in_review=True, headline="Waiting one")
    ReviewFactory(draft=True, headline="Still a draft")
    client.force_login(editor)

    page = client.get(reverse("admin:index")).content.decode()
    awaiting = page.split('id="awaiting-review"')[1].split("</table>")[0]

    assert "Waiting one" in awaiting and "Still a draft" not in awaiting


def test_transition_log_is_shown_on_the_review_page(client, writer, editor):
    review = ReviewFactory(draft=True, author=writer)
    client.force_login(writer)
    edit(client, review, _transition="submit")
    client.force_login(editor)
    edit(client, review, _transition="publish")

    page = client.get(change_url(review)).content.decode()
    log = page.split("Workflow log")[1]
    steps = re.findall(
        r'field-by">\s*<p>(?:<a [^>]*>)?([^<]*)(?:</a>)?</p>.*?'
        r'field-from_status">\s*<p>([^<]*)</p>.*?field-to_status">\s*<p>([^<]*)</p>',
        log,
        re.DOTALL,
    )

    assert steps == [
        (editor.username, "In review", "Published"),
        (writer.username, "Draft", "In review"),
    ]


def test_editor_list_action_publishes_selected_reviews(client, editor):
    waiting = ReviewFactory(in_review=True)
    client.force_login(editor)

    client.post(LIST_URL, {"action": "publish_now", "_selected_action": [waiting.pk]}, follow=True)

    waiting.refresh_from_db()
    assert waiting.is_live


def test_writer_is_not_offered_the_publish_action(client, writer):
    ReviewFactory(in_review=True, author=writer)
    client.force_login(writer)

    page = client.get(LIST_URL).content.decode()

    assert "publish_now" not in page


def test_change_page_links_a_working_preview_and_the_link_to_share(client, editor):
    review = ReviewFactory(draft=True, headline="Secret draft")
    client.force_login(editor)
    page = client.get(change_url(review))
    client.logout()

    preview = client.get(page.context["preview_path"])

    assert page.context["preview_url"] in page.content.decode()
    assert preview.status_code == 200
    assert "Secret draft" in preview.content.decode()


def test_writer_sees_the_workflow_log_of_their_review(client, writer, editor):
    review = ReviewFactory(in_review=True, author=writer)
    services.return_review_to_writer(review=review, by=editor, note="More on the soundtrack.")
    client.force_login(writer)

    page = client.get(change_url(review)).content.decode()

    assert "Workflow log" in page
    assert page.split("Workflow log")[1].count("More on the soundtrack.") == 1


def test_writer_creates_and_submits_a_review_in_one_step(client, writer):
    client.force_login(writer)

    client.post(ADD_URL, new_review_data(TitleFactory(), _transition="submit"))

    review = Review.objects.get(slug="fresh-review")
    assert (review.status, review.author) == ("in_review", writer)
    assert review.transitions.get().to_status == "in_review"
