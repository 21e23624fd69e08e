"""The public reading pages: a review, the home page's list, a tag page, robots.txt."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from catalog.models import TitleRelation
from reviews.previews import make_preview_token
from tests.catalog.images import image_bytes
from tests.factories import (
    EpisodeFactory,
    GenreFactory,
    LanguageFactory,
    QualityVariantFactory,
    TitleFactory,
    UserFactory,
)
from tests.reviews.factories import AuthorProfileFactory, ReviewFactory

pytestmark = pytest.mark.django_db

BODY = """Opening words.

## The world

A city of androids.

### Who fights

- Rouge
- Naomi

## The verdict in detail

More words.
"""


def test_review_page_shows_the_article_and_its_table_of_contents(client):
    review = ReviewFactory(body=BODY)

    page = client.get(review.get_absolute_url()).content.decode()

    assert f">{review.display_headline}</h1>" in page
    assert '<h2 id="the-world">' in page
    assert '<a href="#the-world">The world</a>' in page
    assert '<a href="#who-fights">Who fights</a>' in page
    assert "<li>Naomi</li>" in page


def test_review_page_bylines_the_authors_display_name_linked_to_their_page(client):
    author = UserFactory(username="kraman", email="kavya@private.example")
    AuthorProfileFactory(user=author, display_name="Kavya Raman", slug="kavya-raman")
    review = ReviewFactory(author=author)

    page = client.get(review.get_absolute_url()).content.decode()

    assert 'href="/authors/kavya-raman/" rel="author">Kavya Raman</a>' in page
    assert "kavya@private.example" not in page
    assert "kraman" not in page


def test_review_page_bylines_an_author_without_a_public_profile_as_the_site(client, settings):
    author = UserFactory(username="kraman", first_name="Kavya", last_name="Raman")
    review = ReviewFactory(author=author)

    page = client.get(review.get_absolute_url()).content.decode()

    assert (
        f'By <span class="review__author"><span class="byline__author">{settings.SITE_NAME}' in page
    )
    assert "kraman" not in page
    assert "Kavya" not in page


def test_review_page_shows_dates_published_and_updated(client):
    review = ReviewFactory(publish_at=timezone.now() - timedelta(days=30))

    page = client.get(review.get_absolute_url()).content.decode()

    assert f'datetime="{timezone.localtime(review.publish_at).isoformat()}"' in page
    assert "Updated" in page


def test_review_page_links_its_genre_chips_to_genre_pages(client):
    genre = GenreFactory(name="Cyberpunk")
    review = ReviewFactory(title=TitleFactory(genres=[genre]))

    page = client.get(review.get_absolute_url()).content.decode()

    assert f'<a class="chip" href="/genres/{genre.slug}/">Cyberpunk</a>' in page


def test_review_page_shows_the_information_box_and_availability(client):
    tamil = LanguageFactory(code="ta", name="Tamil")
    title = TitleFactory(episode_duration=24)
    variant = QualityVariantFactory(season__title=title, audio_languages=[tamil], resolution=720)
    EpisodeFactory.create_batch(3, season=variant.season)
    review = ReviewFactory(title=title)

    page = client.get(review.get_absolute_url()).content.decode()

    assert "<dt>Episodes</dt>\n    <dd>3</dd>" in page
    assert "24 min per ep" in page
    assert '<a href="/languages/ta/">Tamil</a>' in page
    assert "720p" in page


def test_review_page_shows_the_verdict_in_the_final_summary(client):
    review = ReviewFactory(verdict="Stylish, but the story stalls.")

    page = client.get(review.get_absolute_url()).content.decode()

    assert "Final Summary" in page
    assert "Stylish, but the story stalls." in page


def test_review_without_cover_shows_the_show_poster_sized_and_with_renditions(client):
    title = TitleFactory()
    title.poster.save("rouge.png", ContentFile(image_bytes(800, 1200)))
    review = ReviewFactory(title=title)

    page = client.get(review.get_absolute_url()).content.decode()

    assert f'src="{title.poster.url}"' in page
    assert 'width="800" height="1200"' in page
    assert "320w" in page


def test_review_page_gives_readers_a_way_back_to_the_top(client):
    review = ReviewFactory()

    page = client.get(review.get_absolute_url()).content.decode()

    assert 'href="#top"' in page


def test_also_check_ranks_franchise_then_shared_genres_and_tags_then_recency(client):
    action, mecha, mystery = GenreFactory.create_batch(3)
    review = ReviewFactory(title=TitleFactory(genres=[action, mecha, mystery]), tags=["android"])
    sequel_title = TitleFactory()
    TitleRelation.objects.create(
        from_title=review.title, to_title=sequel_title, kind=TitleRelation.Kind.SEQUEL
    )
    prequel_title = TitleFactory()
    TitleRelation.objects.create(
        from_title=prequel_title, to_title=review.title, kind=TitleRelation.Kind.SEQUEL
    )
    long_ago = timezone.now() - timedelta(days=400)
    sequel = ReviewFactory(title=sequel_title, publish_at=long_ago)
    prequel = ReviewFactory(title=prequel_title, publish_at=long_ago - timedelta(days=1))
    two_genres_and_tag = ReviewFactory(title=TitleFactory(genres=[action, mecha]), tags=["android"])
    two_genres = ReviewFactory(title=TitleFactory(genres=[action, mecha]))
    newest_unrelated = ReviewFactory(title=TitleFactory())
    older_one_genre = ReviewFactory(
        title=TitleFactory(genres=[mystery]), publish_at=timezone.now() - timedelta(days=9)
    )
    newer_one_genre = ReviewFactory(title=TitleFactory(genres=[mystery]))

    also_check = client.get(review.get_absolute_url()).context["also_check"]

    assert also_check == [sequel, prequel, two_genres_and_tag, two_genres]
    assert newest_unrelated not in also_check
    assert older_one_genre not in also_check
    assert newer_one_genre not in also_check


def test_also_check_prefers_the_newer_of_two_equally_related_reviews(client):
    genre = GenreFactory()
    review = ReviewFactory(title=TitleFactory(genres=[genre]))
    older = ReviewFactory(
        title=TitleFactory(genres=[genre]), publish_at=timezone.now() - timedelta(days=9)
    )
    newer = ReviewFactory(title=TitleFactory(genres=[genre]))

    also_check = client.get(review.get_absolute_url()).context["also_check"]

    assert also_check == [newer, older]


def test_also_check_fills_up_with_the_newest_live_reviews_when_few_share_anything(client):
    genre = GenreFactory()
    review = ReviewFactory(title=TitleFactory(genres=[genre]), tags=["android"])
    days_ago = [timezone.now() - timedelta(days=days) for days in range(1, 6)]
    sharing_tag = ReviewFactory(title=TitleFactory(), tags=["android"], publish_at=days_ago[4])
    newest, second, third, fourth = (
        ReviewFactory(title=TitleFactory(), publish_at=when) for when in days_ago[:4]
    )
    ReviewFactory(title=TitleFactory(genres=[genre]), draft=True)
    ReviewFactory(title=TitleFactory(genres=[genre]), scheduled=True)
    ReviewFactory(title=TitleFactory(genres=[genre]), archived=True)

    response = client.get(review.get_absolute_url())

    assert response.context["also_check"] == [sharing_tag, newest, second, third]
    assert fourth.get_absolute_url() not in response.content.decode()


def test_also_check_adds_shared_genres_and_tags_and_prefers_the_newer_on_a_tie(client):
    action, mecha, mystery = GenreFactory.create_batch(3)
    review = ReviewFactory(
        title=TitleFactory(genres=[action, mecha, mystery]), tags=["android", "rain"]
    )
    long_ago = timezone.now() - timedelta(days=300)
    three_genres = ReviewFactory(title=TitleFactory(genres=[action, mecha, mystery]))
    two_tags_and_a_genre = ReviewFactory(
        title=TitleFactory(genres=[action]), tags=["android", "rain"], publish_at=long_ago
    )
    two_genres = ReviewFactory(title=TitleFactory(genres=[mecha, mystery]))
    one_tag = ReviewFactory(title=TitleFactory(), tags=["rain"])
    older_one_genre = ReviewFactory(title=TitleFactory(genres=[action]), publish_at=long_ago)

    response = client.get(review.get_absolute_url())

    assert response.context["also_check"] == [
        three_genres,
        two_tags_and_a_genre,
        two_genres,
        one_tag,
    ]
    assert older_one_genre.get_absolute_url() not in response.content.decode()


def test_also_check_never_suggests_the_review_being_read(client):
    review = ReviewFactory()

    response = client.get(review.get_absolute_url())

    assert response.context["also_check"] == []
    assert "Also Check" not in response.content.decode()


def test_home_lists_twelve_reviews_a_page_with_featured_first(client):
    featured = ReviewFactory(is_featured=True, publish_at=timezone.now() - timedelta(days=60))
    newest_first = [
        ReviewFactory(publish_at=timezone.now() - timedelta(hours=hours)) for hours in range(1, 13)
    ]

    first = client.get("/").context["page_obj"]
    second = client.get("/?page=2").context["page_obj"]

    assert list(first) == [featured, *newest_first[:11]]
    assert list(second) == newest_first[11:]
    assert first.paginator.num_pages == 2


@pytest.mark.parametrize(
    ("page", "lands_on"), [("abc", 1), ("1e9", 1), ("0", 2), ("-1", 2), ("99", 2)]
)
def test_home_answers_a_bad_page_number_with_a_page_not_an_error(client, page, lands_on):
    """Not a whole number: the first page; out of range, below 1 included: the last page."""
    ReviewFactory.create_batch(13)
    that_page = list(client.get("/", {"page": lands_on}).context["page_obj"])

    response = client.get("/", {"page": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == lands_on
    assert list(response.context["page_obj"]) == that_page


def test_tag_page_lists_the_live_reviews_with_that_tag(client):
    tagged = ReviewFactory(tags=["mecha pilots"])
    untagged = ReviewFactory()

    page = client.get("/tags/mecha-pilots/").content.decode()

    assert tagged.get_absolute_url() in page
    assert untagged.get_absolute_url() not in page


def test_review_page_links_its_tags_to_their_tag_pages(client):
    review = ReviewFactory(tags=["mecha pilots", "Space <opera>"])

    page = client.get(review.get_absolute_url()).content.decode()

    assert '<a class="chip chip--tag" href="/tags/mecha-pilots/">#mecha pilots</a>' in page
    assert '<a class="chip chip--tag" href="/tags/space-opera/">#Space &lt;opera&gt;</a>' in page


def test_review_cards_link_their_tags_to_their_tag_pages(client):
    ReviewFactory(tags=["mecha pilots"])

    page = client.get("/").content.decode()

    assert 'href="/tags/mecha-pilots/">#mecha pilots</a>' in page


def test_a_tag_linked_from_a_card_leads_to_its_page(client):
    ReviewFactory(tags=["Slow burn"])
    page = client.get("/").content.decode()
    href = page.split('class="chip chip--tag" href="')[1].split('"')[0]

    response = client.get(href)

    assert response.status_code == 200
    assert "<h1>Slow burn</h1>" in response.content.decode()


def test_tag_page_is_paginated_twelve_a_page(client):
    ReviewFactory.create_batch(13, tags=["mecha"])

    first = client.get("/tags/mecha/")
    second = client.get("/tags/mecha/?page=2")

    assert len(first.context["page_obj"].object_list) == 12
    assert 'rel="next"' in first.content.decode()
    assert len(second.context["page_obj"].object_list) == 1


def test_an_unknown_tag_is_not_found(client):
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_a_tag_only_unpublished_reviews_carry_is_not_found(client):
    ReviewFactory(draft=True, tags=["secret-project"])

    assert client.get("/tags/secret-project/").status_code == 404


def test_robots_txt_names_the_sitemap_by_its_absolute_address(client, settings):
    settings.SITE_URL = "https://anime.example"

    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://anime.example/sitemap.xml" in response.content.decode()


def test_preview_link_shows_an_unpublished_review_to_anyone_with_a_banner(client):
    draft = ReviewFactory(draft=True, body="## Still cooking\n\nA draft.")

    response = client.get(f"/preview/{make_preview_token(draft)}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview — not published" in page
    assert '<h2 id="still-cooking">' in page


def test_preview_is_neither_indexed_nor_cached(client):
    draft = ReviewFactory(draft=True)

    response = client.get(f"/preview/{make_preview_token(draft)}/")

    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_preview_link_of_a_review_now_live_leads_to_its_page(client):
    review = ReviewFactory()

    response = client.get(f"/preview/{make_preview_token(review)}/")

    assert response.status_code == 302
    assert response["Location"] == review.get_absolute_url()


def test_a_tampered_preview_link_is_refused(client):
    draft = ReviewFactory(draft=True)
    other = ReviewFactory(draft=True)
    token = make_preview_token(draft).replace(f"{draft.pk}:", f"{other.pk}:", 1)

    response = client.get(f"/preview/{token}/")

    assert response.status_code == 403
    assert "not valid" in response.content.decode()
    assert other.display_headline not in response.content.decode()


def test_a_preview_link_older_than_seven_days_is_refused(client):
    draft = ReviewFactory(draft=True)
    token = make_preview_token(draft)

    eight_days_later = time.time() + 8 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=eight_days_later):
        response = client.get(f"/preview/{token}/")

    assert response.status_code == 403
    assert "expired" in response.content.decode()
