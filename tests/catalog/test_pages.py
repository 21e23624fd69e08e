"""The public catalog pages as a reader sees them: show, genre and language pages."""

import datetime

import pytest
from django.core.files.base import ContentFile

from catalog.models import QualityVariant, TitleRelation
from tests.catalog.images import image_bytes
from tests.factories import (
    EpisodeFactory,
    GenreFactory,
    LanguageFactory,
    QualityVariantFactory,
    SeasonFactory,
    StudioFactory,
    TitleFactory,
)

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def tamil():
    return LanguageFactory(code="ta", name="Tamil")


@pytest.fixture
def japanese():
    return LanguageFactory(code="ja", name="Japanese")


@pytest.fixture
def english():
    return LanguageFactory(code="en", name="English")


@pytest.fixture
def show(tamil, japanese, english):
    """A show shaped like the reference page: one season of 13 episodes, four variants."""
    title = TitleFactory(
        name="Metallic Rouge",
        slug="metallic-rouge",
        name_native="メタリックルージュ",
        premiere_year=2024,
        aired_from=datetime.date(2024, 1, 10),
        aired_to=datetime.date(2024, 4, 3),
        episode_duration=24,
        director="Motoki Nakamura",
        imdb_score="5.9",
        mal_score="6.2",
        genres=[GenreFactory(name="Cyberpunk"), GenreFactory(name="Mecha")],
    )
    title.studios.add(StudioFactory(name="Bones"))
    season = SeasonFactory(title=title, number=1)
    for number in range(1, 14):
        EpisodeFactory(
            season=season,
            number=number,
            name=f"Chapter {number}",
            air_date=datetime.date(2024, 1, 10) + datetime.timedelta(weeks=number - 1),
            is_filler=number == 7,
            is_recap=number == 12,
        )
    for resolution in (480, 720, 1080):
        QualityVariantFactory(
            season=season,
            resolution=resolution,
            audio_languages=[tamil],
            subtitle_languages=[english],
        )
    QualityVariantFactory(
        season=season,
        resolution=1080,
        packaging=QualityVariant.Packaging.SINGLE_FILE,
        is_multi_audio=True,
        is_available=False,
        audio_languages=[tamil, japanese],
    )
    return title


def test_show_page_information_box_shows_what_the_show_is(client, show):
    page = text_of(client.get("/anime/metallic-rouge/"))

    assert "<dt>Type</dt> <dd>TV</dd>" in page
    assert "<dt>Status</dt> <dd>Finished Airing</dd>" in page
    assert "Jan 10, 2024</time> to <time" in page
    assert "Apr 3, 2024" in page
    assert "<dt>Episodes</dt> <dd>13</dd>" in page
    assert "<dt>Duration</dt> <dd>24 min per ep</dd>" in page


def test_show_without_air_dates_shows_its_premiere_season_and_year(client):
    TitleFactory(slug="undated", premiere_season="winter", premiere_year=2024)

    page = text_of(client.get("/anime/undated/"))

    assert "<dt>Aired</dt> <dd>Winter 2024</dd>" in page


def test_show_page_genres_link_to_their_genre_pages(client, show):
    page = text_of(client.get("/anime/metallic-rouge/"))

    assert '<a href="/genres/cyberpunk/">Cyberpunk</a>' in page
    assert '<a href="/genres/mecha/">Mecha</a>' in page


def test_show_page_languages_are_the_audio_languages_of_all_variants(client, show):
    page = text_of(client.get("/anime/metallic-rouge/"))

    assert (
        '<dt>Language</dt> <dd><ul class="inline-list"><li><a href="/languages/ja/">Japanese</a>'
        '</li><li><a href="/languages/ta/">Tamil</a></li></ul></dd>'
    ) in page


def test_subtitle_only_language_is_not_listed_as_a_language_of_the_show(client, show):
    page = text_of(client.get("/anime/metallic-rouge/"))

    assert "/languages/en/" not in page


def test_show_page_lists_every_episode_with_its_name_date_and_marks(client, show):
    page = text_of(client.get("/anime/metallic-rouge/"))

    assert "13 episodes" in page
    assert (
        '<span class="episode__number">01</span> <span class="episode__name">Chapter 1</span>'
    ) in page
    assert '<span class="episode__name">Chapter 13</span>' in page
    assert 'datetime="2024-01-10">Jan 10, 2024</time>' in page
    assert 'Chapter 7 <span class="badge badge--filler">Filler</span>' in page
    assert 'Chapter 12 <span class="badge">Recap</span>' in page
    assert page.count('class="badge') == 2


