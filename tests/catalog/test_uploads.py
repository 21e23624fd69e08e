"""Poster uploads through the admin: only real, sane images reach media, re-encoded."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageFile

from catalog.models import Season, Title
from images.fields import sanitize_image
from tests.catalog.admin_forms import season_data, title_data
from tests.catalog.images import (
    SVG,
    bilevel_png,
    image_bytes,
    jpeg_with_metadata,
    png_with_metadata,
    upload,
)
from tests.factories import TitleFactory

pytestmark = pytest.mark.django_db

TITLE_ADD = "/admin/catalog/title/add/"


def stored_files(settings) -> list[str]:
    """Every file under MEDIA_ROOT, as storage names."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def poster_errors(response) -> list[str]:
    assert response.status_code == 200
    return response.context["adminform"].form.errors["poster"]


def add_title_with_poster(client, poster):
    return client.post(TITLE_ADD, title_data(poster=poster))


@pytest.mark.parametrize(
    ("poster", "message"),
    [
        pytest.param(
            lambda: upload("poster.jpg", b"just some text, not a picture\n" * 40, "image/jpeg"),
            "content is none of those",
            id="text file renamed .jpg",
        ),
        pytest.param(
            lambda: upload("poster.svg", SVG, "image/svg+xml"),
            "content is none of those",
            id="svg",
        ),
        pytest.param(
            lambda: upload("poster.png", image_bytes(64, 64) + b"\0" * (15 * 1024 * 1024)),
            "may be at most 10.0",
            id="15 MB file",
        ),
        pytest.param(
            lambda: upload("poster.png", bilevel_png(20000, 20000)),
            "too many pixels",
            id="20000x20000 png",
        ),
        pytest.param(
            lambda: upload("poster.png", bilevel_png(7000, 6000)),
            "at most 16 megapixels",
            id="42 megapixels, under Pillow's own bomb limit",
        ),
        pytest.param(
            lambda: upload("poster.png", bilevel_png(6300, 6300)),
            "at most 16 megapixels",
            id="6300x6300 png, 12 s of a worker before the lower limit",
        ),
        pytest.param(
            lambda: upload("poster.png", bilevel_png(4001, 4000)),
            "at most 16 megapixels",
            id="just over 16 megapixels",
        ),
        pytest.param(
            lambda: upload("poster.png", image_bytes(640, 480)[:-200]),
            "could not be read",
            id="truncated png",
        ),
    ],
)
def test_unsafe_poster_is_refused_with_a_form_error_and_nothing_is_stored(
    editor_client, settings, poster, message
):
    response = add_title_with_poster(editor_client, poster())

    assert any(message in error for error in poster_errors(response))
    assert not Title.objects.exists()
    assert stored_files(settings) == []


def test_good_poster_on_a_form_with_another_error_stores_nothing(editor_client, settings):
    response = editor_client.post(
        TITLE_ADD, title_data(slug="", poster=upload("poster.png", image_bytes(800, 1200)))
    )

    assert response.status_code == 200
    assert not Title.objects.exists()
    assert stored_files(settings) == []


def test_small_png_is_stored_re_encoded_with_its_dimensions(editor_client, settings):
    original = image_bytes(800, 1200)

    response = add_title_with_poster(editor_client, upload("poster.png", original))

    assert response.status_code == 302
    title = Title.objects.get()
    assert (title.poster_width, title.poster_height) == (800, 1200)
    assert title.poster.name == "posters/poster.png"
    with Image.open(Path(settings.MEDIA_ROOT) / title.poster.name) as stored:
        assert (stored.format, stored.size) == ("PNG", (800, 1200))


def test_poster_of_exactly_16_megapixels_is_accepted(editor_client):
    response = add_title_with_poster(editor_client, upload("poster.png", bilevel_png(4000, 4000)))

    assert response.status_code == 302
    title = Title.objects.get()
    assert (title.poster_width, title.poster_height) == (4000, 4000)


def test_small_png_gets_webp_renditions_320_and_640_wide(editor_client, settings):
    add_title_with_poster(editor_client, upload("poster.png", image_bytes(800, 1200)))

    renditions = sorted((Path(settings.MEDIA_ROOT) / "posters" / "renditions").iterdir())

    sizes = []
    for path in renditions:
        with Image.open(path) as rendition:
            assert rendition.format == "WEBP"
            sizes.append(rendition.size)
    assert sorted(sizes) == [(320, 480), (640, 960)]


def test_poster_srcset_lists_renditions_then_the_poster_itself(editor_client):
    add_title_with_poster(editor_client, upload("poster.png", image_bytes(800, 1200)))

    poster = Title.objects.get().poster

    assert poster.srcset == (
        "/media/posters/renditions/poster-png-320w.webp 320w, "
        "/media/posters/renditions/poster-png-640w.webp 640w, "
        "/media/posters/poster.png 800w"
    )
    assert (poster.width, poster.height) == (800, 1200)


