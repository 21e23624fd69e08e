"""The editor's JSON endpoints: upload (paste, drag-and-drop) and the picker, staff only."""

from pathlib import Path

import pytest
from django.urls import reverse

from images.models import Image
from tests.catalog.images import SVG, bilevel_png, image_bytes, upload
from tests.images.factories import ImageFactory
from tests.reviews.factories import staff_user

pytestmark = pytest.mark.django_db


def upload_url():
    return reverse("admin:images_image_upload")


def picker_url():
    return reverse("admin:images_image_picker")


def stored_files(settings) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def test_a_writer_uploads_an_image_and_gets_its_markdown(writer_client, settings):
    response = writer_client.post(
        upload_url(),
        {
            "file": upload("paste.png", image_bytes(1700, 900)),
            "alt_text": "Naomi and Rouge in a jazz bar",
            "caption": "Episode 3",
        },
    )

    assert response.status_code == 201
    data = response.json()
    image = Image.objects.get()
    assert data == {
        "id": image.pk,
        "markdown": f"![Naomi and Rouge in a jazz bar](image:{image.pk})",
        "thumbnail_url": image.thumbnail_url,
        "alt_text": "Naomi and Rouge in a jazz bar",
        "caption": "Episode 3",
        "width": 1700,
        "height": 900,
    }
    assert image.uploaded_by.username == "writer"
    assert data["thumbnail_url"].endswith("-480w.webp")
    renditions = [name for name in stored_files(settings) if "/renditions/" in name]
    assert [name.rsplit("-", 1)[1] for name in renditions] == [
        "1200w.webp",
        "1600w.webp",
        "480w.webp",
        "800w.webp",
    ]


def test_an_editor_may_upload_too(editor_client):
    response = editor_client.post(
        upload_url(), {"file": upload("a.png", image_bytes(300, 200)), "alt_text": "A cat"}
    )

    assert response.status_code == 201
    assert response.json()["width"] == 300


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
def test_a_bad_upload_is_refused_with_a_clear_error_and_nothing_stored(
    writer_client, settings, file, message
):
    response = writer_client.post(upload_url(), {"file": file(), "alt_text": "Something"})

    assert response.status_code == 400
    assert message in response.json()["errors"]["file"][0]
    assert not Image.objects.exists()
    assert stored_files(settings) == []


def test_html_hidden_after_a_png_never_reaches_media(writer_client, settings):
    """A PNG+HTML polyglot is a real PNG: as for posters, only its pixels are stored."""
    payload = b"<html><script>alert('polyglot')</script></html>"
    response = writer_client.post(
        upload_url(), {"file": upload("shot.png", image_bytes(64, 64) + payload), "alt_text": "X"}
    )

    assert response.status_code == 201
    stored = [Path(settings.MEDIA_ROOT, name).read_bytes() for name in stored_files(settings)]
    assert stored
    assert all(payload not in data and b"<html" not in data for data in stored)


def test_an_upload_without_alt_text_is_refused_and_nothing_stored(writer_client, settings):
    response = writer_client.post(upload_url(), {"file": upload("a.png", image_bytes(300, 200))})

    assert response.status_code == 400
    assert response.json() == {"errors": {"alt_text": ["This field is required."]}}
    assert not Image.objects.exists()
    assert stored_files(settings) == []


def test_an_upload_without_a_file_is_refused(writer_client):
    response = writer_client.post(upload_url(), {"alt_text": "Nothing attached"})

    assert response.status_code == 400
    assert response.json()["errors"]["file"] == ["This field is required."]


def test_the_upload_endpoint_takes_only_post(writer_client):
    assert writer_client.get(upload_url()).status_code == 405


@pytest.mark.parametrize("url", [upload_url, picker_url])
def test_anonymous_visitors_are_sent_to_the_login(client, url):
    response = client.post(url()) if url is upload_url else client.get(url())

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", [upload_url, picker_url])
def test_readers_who_are_not_staff_are_sent_to_the_login(reader_client, url):
    response = reader_client.post(url()) if url is upload_url else reader_client.get(url())

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_the_library_permissions_get_403_json(moderator_client, settings):
    uploaded = moderator_client.post(
        upload_url(), {"file": upload("a.png", image_bytes(300, 200)), "alt_text": "A cat"}
    )
    picked = moderator_client.get(picker_url())

    assert uploaded.status_code == 403
    assert "may not add images" in uploaded.json()["errors"]["__all__"][0]
    assert picked.status_code == 403
    assert not Image.objects.exists()
    assert stored_files(settings) == []


def test_the_upload_endpoint_needs_the_csrf_token(db, client):
    client.handler.enforce_csrf_checks = True
    client.force_login(staff_user("Writers"))

    response = client.post(
        upload_url(), {"file": upload("a.png", image_bytes(300, 200)), "alt_text": "A cat"}
    )

    assert response.status_code == 403
    assert not Image.objects.exists()


def test_the_picker_lists_the_newest_images_first(writer_client):
    older = ImageFactory(alt_text="Older shot")
    newer = ImageFactory(alt_text="Newer shot")

    results = writer_client.get(picker_url()).json()["results"]

    assert [result["id"] for result in results] == [newer.pk, older.pk]
    assert results[0] == {
        "id": newer.pk,
        "alt_text": "Newer shot",
        "caption": "",
        "thumbnail_url": newer.thumbnail_url,
        "width": 900,
        "height": 600,
        "markdown": f"![Newer shot](image:{newer.pk})",
    }


def test_the_picker_searches_alt_text_and_caption(writer_client):
    by_alt = ImageFactory(alt_text="Rouge in armour")
    by_caption = ImageFactory(alt_text="A street", caption="The armour scene, episode 1")
    ImageFactory(alt_text="Naomi at the bar")

    results = writer_client.get(picker_url(), {"q": "armour"}).json()["results"]

    assert {result["id"] for result in results} == {by_alt.pk, by_caption.pk}


def test_the_picker_returns_at_most_fifty(writer_client):
    first = ImageFactory()
    copies = [
        Image(file=first.file.name, alt_text=f"Copy {n}", width=900, height=600) for n in range(55)
    ]
    Image.objects.bulk_create(copies)

    assert len(writer_client.get(picker_url()).json()["results"]) == 50