def test_show_page_numbers_an_episode_without_a_name(client):
    season = SeasonFactory(title=TitleFactory(slug="unnamed-episodes"))
    EpisodeFactory(season=season, number=1, name="Red Snow")
    EpisodeFactory(season=season, number=2)

    page = text_of(client.get("/anime/unnamed-episodes/"))

    assert '<span class="episode__name">Red Snow</span>' in page
    assert '<span class="episode__name">Episode 2</span>' in page


def test_show_page_lists_each_seasons_quality_variants_and_their_availability(client, show):
    page = text_of(client.get("/anime/metallic-rouge/"))

    assert (
        '<span class="availability__name">Season 01</span> <span>'
        '<span class="resolution">480p</span> <span class="resolution">720p</span> '
        '<span class="resolution">1080p</span> </span> '
        '<span class="mark mark--yes">☑ Available</span>'
    ) in page
    assert "Per-episode files · Audio: <ul" in page
    assert 'Subtitles: <ul class="inline-list"><li>English</li></ul>' in page


def test_unavailable_single_file_pack_is_marked_not_available(client, show):
    page = text_of(client.get("/anime/metallic-rouge/"))

    assert '<span class="availability__name">Season 01 Single File (Multi Audio)</span>' in page
    assert '<span class="mark mark--no">☐ Not available</span>' in page


def test_show_page_shows_production_facts_and_external_scores(client, show):
    page = text_of(client.get("/anime/metallic-rouge/"))

    assert '<dt>Studios</dt><dd><ul class="inline-list"><li>Bones</li>' in page
    assert "<dt>Director</dt><dd>Motoki Nakamura</dd>" in page
    assert 'IMDb <span class="score__value">5.9</span>' in page
    assert 'MyAnimeList <span class="score__value">6.2</span>' in page
    assert "Also known as: <span>メタリックルージュ</span>" in page


def test_show_page_links_franchise_relations_in_both_directions(client, show):
    sequel = TitleFactory(name="Metallic Rouge II", slug="metallic-rouge-ii")
    origin = TitleFactory(name="Rouge Zero", slug="rouge-zero")
    TitleRelation.objects.create(from_title=show, to_title=sequel, kind="sequel")
    TitleRelation.objects.create(from_title=origin, to_title=show, kind="sequel")

    page = text_of(client.get("/anime/metallic-rouge/"))
    sequel_page = text_of(client.get("/anime/metallic-rouge-ii/"))

    assert 'Sequel: <a href="/anime/metallic-rouge-ii/">Metallic Rouge II</a>' in page
    assert 'Prequel: <a href="/anime/rouge-zero/">Rouge Zero</a>' in page
    assert 'Prequel: <a href="/anime/metallic-rouge/">Metallic Rouge</a>' in sequel_page


def test_synopsis_with_markup_is_shown_as_text(client):
    TitleFactory(slug="hostile", synopsis='<script>alert("x")</script><b onclick="x()">bold</b>')

    page = client.get("/anime/hostile/").content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<b onclick" not in page


def test_show_page_poster_has_its_size_renditions_and_alt_text(client, show):
    show.poster.save("rouge.png", ContentFile(image_bytes(800, 1200)))

    page = client.get("/anime/metallic-rouge/").content.decode()

    assert 'width="800" height="1200" alt="Poster of Metallic Rouge"' in page
    assert "-320w.webp 320w" in page
    assert "-640w.webp 640w" in page
    assert '<meta property="og:image" content="http://testserver/media/posters/rouge' in page


def test_list_cards_load_posters_lazily(client, show):
    show.poster.save("rouge.png", ContentFile(image_bytes(400, 600)))

    page = client.get("/genres/mecha/").content.decode()

    assert 'width="400" height="600" alt="" loading="lazy"' in page


