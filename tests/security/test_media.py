"""Uploaded images served in development carry their image type and nosniff."""

import importlib

import pytest
from django.urls import clear_url_caches

import animeblog.urls
from tests.catalog.images import image_bytes


@pytest.fixture
def media_urls_of_development(settings):
    """The URL map as DEBUG builds it, with Django serving MEDIA_URL; the usual one after."""
    settings.DEBUG = True
    importlib.reload(animeblog.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(animeblog.urls)
    clear_url_caches()


@pytest.mark.parametrize(
    ("name", "image_format", "content_type"),
    [
        ("poster.jpg", "JPEG", "image/jpeg"),
        ("poster.png", "PNG", "image/png"),
        ("poster.webp", "WEBP", "image/webp"),
    ],
)
def test_a_served_upload_has_its_image_type_and_nosniff(
    client, settings, media_urls_of_development, name, image_format, content_type
):
    folder = settings.MEDIA_ROOT / "posters"
    folder.mkdir(parents=True)
    image = image_bytes(20, 30, image_format)
    (folder / name).write_bytes(image)
    response = client.get(f"/media/posters/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == image  # read to the end, which closes the file
