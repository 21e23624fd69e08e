"""Library images in the review admin and on the review page: refusals, warnings, the
record of uses, re-rendering when an image changes, the Open Graph fallback, query pins."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from images.models import Image
from reviews.models import Review, ReviewImage
from tests.catalog.images import image_bytes
from tests.images.factories import ImageFactory
from tests.reviews.admin_forms import form_data
from tests.reviews.factories import ReviewFactory, staff_user
from tests.reviews.test_queries import REVIEW_PAGE_QUERIES, review_with_surroundings
from tests.reviews.test_seo import head_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = staff_user("Editors", first_name="Eda", last_name="Editor")
    client.force_login(user)
    return user


def change_url(review):
    return reverse("admin:reviews_review_change", args=[review.pk])


def save_body(client, review, body):
    page = client.get(change_url(review))
    return client.post(change_url(review), form_data(page, body=body))


def figures(body_count: int) -> str:
    images = ImageFactory.create_batch(body_count, file=ContentFile(image_bytes(300, 200), "s.png"))
    return "\n\n".join(f'![Shot {image.pk}](image:{image.pk} "Caption")' for image in images)


@pytest.mark.parametrize(
    "source",
    [
        "https://tracker.example/pixel.png",
        "//cdn.example/shot.jpg",
        "/media/posters/rouge.png",
        "image:abc",
    ],
)
def test_an_image_from_outside_the_library_is_refused_at_save(client, editor, source):
    review = ReviewFactory(body="Before.")

    response = save_body(client, review, f"Text.\n\n![shot]({source})\n")

    assert response.status_code == 200
    error = response.context["adminform"].form.errors["body"][0]
    assert f"“{source}” is not one" in error
    assert "![alt text](image:ID)" in error
    review.refresh_from_db()
    assert review.body == "Before."


def test_a_raw_html_img_tag_is_refused_at_save(client, editor):
    review = ReviewFactory(body="Before.")

    response = save_body(client, review, 'Text <img src="https://x.example/a.png" alt="a">')

    assert (
        "Only images from the image library" in response.context["adminform"].form.errors["body"][0]
    )


def test_a_library_image_saves_and_shows_as_a_figure(client, editor):
    image = ImageFactory()
    review = ReviewFactory(body="Before.")

    response = save_body(client, review, f'Text.\n\n![Rouge](image:{image.pk} "Dusk")\n')

    assert response.status_code == 302
    page = client.get(review.get_absolute_url()).content.decode()
    assert "<figure><img " in page and "<figcaption>Dusk</figcaption>" in page
    assert list(ReviewImage.objects.values_list("review", "image")) == [(review.pk, image.pk)]


def test_a_missing_image_saves_with_a_warning_and_readers_see_nothing_broken(client, editor):
    review = ReviewFactory(body="Before.")

    response = save_body(client, review, "Text.\n\n![Deleted shot](image:424242)\n\nAfter.")

    assert response.status_code == 302
    warnings = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("image:424242, which is not in the image library" in text for text in warnings)
    review.refresh_from_db()
    assert review.body_html == "<p>Text.</p>\n<p>After.</p>\n"
    page = Client().get(review.get_absolute_url()).content.decode()
    assert "Deleted shot" not in page and "image:424242" not in page


def test_the_uses_follow_the_body_on_every_save():
    kept, dropped, added = ImageFactory.create_batch(3)
    review = ReviewFactory(body=f"![a](image:{kept.pk})\n\n![b](image:{dropped.pk})")

    review.body = f"![a](image:{kept.pk})\n\n![c](image:{added.pk})\n\n![a again](image:{kept.pk})"
    review.save()

    assert set(review.image_uses.values_list("image", flat=True)) == {kept.pk, added.pk}


def test_changing_an_image_renders_the_reviews_using_it_anew(client, editor):
    image = ImageFactory(caption="Old caption")
    review = ReviewFactory(body=f"![Shot](image:{image.pk})")
    updated_at = review.updated_at
    page = client.get(reverse("admin:images_image_change", args=[image.pk]))

    response = client.post(
        reverse("admin:images_image_change", args=[image.pk]),
        form_data(page, caption="New caption"),
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert "<figcaption>New caption</figcaption>" in review.body_html
    assert review.updated_at == updated_at
    assert "New caption" in client.get(review.get_absolute_url()).content.decode()


def test_deleting_a_review_frees_its_images():
    image = ImageFactory()
    ReviewFactory(body=f"![Shot](image:{image.pk})").delete()

    image.delete()

    assert not Image.objects.exists()


@pytest.mark.parametrize("how_many", [0, 20])
def test_review_page_query_count_does_not_grow_with_article_images(
    client, django_assert_num_queries, how_many
):
    review = review_with_surroundings(1)
    review.body = f"## Pictures\n\n{figures(how_many)}\n"
    review.save()

    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        response = client.get(review.get_absolute_url())

    assert response.content.decode().count("<figure>") == how_many


def test_a_review_without_cover_offers_its_first_article_image_before_the_poster(client, settings):
    settings.SITE_URL = "https://anime.example"
    first = ImageFactory(file=ContentFile(image_bytes(1600, 900), "first.png"))
    second = ImageFactory()
    review = ReviewFactory(body=f"Intro.\n\n![a](image:{first.pk})\n\n![b](image:{second.pk})")
    review.title.poster.save("rouge.png", ContentFile(image_bytes(600, 900)))

    head = head_of(client, review.get_absolute_url())

    # The 1200 px rendition: wide enough for link previews, lighter than the original.
    assert head.meta["og:image"] == f"https://anime.example{dict(first.file.rendition_urls)[1200]}"


def test_a_narrow_first_image_is_shared_at_its_own_size(client, settings):
    settings.SITE_URL = "https://anime.example"
    image = ImageFactory()
    review = ReviewFactory(body=f"![a](image:{image.pk})")

    head = head_of(client, review.get_absolute_url())

    assert head.meta["og:image"] == f"https://anime.example{image.file.url}"


def test_a_review_with_a_cover_offers_the_cover_over_its_article_images(client, settings):
    settings.SITE_URL = "https://anime.example"
    image = ImageFactory()
    review = ReviewFactory(body=f"![a](image:{image.pk})")
    review.cover.save("cover.png", ContentFile(image_bytes(1200, 630)))

    head = head_of(client, review.get_absolute_url())

    assert head.meta["og:image"] == f"https://anime.example{review.cover.url}"


def test_an_inline_image_is_not_the_open_graph_image(client, settings):
    settings.SITE_URL = "https://anime.example"
    image = ImageFactory()
    review = ReviewFactory(body=f"See ![logo](image:{image.pk}) here.")

    assert "og:image" not in head_of(client, review.get_absolute_url()).meta
    assert Review.objects.get().body_html.startswith("<p>See <img ")