@pytest.mark.parametrize(
    "url", ["/anime/no-such-show/", "/genres/no-such-genre/", "/languages/xx/"]
)
def test_unknown_show_genre_or_language_is_not_found(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def build_show(size: int):
    """A show with `size` episodes, seasons, variants, languages and genres, all linked."""
    languages = [LanguageFactory(code=f"l{n}", name=f"Language {n}") for n in range(size)]
    genres = [GenreFactory(name=f"Genre {n}") for n in range(size)]
    title = TitleFactory(slug="sized", genres=genres)
    title.studios.set(StudioFactory.create_batch(size))
    for season_number in range(1, min(size, 3) + 1):
        season = SeasonFactory(title=title, number=season_number)
        EpisodeFactory.create_batch(size, season=season)
        for resolution in (480, 720, 1080)[:size]:
            QualityVariantFactory(
                season=season,
                resolution=resolution,
                audio_languages=languages,
                subtitle_languages=languages,
            )
    for n in range(size):
        TitleRelation.objects.create(
            from_title=title, to_title=TitleFactory(name=f"Sequel {n}"), kind="sequel"
        )
        TitleRelation.objects.create(
            from_title=TitleFactory(name=f"Prequel {n}"), to_title=title, kind="sequel"
        )
    return title


@pytest.mark.parametrize("size", [1, 50])
def test_show_page_query_count_does_not_grow_with_the_show(client, django_assert_num_queries, size):
    build_show(size)

    # The title, then one prefetch each: genres, studios, seasons, episodes,
    # variants, audio languages, subtitle languages, relations, reverse relations;
    # then the show's live reviews, and their reader votes summed for the JSON-LD.
    with django_assert_num_queries(12):
        response = client.get("/anime/sized/")

    assert response.status_code == 200
    assert text_of(response).count('class="episode"') == min(size, 3) * size


def test_genre_page_shows_its_description_and_only_its_shows(client):
    mecha = GenreFactory(name="Mecha", description="Giant robots & their pilots.")
    TitleFactory(name="Steel Giants", genres=[mecha])
    TitleFactory(name="Quiet Tea House", genres=[GenreFactory(name="Slice of life")])

    page = text_of(client.get("/genres/mecha/"))

    assert "<h1>Mecha</h1>" in page
    assert "Giant robots &amp; their pilots." in page
    assert "Steel Giants" in page
    assert "Quiet Tea House" not in page


def test_genre_page_is_paginated_by_24_shows(client):
    mecha = GenreFactory(name="Mecha")
    for n in range(25):
        TitleFactory(name=f"Robot {n:02d}", genres=[mecha])

    first = text_of(client.get("/genres/mecha/"))
    second = text_of(client.get("/genres/mecha/?page=2"))

    assert first.count('class="card"') == 24
    assert "Page 1 of 2" in first
    assert 'href="?page=2" rel="next"' in first
    assert second.count('class="card"') == 1
    assert "Robot 24" in second


def test_genre_page_with_a_nonsense_page_number_shows_a_page(client):
    TitleFactory(name="Steel Giants", genres=[GenreFactory(name="Mecha")])

    response = client.get("/genres/mecha/?page=banana")

    assert response.status_code == 200
    assert "Steel Giants" in response.content.decode()


@pytest.mark.parametrize("size", [1, 30])
def test_genre_page_query_count_does_not_grow_with_its_shows(
    client, django_assert_num_queries, size
):
    mecha = GenreFactory(name="Mecha")
    extra_genres = GenreFactory.create_batch(size)
    for _ in range(size):
        TitleFactory(genres=[mecha, *extra_genres])

    # The genre, its live reviews, the count for the paginator, the page of shows, their genres.
    with django_assert_num_queries(5):
        response = client.get("/genres/mecha/")

    assert response.status_code == 200


def test_language_page_lists_each_show_with_that_audio_language_once(client, tamil, english):
    dubbed = TitleFactory(name="Dubbed Show")
    for resolution in (480, 1080):
        QualityVariantFactory(season__title=dubbed, resolution=resolution, audio_languages=[tamil])
    subtitled = TitleFactory(name="Subtitled Show")
    QualityVariantFactory(
        season__title=subtitled, audio_languages=[english], subtitle_languages=[tamil]
    )

    page = text_of(client.get("/languages/ta/"))

    assert "<h1>Tamil" in page
    assert page.count(">Dubbed Show</a>") == 1
    assert "Subtitled Show" not in page


@pytest.mark.parametrize("size", [1, 30])
def test_language_page_query_count_does_not_grow_with_its_shows(
    client, django_assert_num_queries, tamil, size
):
    genres = GenreFactory.create_batch(size)
    for _ in range(size):
        QualityVariantFactory(season__title=TitleFactory(genres=genres), audio_languages=[tamil])

    # The language, its live reviews, the paginator's count, the page of shows, their genres.
    with django_assert_num_queries(5):
        response = client.get("/languages/ta/")

    assert response.status_code == 200
