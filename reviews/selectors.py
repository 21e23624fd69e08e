"""Read-side queries for the public review pages, built so their query count never grows.

Every query starts from `Review.objects.live()`, the one definition of "public".
"""

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from taggit.models import Tag

from catalog.models import Genre, Language, Title, TitleRelation
from catalog.selectors import TITLE_CARD_OMITS, show_prefetches
from reviews import related
from reviews.models import AuthorProfile, Review

ALSO_CHECK_LIMIT = 4
REVIEWS_IN_SECTION = 12
NEWEST_FIRST = ("-publish_at", "-pk")  # pk breaks ties, so pages never repeat or skip a review


# What a review's card (and feed item) never displays: the article with its table of
# contents and final summary, and its show's long columns. Left unread, they no longer
# travel with every live review a list sorts (a fifth of the home page's review query).
REVIEW_CARD_OMITS = (
    "body",
    "body_html",
    "toc",
    "verdict",
    "author__password",
    *(f"title__{column}" for column in TITLE_CARD_OMITS),
)
# A card's byline: the author's public profile (reviews.authors.byline), in the same row.
BYLINE = "author__author_profile"


def reviews_for_list() -> QuerySet[Review]:
    """Live reviews as list cards display them: with their show (for the poster), their
    author's byline and their tags (one more query per list, however many)."""
    return (
        Review.objects.live()
        .select_related("title", BYLINE)
        .prefetch_related("tags")
        .defer(*REVIEW_CARD_OMITS)
    )


def reviews_for_feed(*, with_body: bool = False) -> QuerySet[Review]:
    """Reviews as feed items show them: with author, and genres and tags as categories;
    `with_body` for full-text items, which carry the article."""
    omitted = [column for column in REVIEW_CARD_OMITS if not (with_body and column == "body_html")]
    return (
        Review.objects.live()
        .select_related("title", BYLINE)
        .defer(*omitted)
        .prefetch_related("title__genres", "tags")
        .order_by(*NEWEST_FIRST)
    )


def reviews_for_home() -> QuerySet[Review]:
    """Featured reviews first, then the newest."""
    return reviews_for_list().order_by("-is_featured", *NEWEST_FIRST)


def public_tags() -> QuerySet[Tag]:
    """Tags that at least one live review carries: the tag pages that exist."""
    return Tag.objects.filter(review__in=Review.objects.live()).distinct().order_by("pk")


def reviews_with_tag(tag: Tag) -> QuerySet[Review]:
    return reviews_for_list().filter(tags=tag).order_by(*NEWEST_FIRST)


def public_authors() -> QuerySet[AuthorProfile]:
    """Public author profiles with at least one live review: the author pages that exist."""
    live_reviews = Review.objects.live().filter(author_id=OuterRef("user_id"))
    return AuthorProfile.objects.filter(Exists(live_reviews), is_public=True).order_by("pk")


def reviews_by_author(profile: AuthorProfile) -> QuerySet[Review]:
    return reviews_for_list().filter(author_id=profile.user_id).order_by(*NEWEST_FIRST)


