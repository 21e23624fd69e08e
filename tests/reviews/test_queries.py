"""The review page costs a fixed number of queries, however much there is around the review."""

import pytest

from catalog.models import TitleRelation
from tests.factories import GenreFactory, LanguageFactory, QualityVariantFactory, TitleFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

# review (+ show, season, author's profile), tags, genres, studios, seasons, episodes,
# variants, audio and subtitle languages, Also Check and its cards' tags, and the comment
# section's reads.
REVIEW_PAGE_QUERIES = 17


def review_with_surroundings(how_many: int):
    """A review whose show has `how_many` genres, tags, variants and related live reviews."""
    genres = GenreFactory.create_batch(how_many)
    languages = [LanguageFactory(code=f"x{index:02d}") for index in range(how_many)]
    tags = [f"tag {index}" for index in range(how_many)]
    review = ReviewFactory(title=TitleFactory(genres=genres), tags=tags)
    for language in languages:
        QualityVariantFactory(
            season__title=review.title, audio_languages=[language], subtitle_languages=[language]
        )
    for index in range(how_many):
        candidate = ReviewFactory(title=TitleFactory(genres=genres[: index + 1]), tags=tags[:index])
        TitleRelation.objects.create(
            from_title=review.title, to_title=candidate.title, kind=TitleRelation.Kind.SEQUEL
        )
    return review


@pytest.mark.parametrize("how_many", [1, 20])
def test_review_page_query_count_does_not_grow_with_related_reviews_tags_and_genres(
    client, django_assert_num_queries, how_many
):
    review = review_with_surroundings(how_many)

    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        response = client.get(review.get_absolute_url())

    assert len(response.context["also_check"]) == min(how_many, 4)
