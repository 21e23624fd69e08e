"""Static files go out hashed, compressed and cached for ever; images never make the page jump."""

import gzip
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client, override_settings

from tests.catalog.images import image_bytes
from tests.factories import TitleFactory
from tests.reviews.factories import ReviewFactory

PRODUCTION_STATIC = {
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    },
    "WHITENOISE_AUTOREFRESH": False,
    "WHITENOISE_USE_FINDERS": False,
}


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """collectstatic into a temporary STATIC_ROOT, as a production deploy does (once here)."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, **PRODUCTION_STATIC):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def production_static(collected_static):
    with override_settings(STATIC_ROOT=collected_static, **PRODUCTION_STATIC):
        yield Client()


def hashed_url(html: str, name: str) -> str:
    stem, extension = name.rsplit(".", 1)
    return re.search(rf"/static/{stem}\.[0-9a-f]{{12}}\.{extension}", html).group(0)


def collected(root, url: str) -> bytes:
    """The file collectstatic stored for a /static/ URL."""
    return (root / url.removeprefix("/static/")).read_bytes()


@pytest.mark.django_db
def test_pages_link_hashed_static_files_served_immutable_for_a_year(
    production_static, collected_static
):
    html = production_static.get("/").content.decode()
    url = hashed_url(html, "css/site.css")

    response = production_static.get(url)

    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1)) >= 31536000
    assert b"".join(response.streaming_content) == collected(collected_static, url)


@pytest.mark.django_db
def test_static_files_are_sent_compressed_to_browsers_that_accept_it(
    production_static, collected_static
):
    html = production_static.get("/").content.decode()
    url = hashed_url(html, "js/csrf.js")

    response = production_static.get(url, HTTP_ACCEPT_ENCODING="gzip, br")

    # gzip, not br: WhiteNoise writes Brotli files only with the Brotli package, not a dependency.
    assert response["Content-Encoding"] == "gzip"
    body = gzip.decompress(b"".join(response.streaming_content))
    assert body == collected(collected_static, url)


@pytest.mark.django_db
def test_every_image_has_its_size_srcset_and_lazy_loading_unless_it_is_the_first_view(
    client,
):
    title = TitleFactory()
    title.poster.save("rouge.png", ContentFile(image_bytes(400, 600)))
    review = ReviewFactory(title=title)
    ReviewFactory.create_batch(3, title=title)

    # A show's and a review's own poster is in view at once; the lists' posters wait.
    eager_posters = {"/": 0, review.get_absolute_url(): 1, title.get_absolute_url(): 1}
    for url, eager in eager_posters.items():
        images = re.findall(r"<img [^>]+>", client.get(url).content.decode())
        assert images, url
        for image in images:
            assert re.search(r'width="\d+"', image) and re.search(r'height="\d+"', image)
            assert 'srcset="' in image
        loading = [
            ("high" if 'fetchpriority="high"' in image else "")
            + ("lazy" if 'loading="lazy"' in image else "")
            for image in images
        ]
        assert loading == ["high"] * eager + ["lazy"] * (len(images) - eager), url
