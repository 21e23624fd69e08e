"""The image library in the admin: the grid, search and filter, where an image is used,
deletion refused while an article uses it, and bad uploads refused through the add form."""

from pathlib import Path

import pytest
from django.urls import reverse

from images.models import Image
from reviews.models import Review
from tests.catalog.images import SVG, bilevel_png, image_bytes, upload
from tests.factories import UserFactory
from tests.images.factories import ImageFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:images_image_changelist")
ADD = reverse("admin:images_image_add")


def stored_files(settings) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def place(image: Image, **kwargs) -> Review:
    return ReviewFactory(body=f"Intro.\n\n![Shot](image:{image.pk})\n", **kwargs)


def test_the_library_lists_thumbnails_in_a_grid_with_its_stylesheet(editor_client):
    image = ImageFactory(alt_text="Rouge in armour")

    response = editor_client.get(CHANGELIST)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<img class="image-thumbnail" src="{image.thumbnail_url}"' in html
    assert "/static/images/admin.css" in html
    assert "app-images model-image change-list" in html
    assert " style=" not in html.split('id="result_list"')[1].split("</table>")[0]


def test_the_library_is_searched_by_alt_text_and_caption(editor_client):
    ImageFactory(alt_text="Rouge in armour")
    ImageFactory(alt_text="A street", caption="The armour scene")
    ImageFactory(alt_text="Naomi at the bar")

    response = editor_client.get(CHANGELIST, {"q": "armour"})

    assert response.context["cl"].result_count == 2


def test_the_library_is_filtered_by_uploader(editor_client):
    alice, bob = UserFactory(username="alice"), UserFactory(username="bob")
    ImageFactory(uploaded_by=alice, alt_text="Alice's shot")
    ImageFactory(uploaded_by=bob, alt_text="Bob's shot")

    response = editor_client.get(CHANGELIST, {"uploaded_by__id__exact": alice.pk})

    assert [image.alt_text for image in response.context["cl"].result_list] == ["Alice's shot"]
    assert "By uploaded by" in response.content.decode()


def test_the_library_says_how_many_reviews_use_each_image(editor_client):
    used, unused = ImageFactory(), ImageFactory()
    place(used)
    place(used)

    html = editor_client.get(CHANGELIST).content.decode()

    rows = html.split('id="result_list"')[1]
    assert "2 reviews" in rows and "not used" in rows
    assert used.pk != unused.pk


def test_the_image_page_links_to_the_reviews_using_it(editor_client):
    image = ImageFactory()
    review = place(image, headline="Metallic Rouge, reviewed")

    html = editor_client.get(reverse("admin:images_image_change", args=[image.pk])).content
    html = html.decode()

    change_url = reverse("admin:reviews_review_change", args=[review.pk])
    assert f'<a href="{change_url}">Metallic Rouge, reviewed</a>' in html


def test_an_image_a_review_uses_cannot_be_deleted_and_the_page_says_where(editor_client):
    image = ImageFactory()
    place(image, headline="Metallic Rouge, reviewed")
    delete_url = reverse("admin:images_image_delete", args=[image.pk])

    page = editor_client.get(delete_url).content.decode()
    response = editor_client.post(delete_url, {"post": "yes"})

    assert "would require deleting the following protected related objects" in page
    assert "the review “Metallic Rouge, reviewed”" in page
    assert Image.objects.filter(pk=image.pk).exists()
    assert "the review “Metallic Rouge, reviewed”" in response.content.decode()


def test_an_image_no_longer_used_can_be_deleted_with_its_files(
    editor_client, settings, django_capture_on_commit_callbacks
):
    image = ImageFactory()
    review = place(image)
    review.body = "No pictures any more."
    review.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Image.objects.exists()
    assert stored_files(settings) == []


def test_the_bulk_delete_action_refuses_images_in_use(editor_client):
    used = ImageFactory()
    place(used, headline="Frieren, reviewed")

    response = editor_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [used.pk], "post": "yes"}
    )

    assert "Frieren, reviewed" in response.content.decode()
    assert Image.objects.filter(pk=used.pk).exists()


def test_an_editor_adds_an_image_through_the_form(editor_client):
    response = editor_client.post(
        ADD,
        {
            "file": upload("shot.png", image_bytes(1700, 900)),
            "alt_text": "The capital's domes",
            "caption": "Episode 1",
            "credit": "Bones",
        },
    )

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height, image.credit) == (1700, 900, "Bones")
    assert image.uploaded_by.username == "editor"


def test_alt_text_is_required_in_the_admin_form(editor_client, settings):
    response = editor_client.post(ADD, {"file": upload("shot.png", image_bytes(300, 200))})

    assert response.context["adminform"].form.errors["alt_text"] == ["This field is required."]
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("file", "message"),
    [
        pytest.param(
            lambda: upload("shot.png", b"just some text, not a picture\n" * 40),
            "content is none of those",
            id="text file renamed .png",
        ),
        pytest.param(
            lambda: upload("shot.svg", SVG, "image/svg+xml"), "content is none of those", id="svg"
        ),
        pytest.param(
            lambda: upload("shot.png", b"<html><script>alert(1)</script></html>" + image_bytes()),
            "content is none of those",
            id="html with a png after it",
        ),
        pytest.param(
            lambda: upload("shot.png", bilevel_png(20000, 20000)),
            "too many pixels",
            id="decompression bomb",
        ),
        pytest.param(
            lambda: upload("shot.png", image_bytes(64, 64) + b"\0" * (15 * 1024 * 1024)),
            "may be at most 10.0",
            id="15 MB file",
        ),
        pytest.param(
            lambda: upload("shot.jpg", image_bytes(400, 300, "JPEG")[:1500], "image/jpeg"),
            "damaged or incomplete",
            id="truncated jpeg",
        ),
    ],
)
def test_a_bad_upload_through_the_admin_form_is_refused_and_nothing_stored(
    editor_client, settings, file, message
):
    response = editor_client.post(ADD, {"file": file(), "alt_text": "Something"})

    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors["file"][0]
    assert not Image.objects.exists()
    assert stored_files(settings) == []


def test_a_writer_may_add_images_but_not_delete_them(writer_client):
    image = ImageFactory()

    assert writer_client.get(ADD).status_code == 200
    assert writer_client.get(CHANGELIST).status_code == 200
    delete = writer_client.get(reverse("admin:images_image_delete", args=[image.pk]))
    assert delete.status_code == 403
