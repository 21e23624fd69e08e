"""PostgreSQL full-text search: weighted ranks, prefixes, stems, phrases, vectors kept current."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from reviews.models import Review
from tests.factories import TitleFactory, UserFactory
from tests.reviews.factories import ReviewFactory
from tests.search.conftest import (
    found_headlines,
    found_shows,
    plan_without_sequential_scans,
    postgresql_only,
    search,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, postgresql_only]


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def test_a_headline_match_ranks_above_a_newer_body_match(client):
    ReviewFactory(headline="Zeppelin pilots", publish_at=days_ago(9))
    ReviewFactory(
        headline="Newer review", body="It mentions a zeppelin once.", publish_at=days_ago(1)
    )

    assert found_headlines(search(client, "zeppelin")) == ["Zeppelin pilots", "Newer review"]


def test_a_tag_match_ranks_above_a_newer_body_match(client):
    ReviewFactory(headline="Tagged one", tags=["zeppelin"], publish_at=days_ago(9))
    ReviewFactory(headline="Body one", body="A zeppelin drifts by.", publish_at=days_ago(1))

    assert found_headlines(search(client, "zeppelin")) == ["Tagged one", "Body one"]


def test_a_show_name_match_ranks_above_a_newer_excerpt_match(client):
    ReviewFactory(
        title=TitleFactory(name="Zeppelin Crew"), headline="Sky pirates", publish_at=days_ago(9)
    )
    ReviewFactory(
        headline="Excerpt one", excerpt="Zeppelin fans will smile.", publish_at=days_ago(1)
    )

    assert found_headlines(search(client, "zeppelin")) == ["Sky pirates", "Excerpt one"]


@pytest.mark.parametrize("typed", ["metal", "Metallic Ro", "metarik", "メタリック"])
def test_a_partly_typed_last_word_matches_as_a_prefix(client, typed):
    title = TitleFactory(
        name="Metallic Rouge", name_romaji="Metarikku Rūju", name_native="メタリックルージュ"
    )
    ReviewFactory(title=title, headline="An android's awakening")

    response = search(client, typed)

    assert found_headlines(response) == ["An android's awakening"]
    assert found_shows(response) == ["Metallic Rouge"]


def test_only_the_last_word_is_a_prefix(client):
    """A partly typed word before the last one matches only as a near headline, after exact ones."""
    ReviewFactory(headline="Metallic androids", publish_at=days_ago(1))
    ReviewFactory(headline="Meta androids", publish_at=days_ago(2))

    assert found_headlines(search(client, "meta androids")) == [
        "Meta androids",
        "Metallic androids",
    ]


def test_english_words_match_their_other_forms(client):
    ReviewFactory(headline="Stems", body="One android was running through the cities.")

    assert found_headlines(search(client, "androids run city")) == ["Stems"]


def test_a_quoted_phrase_must_match_in_order(client):
    ReviewFactory(headline="Phrase", body="The quiet city sleeps.")
    ReviewFactory(headline="Reversed", body="The city is quiet.")

    assert found_headlines(search(client, '"quiet city"')) == ["Phrase"]


def test_a_minus_excludes_a_word(client):
    ReviewFactory(headline="Robots in space")
    ReviewFactory(headline="Robots at school")

    assert found_headlines(search(client, "robots -school")) == ["Robots in space"]


def test_either_word_matches_with_or(client):
    ReviewFactory(headline="Robots")
    ReviewFactory(headline="Dragons")
    ReviewFactory(headline="Gardens")

    assert sorted(found_headlines(search(client, "robots or dragons"))) == ["Dragons", "Robots"]


def test_the_snippet_comes_from_ts_headline_with_stemmed_matches_marked(client):
    ReviewFactory(excerpt="", body="Every android dreams. Androids dream of Mars.")

    page = search(client, "android").content.decode()

    assert "<mark>android</mark>" in page and "<mark>Androids</mark>" in page


def test_a_tag_added_later_makes_the_review_findable(client):
    review = ReviewFactory(headline="Later tagged")
    assert found_headlines(search(client, "steampunk")) == []

    review.tags.add("steampunk")

    assert found_headlines(search(client, "steampunk")) == ["Later tagged"]


def test_a_removed_tag_no_longer_finds_the_review(client):
    review = ReviewFactory(headline="Untagged later", tags=["steampunk"])

    review.tags.remove("steampunk")

    assert found_headlines(search(client, "steampunk")) == []


def test_a_renamed_tag_finds_its_reviews_by_the_new_name(client):
    ReviewFactory(headline="Renamed tag", tags=["steampunk"])

    Tag.objects.filter(name="steampunk").update(name="clockpunk")

    assert found_headlines(search(client, "clockpunk")) == ["Renamed tag"]
    assert found_headlines(search(client, "steampunk")) == []


def test_a_renamed_show_finds_its_reviews_by_the_new_name(client):
    title = TitleFactory(name="Old Name")
    ReviewFactory(title=title, headline="Fixed headline")

    title.name = "Brand Zeppelin"
    title.save()

    assert found_headlines(search(client, "zeppelin")) == ["Fixed headline"]
    assert found_shows(search(client, "zeppelin")) == ["Brand Zeppelin"]


def test_a_body_changed_by_a_queryset_update_is_searched(client):
    review = ReviewFactory(headline="Updated")

    Review.objects.filter(pk=review.pk).update(body="Now about zeppelins.")

    assert found_headlines(search(client, "zeppelin")) == ["Updated"]


def test_bulk_created_reviews_are_searchable(client):
    title = TitleFactory()
    Review.objects.bulk_create(
        Review(
            title=title,
            slug=f"bulk-{number}",
            display_headline=f"Bulk zeppelin {number}",
            body="Body.",
            author=UserFactory(),
            status=Review.Status.PUBLISHED,
            publish_at=days_ago(1),
        )
        for number in range(3)
    )

    assert len(found_headlines(search(client, "zeppelin"))) == 3


def test_search_vectors_have_gin_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexdef LIKE %s ORDER BY indexname",
            ["%USING gin (search_vector)%"],
        )
        names = [row[0] for row in cursor.fetchall()]

    assert names == ["catalog_title_search_vector_gin", "reviews_review_search_vector_gin"]


def test_the_review_search_uses_the_vector_index(client):
    plan = plan_without_sequential_scans(
        "SELECT id FROM reviews_review "
        "WHERE search_vector @@ websearch_to_tsquery('simple', 'zeppelin')"
    )

    assert "reviews_review_search_vector_gin" in plan
