"""The editor's endpoints: the server-rendered preview and autosave, and who may use them."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reviews.autosaves import AUTOSAVE_MAX_AGE
from reviews.markdown import MAX_BODY_LENGTH
from reviews.models import Autosave
from tests.factories import UserFactory
from tests.images.factories import ImageFactory
from tests.reviews.admin_forms import form_data
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.django_db

PREVIEW_URL = reverse("admin:reviews_review_preview_markdown")
AUTOSAVE_URL = reverse("admin:reviews_review_autosave")
DISCARD_URL = reverse("admin:reviews_review_autosave_discard")
ADD_URL = reverse("admin:reviews_review_add")
SPOILER_BODY = "## The finale\n\n:::spoiler Episode 12\nNoe *remembers*.\n:::\n"


def change_url(review):
    return reverse("admin:reviews_review_change", args=[review.pk])


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def writer():
    return staff_user("Writers", first_name="Wren", last_name="Writer")


@pytest.fixture
def editor():
    return staff_user("Editors", first_name="Eda", last_name="Editor")


# The page.


def test_the_body_carries_the_editors_endpoints_and_files(writer, monkeypatch):
    monkeypatch.setattr("reviews.widgets.finders.find", lambda path: f"static/{path}")  # built
    review = ReviewFactory(draft=True, author=writer)

    page = signed_in(writer).get(change_url(review)).content.decode()

    assert f'data-preview-url="{PREVIEW_URL}"' in page
    assert 'data-upload-url="/admin/images/image/upload/"' in page
    assert "vendor/easymde/easymde.min.js" in page


def test_without_the_built_editor_the_body_is_a_plain_textarea(writer, monkeypatch):
    monkeypatch.setattr("reviews.widgets.finders.find", lambda path: None)
    review = ReviewFactory(draft=True, author=writer)

    page = signed_in(writer).get(change_url(review)).content.decode()

    assert '<textarea name="body"' in page
    assert "easymde" not in page
    assert "review-editor.js" not in page


# The preview.


def test_preview_renders_headings_spoilers_and_the_toc_as_the_public_page_does(writer):
    answer = signed_in(writer).post(PREVIEW_URL, {"body": SPOILER_BODY})

    assert answer.status_code == 200
    preview = answer.json()
    review = ReviewFactory(body=SPOILER_BODY)
    assert preview["html"] == review.body_html
    assert '<details class="spoiler">' in preview["html"]
    assert preview["toc"] == [{"level": 2, "id": "the-finale", "title": "The finale"}]
    assert preview["warnings"] == []


def test_preview_draws_a_library_image_as_a_figure_and_warns_of_a_missing_one(writer):
    image = ImageFactory(alt_text="Noe on the rooftop")
    body = f'![Noe on the rooftop](image:{image.pk} "The opening shot")\n\n![gone](image:999999)'

    preview = signed_in(writer).post(PREVIEW_URL, {"body": body}).json()

    assert "<figure" in preview["html"]
    assert 'alt="Noe on the rooftop"' in preview["html"]
    assert "<figcaption>The opening shot</figcaption>" in preview["html"]
    assert len(preview["warnings"]) == 1
    assert "image:999999" in preview["warnings"][0]


def test_preview_refuses_an_image_from_another_site_with_the_forms_message(writer):
    body = "![tracker](https://elsewhere.example/pixel.png)"

    answer = signed_in(writer).post(PREVIEW_URL, {"body": body})

    assert answer.status_code == 400
    assert "Only images from the image library" in answer.json()["errors"]["body"][0]


def test_preview_sanitises_what_the_writer_typed(writer):
    body = '<script>alert(1)</script>\n\n<a href="javascript:alert(1)" onclick="x()">link</a>'

    html = signed_in(writer).post(PREVIEW_URL, {"body": body}).json()["html"]

    assert "<script" not in html
    assert "javascript:" not in html
    assert "onclick" not in html


def test_a_body_over_the_limit_gets_the_forms_message_not_a_server_error(writer):
    answer = signed_in(writer).post(PREVIEW_URL, {"body": "x" * (MAX_BODY_LENGTH + 1)})

    assert answer.status_code == 400
    assert "at most 50,000 characters" in answer.json()["errors"]["body"][0]


def test_a_body_nested_too_deep_gets_the_forms_message(writer):
    body = "".join("  " * depth + "- item\n" for depth in range(12))

    answer = signed_in(writer).post(PREVIEW_URL, {"body": body})

    assert answer.status_code == 400
    assert "levels inside each other" in answer.json()["errors"]["body"][0]


def test_preview_sends_signed_out_visitors_to_the_login_page():
    answer = Client().post(PREVIEW_URL, {"body": "## Hi"})

    assert answer.status_code == 302
    assert answer.url.startswith(reverse("admin:login"))


def test_preview_sends_readers_without_staff_status_to_the_login_page():
    answer = signed_in(UserFactory()).post(PREVIEW_URL, {"body": "## Hi"})

    assert answer.status_code == 302
    assert answer.url.startswith(reverse("admin:login"))


def test_preview_refuses_staff_who_may_not_write_reviews():
    answer = signed_in(staff_user("Moderators")).post(PREVIEW_URL, {"body": "## Hi"})

    assert answer.status_code == 403
    assert answer.json()["errors"]["__all__"] == ["You may not write reviews."]


def test_preview_needs_the_csrf_token(writer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)

    assert client.post(PREVIEW_URL, {"body": "## Hi"}).status_code == 403


def test_preview_answers_only_posts(writer):
    assert signed_in(writer).get(PREVIEW_URL, {"body": "## Hi"}).status_code == 405


# Autosave.


def test_autosave_keeps_the_form_text_and_leaves_the_review_alone(writer):
    review = ReviewFactory(draft=True, author=writer, body="Saved body.", excerpt="Saved.")

    answer = signed_in(writer).post(
        AUTOSAVE_URL,
        {"review": review.pk, "body": "Typed body.", "excerpt": "Typed.", "tags": "mecha, idols"},
    )

    assert answer.status_code == 200
    review.refresh_from_db()
    assert (review.body, review.excerpt) == ("Saved body.", "Saved.")
    autosave = Autosave.objects.get(user=writer, review=review)
    assert autosave.fields["body"] == "Typed body."
    assert autosave.fields["tags"] == "mecha, idols"


def test_a_second_autosave_replaces_the_first(writer):
    review = ReviewFactory(draft=True, author=writer)
    client = signed_in(writer)

    client.post(AUTOSAVE_URL, {"review": review.pk, "body": "First."})
    client.post(AUTOSAVE_URL, {"review": review.pk, "body": "Second."})

    assert [a.fields["body"] for a in Autosave.objects.filter(user=writer)] == ["Second."]


def test_reopening_the_review_offers_the_autosave_with_its_time_and_zone(writer, settings):
    review = ReviewFactory(draft=True, author=writer)
    client = signed_in(writer)
    client.post(AUTOSAVE_URL, {"review": review.pk, "body": "Typed <b>body</b>."})
    saved_at = timezone.localtime(Autosave.objects.get().saved_at)

    page = client.get(change_url(review)).content.decode()

    assert f"You have unsaved changes from {saved_at:%H:%M} ({settings.TIME_ZONE})" in page
    assert "Typed \\u003Cb\\u003Ebody\\u003C/b\\u003E." in page  # in a JSON script, escaped


def test_line_breaks_are_kept_as_the_text_field_holds_them(writer):
    signed_in(writer).post(AUTOSAVE_URL, {"body": "## One\r\n\r\nTwo"})

    assert Autosave.objects.get().fields["body"] == "## One\n\nTwo"


def test_an_autosave_that_holds_what_the_review_says_is_not_offered_and_goes(writer):
    review = ReviewFactory(draft=True, author=writer, body="Same.\r\nText.", tags=["noir"])
    client = signed_in(writer)
    form = form_data(client.get(change_url(review)))
    fields = ["headline", "slug", "excerpt", "body", "verdict", "meta_description", "tags"]
    client.post(
        AUTOSAVE_URL, {"review": review.pk, **{name: form.get(name, "") for name in fields}}
    )

    assert "You have unsaved changes" not in client.get(change_url(review)).content.decode()
    assert not Autosave.objects.exists()


def test_an_autosave_older_than_the_reviews_last_save_is_not_offered(writer, editor):
    review = ReviewFactory(draft=True, author=writer)
    signed_in(writer).post(AUTOSAVE_URL, {"review": review.pk, "body": "Typed."})
    review.body = "Saved later by the editor."
    review.save()

    page = signed_in(writer).get(change_url(review)).content.decode()

    assert "You have unsaved changes" not in page


def test_nobody_sees_another_users_autosave(writer, editor):
    review = ReviewFactory(draft=True, author=writer)
    signed_in(writer).post(AUTOSAVE_URL, {"review": review.pk, "body": "The writer's secret."})

    page = signed_in(editor).get(change_url(review)).content.decode()

    assert "You have unsaved changes" not in page
    assert "secret" not in page


def test_an_editors_autosave_is_their_own_beside_the_writers(writer, editor):
    review = ReviewFactory(draft=True, author=writer)
    signed_in(writer).post(AUTOSAVE_URL, {"review": review.pk, "body": "Writer."})
    signed_in(editor).post(AUTOSAVE_URL, {"review": review.pk, "body": "Editor."})

    bodies = dict(Autosave.objects.values_list("user__username", "fields__body"))

    assert bodies == {writer.username: "Writer.", editor.username: "Editor."}


@pytest.mark.parametrize("review_id", ["abc", "999999", "1" * 40])
def test_an_autosave_of_no_such_review_is_a_json_404(writer, review_id):
    answer = signed_in(writer).post(AUTOSAVE_URL, {"review": review_id, "body": "Lost?"})

    assert answer.status_code == 404
    assert answer.json() == {"errors": {"__all__": ["No such review."]}}
    assert not Autosave.objects.exists()


def test_a_writer_cannot_autosave_onto_another_writers_review(writer):
    others = ReviewFactory(draft=True)

    answer = signed_in(writer).post(AUTOSAVE_URL, {"review": others.pk, "body": "Mine now."})

    assert answer.status_code == 404
    assert not Autosave.objects.exists()


def test_a_writer_cannot_autosave_their_scheduled_review_they_may_no_longer_change(writer):
    review = ReviewFactory(scheduled=True, author=writer)

    answer = signed_in(writer).post(AUTOSAVE_URL, {"review": review.pk, "body": "Late edit."})

    assert answer.status_code == 403
    assert not Autosave.objects.exists()


def test_autosave_refuses_signed_out_visitors_readers_and_moderators():
    assert Client().post(AUTOSAVE_URL, {"body": "x"}).status_code == 302
    assert signed_in(UserFactory()).post(AUTOSAVE_URL, {"body": "x"}).status_code == 302
    assert signed_in(staff_user("Moderators")).post(AUTOSAVE_URL, {"body": "x"}).status_code == 403
    assert not Autosave.objects.exists()


def test_autosave_needs_the_csrf_token(writer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)

    assert client.post(AUTOSAVE_URL, {"body": "x"}).status_code == 403
    assert not Autosave.objects.exists()


def test_an_oversized_autosave_is_refused_whole_with_a_message(writer):
    answer = signed_in(writer).post(
        AUTOSAVE_URL, {"body": "x" * (MAX_BODY_LENGTH + 1), "headline": "Kept?"}
    )

    assert answer.status_code == 400
    assert "at most 50000 characters" in answer.json()["errors"]["body"][0]
    assert not Autosave.objects.exists()


def test_the_add_form_has_one_autosave_per_user_offered_on_the_add_page(writer):
    client = signed_in(writer)
    client.post(AUTOSAVE_URL, {"review": "", "headline": "A new one", "body": "Draft."})
    client.post(AUTOSAVE_URL, {"review": "", "headline": "A new one", "body": "Draft, longer."})

    page = client.get(ADD_URL).content.decode()

    assert Autosave.objects.get(user=writer, review=None).fields["body"] == "Draft, longer."
    assert "You have unsaved changes from" in page


def test_discard_deletes_only_that_autosave(writer):
    review = ReviewFactory(draft=True, author=writer)
    client = signed_in(writer)
    client.post(AUTOSAVE_URL, {"review": review.pk, "body": "Typed."})
    client.post(AUTOSAVE_URL, {"review": "", "body": "New review."})

    assert client.post(DISCARD_URL, {"review": review.pk}).status_code == 200

    assert list(Autosave.objects.values_list("review", flat=True)) == [None]
    assert "You have unsaved changes" not in client.get(change_url(review)).content.decode()


def test_saving_the_review_deletes_the_users_autosave_of_it(writer, editor):
    review = ReviewFactory(draft=True, author=writer)
    client = signed_in(writer)
    client.post(AUTOSAVE_URL, {"review": review.pk, "body": "Typed."})
    signed_in(editor).post(AUTOSAVE_URL, {"review": review.pk, "body": "The editor's."})
    page = client.get(change_url(review))

    saved = client.post(change_url(review), form_data(page, body="Typed, then saved."))

    assert saved.status_code == 302
    assert list(Autosave.objects.values_list("user", flat=True)) == [editor.pk]


def test_adding_the_review_deletes_the_users_add_form_autosave(writer):
    client = signed_in(writer)
    client.post(AUTOSAVE_URL, {"review": "", "body": "New review."})
    page = client.get(ADD_URL)
    title = ReviewFactory(draft=True).title

    saved = client.post(
        ADD_URL,
        form_data(page, title=title.pk, slug="fresh", body="## Start\n\nWords."),
    )

    assert saved.status_code == 302
    assert not Autosave.objects.filter(user=writer).exists()


def test_autosaves_older_than_the_limit_expire(writer):
    old_review = ReviewFactory(draft=True, author=writer)
    Autosave.objects.create(
        user=writer,
        review=old_review,
        fields={"body": "Long ago."},
        saved_at=timezone.now() - AUTOSAVE_MAX_AGE - timedelta(days=1),
    )

    signed_in(writer).post(AUTOSAVE_URL, {"review": "", "body": "Today."})

    assert list(Autosave.objects.values_list("fields__body", flat=True)) == ["Today."]