def archive_months(year: int | None = None) -> list[dict]:
    """Months with live reviews, newest first, as {"month": datetime, "count": n}: one query.

    Months are the site's time zone's (TIME_ZONE), as the archive's addresses are.
    """
    reviews = Review.objects.live()
    if year is not None:
        reviews = reviews.filter(publish_at__year=year)
    return list(
        reviews.order_by()
        .annotate(month=TruncMonth("publish_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )


def reviews_published_in(year: int, month: int | None = None) -> QuerySet[Review]:
    """Live reviews published in a year, or one month of it, newest first."""
    reviews = reviews_for_list().filter(publish_at__year=year)
    if month is not None:
        reviews = reviews.filter(publish_at__month=month)
    return reviews.order_by(*NEWEST_FIRST)


def reviews_of_title(title: Title) -> QuerySet[Review]:
    return reviews_for_list().filter(title=title).order_by(*NEWEST_FIRST)


def title_ratings(title: Title) -> dict:
    """The reader votes on the show's live reviews, summed: `rating_sum` and `rating_count`."""
    return (
        reviews_of_title(title)
        .order_by()
        .aggregate(
            rating_sum=Coalesce(Sum("rating_sum"), 0), rating_count=Coalesce(Sum("rating_count"), 0)
        )
    )


def reviews_in_genre(genre: Genre) -> QuerySet[Review]:
    return reviews_for_list().filter(title__genres=genre).order_by(*NEWEST_FIRST)


def reviews_in_audio_language(language: Language) -> QuerySet[Review]:
    """Reviews of shows with at least one variant dubbed in that language, each once."""
    dubbed = Title.objects.filter(
        pk=OuterRef("title_id"), seasons__variants__audio_languages=language
    )
    return reviews_for_list().filter(Exists(dubbed)).order_by(*NEWEST_FIRST)


def review_for_page(slug: str, reviews: QuerySet[Review] | None = None) -> Review:
    """The review with the given slug and all its page displays; raises Review.DoesNotExist.

    `reviews` defaults to the live ones; the preview passes the unpublished review's row.
    """
    reviews = Review.objects.live() if reviews is None else reviews
    return (
        reviews.select_related("title", "season", BYLINE)
        .prefetch_related("tags", *show_prefetches("title__"))
        .get(slug=slug)
    )


def count_rows(rows: QuerySet) -> Coalesce:
    """A correlated COUNT(*) of `rows` as a subquery: no GROUP BY on the outer query.

    Counting with aggregates would group the candidates by every selected column,
    long article bodies included, which dominated the review page's time at scale.
    """
    return Coalesce(
        Subquery(rows.order_by().annotate(total=Func("pk", function="COUNT")).values("total")),
        0,
    )


def shared_count(rows: QuerySet, id_field: str, ids: list[int]):
    """How many of `ids` a candidate's `rows` hold in `id_field`; a plain 0 when `ids` is empty.

    An empty `__in` would make the database skip the whole query, not count zero.
    """
    if not ids:
        return Value(0, output_field=IntegerField())
    return count_rows(rows.filter(**{f"{id_field}__in": ids}))


def also_check(review: Review) -> list[Review]:
    """Up to four other live reviews to read next (also_check_ranked), in one query once the
    picks are kept (reviews.related) until something that ranks them changes."""
    picked = related.kept_picks(review.pk)
    if picked is None:
        reviews = also_check_ranked(review)
        related.keep_picks(review.pk, [pick.pk for pick in reviews])
        return reviews
    rank = {pk: position for position, pk in enumerate(picked)}
    reviews = (
        Review.objects.live()
        .filter(pk__in=picked)
        .select_related("title", BYLINE)
        .prefetch_related("tags")
        .defer(*REVIEW_CARD_OMITS)
    )
    return sorted(reviews, key=lambda pick: rank[pick.pk])


def also_check_ranked(review: Review) -> list[Review]:
    """Up to four other live reviews: same franchise, then shared genres and tags, then newest.

    One query whatever the number of candidates: the franchise test is a subquery on
    TitleRelation (either direction), the shared counts are correlated subqueries; the review's own
    genres and tags come from the page's prefetched data. The ranking runs on the narrow
    columns it needs (ids, show, publish time) and picks four ids; only those four rows and
    their shows are read whole. Sorting every live review with its body and show, as the
    ranking once did, was most of its time at scale.
    """
    genre_ids = [genre.pk for genre in review.title.genres.all()]
    tag_ids = [tag.pk for tag in review.tags.all()]
    franchise = TitleRelation.objects.filter(
        Q(from_title_id=review.title_id, to_title_id=OuterRef("title_id"))
        | Q(to_title_id=review.title_id, from_title_id=OuterRef("title_id"))
    )
    ranking = {
        "is_franchise": Case(
            When(Q(title_id=review.title_id) | Exists(franchise), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        "shared_genres": shared_count(
            Title.genres.through.objects.filter(title_id=OuterRef("title_id")),
            "genre_id",
            genre_ids,
        ),
        "shared_tags": shared_count(
            Review.tags.through.objects.filter(
                object_id=OuterRef("pk"),
                content_type__app_label="reviews",
                content_type__model="review",
            ),
            "tag_id",
            tag_ids,
        ),
    }
    rank_order = (
        "-is_franchise",
        (F("shared_genres") + F("shared_tags")).desc(),
        "-publish_at",
        "-pk",
    )
    picked_ids = (
        Review.objects.live()
        .exclude(pk=review.pk)
        .annotate(**ranking)
        .order_by(*rank_order)
        .values("pk")[:ALSO_CHECK_LIMIT]
    )
    return list(
        Review.objects.filter(pk__in=Subquery(picked_ids))
        .select_related("title", BYLINE)
        .prefetch_related("tags")
        .annotate(**ranking)
        .order_by(*rank_order)
    )