def test_narrow_poster_is_never_upscaled(editor_client, settings):
    add_title_with_poster(editor_client, upload("poster.webp", image_bytes(500, 700, "WEBP")))

    renditions = list((Path(settings.MEDIA_ROOT) / "posters" / "renditions").iterdir())

    assert [path.name for path in renditions] == ["poster-webp-320w.webp"]
    assert Title.objects.get().poster.srcset.endswith("/media/posters/poster.webp 500w")


def test_file_extension_follows_the_content_not_the_name(editor_client):
    add_title_with_poster(editor_client, upload("poster.gif", image_bytes(100, 100, "JPEG")))

    assert Title.objects.get().poster.name == "posters/poster.jpg"


def test_data_hidden_after_the_image_never_reaches_media(editor_client, settings):
    payload = b"<script>alert('polyglot')</script>"
    add_title_with_poster(editor_client, upload("poster.png", image_bytes(64, 64) + payload))

    stored = [Path(settings.MEDIA_ROOT, name).read_bytes() for name in stored_files(settings)]
    assert len(stored) == 1
    assert all(payload not in data for data in stored)


@pytest.mark.parametrize(
    ("name", "data"),
    [("photo.jpg", jpeg_with_metadata()), ("drawing.png", png_with_metadata())],
    ids=["jpeg with exif and a comment", "png with exif and a text chunk"],
)
def test_metadata_is_stripped(editor_client, settings, name, data):
    with Image.open(io.BytesIO(data)) as sent:
        assert sent.getexif()  # the test image really carries EXIF

    add_title_with_poster(editor_client, upload(name, data))

    stored = (Path(settings.MEDIA_ROOT) / Title.objects.get().poster.name).read_bytes()
    for secret in (b"SpyCam", b"secret-editor", b"editor's home"):
        assert secret not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()


def test_season_poster_is_accepted_with_its_renditions(editor_client, settings):
    title = TitleFactory()

    response = editor_client.post(
        "/admin/catalog/season/add/",
        season_data(title, poster=upload("season.png", image_bytes(700, 1000))),
    )

    assert response.status_code == 302
    season = Season.objects.get()
    assert (season.poster_width, season.poster_height) == (700, 1000)
    assert stored_files(settings) == [
        "posters/seasons/renditions/season-png-320w.webp",
        "posters/seasons/renditions/season-png-640w.webp",
        "posters/seasons/season.png",
    ]


def test_season_poster_form_refuses_an_svg(editor_client, settings):
    response = editor_client.post(
        "/admin/catalog/season/add/",
        season_data(TitleFactory(), poster=upload("season.svg", SVG, "image/svg+xml")),
    )

    assert poster_errors(response)
    assert stored_files(settings) == []


def test_replacing_a_poster_removes_the_old_one_and_its_renditions(
    editor_client, settings, django_capture_on_commit_callbacks
):
    add_title_with_poster(editor_client, upload("old.png", image_bytes(800, 1200)))
    title = Title.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            f"/admin/catalog/title/{title.pk}/change/",
            title_data(poster=upload("new.png", image_bytes(900, 600))),
        )

    assert stored_files(settings) == [
        "posters/new.png",
        "posters/renditions/new-png-320w.webp",
        "posters/renditions/new-png-640w.webp",
    ]
    title.refresh_from_db()
    assert (title.poster_width, title.poster_height) == (900, 600)


def test_clearing_a_poster_removes_its_files_and_dimensions(
    editor_client, settings, django_capture_on_commit_callbacks
):
    add_title_with_poster(editor_client, upload("old.png", image_bytes(800, 1200)))
    title = Title.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            f"/admin/catalog/title/{title.pk}/change/", title_data(**{"poster-clear": "on"})
        )

    title.refresh_from_db()
    assert not title.poster
    assert (title.poster_width, title.poster_height) == (None, None)
    assert stored_files(settings) == []


def test_deleting_a_show_removes_its_poster_files(settings, django_capture_on_commit_callbacks):
    title = TitleFactory()
    title.poster.save("gone.png", ContentFile(image_bytes(800, 1200)))

    with django_capture_on_commit_callbacks(execute=True):
        title.delete()

    assert stored_files(settings) == []


def test_poster_saved_from_code_is_sanitised_too(settings):
    title = TitleFactory()

    title.poster.save("drawn.gif", ContentFile(image_bytes(660, 990) + b"trailing"))

    title.refresh_from_db()
    assert title.poster.name == "posters/drawn.png"
    assert (title.poster.width, title.poster.height) == (660, 990)
    assert len(stored_files(settings)) == 3


def test_poster_saved_from_code_refuses_what_the_form_refuses(settings):
    with pytest.raises(ValidationError):
        TitleFactory().poster.save("fake.png", ContentFile(SVG))

    assert stored_files(settings) == []


def test_sanitising_refuses_before_decoding_pixels(monkeypatch):
    def fail_to_decode(image):
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", fail_to_decode)

    with pytest.raises(ValidationError, match="too many pixels"):
        sanitize_image(upload("bomb.png", bilevel_png(7000, 6000)))
