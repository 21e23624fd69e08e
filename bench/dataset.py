"""The scale dataset for the benchmark, written with bulk inserts in one transaction.

Nothing here calls a model's save() per row: a handful of Markdown bodies are
rendered once and shared, headlines are composed from the catalog rows just
written, and the reviews' rating count and sum are computed from the very
scores that are then inserted, so the stored totals match the Rating rows.
Signals do not fire on bulk inserts, which is what makes this fast; everything
they would have kept in step is therefore written here directly.
"""

import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from bench.names import DISCUSSION_COMMENTS, DISCUSSION_REVIEW_SLUG, show_slug
from catalog.models import Episode, Genre, Language, QualityVariant, Season, Studio, Title
from comments.models import Comment
from ratings.models import Rating
from reviews.headlines import numbered_headline
from reviews.markdown import render_markdown
from reviews.models import COUNTER_FIELDS, Review

HEADLINE_LIMIT = Review._meta.get_field("display_headline").max_length

# Each thread there is a top-level comment with two replies: 100 threads of three.
DISCUSSION_REPLIES_PER_THREAD = 2
BENCH_AUTHOR = "bench-writer"
BATCH = 5000
SEED = 6

GENRES = [
    "Action",
    "Adventure",
    "Comedy",
    "Drama",
    "Fantasy",
    "Horror",
    "Mecha",
    "Mystery",
    "Romance",
    "Sci-fi",
    "Slice-of-life",
    "Sports",
    "Supernatural",
    "Thriller",
    "Cyberpunk",
    "Isekai",
    "Music",
    "Psychological",
]
LANGUAGES = (
    ("ja", "Japanese", "日本語"),
    ("en", "English", "English"),
    ("ta", "Tamil", "தமிழ்"),
    ("hi", "Hindi", "हिन्दी"),
    ("te", "Telugu", "తెలుగు"),
)
WORDS = [
    "crimson",
    "steel",
    "lantern",
    "orbit",
    "echo",
    "garden",
    "silent",
    "rogue",
    "harbor",
    "comet",
    "paper",
    "thunder",
    "velvet",
    "mirror",
    "hollow",
    "ember",
    "tide",
    "signal",
    "frost",
    "atlas",
]
TAGS = [f"{word}-arc" for word in WORDS] + ["dubbed", "subbed", "finale", "short-series"]
REVIEW_BODIES = (
    "## Story\n\nA slow start that pays off. The second half turns the {word} motif "
    "into a real mystery.\n\n## Animation\n\nClean fights, a few weak episodes.\n\n"
    "## Verdict\n\n- Strong ending\n- Uneven middle\n",
    "## Premise\n\nA crew chases a {word} across a dying colony.\n\n### Cast\n\n"
    "The leads carry it; the villain is thin.\n\n## Sound\n\nThe score is the best part.\n\n"
    ":::spoiler The last episode\nIt ends on a cliffhanger.\n:::\n",
    "## Why watch it\n\nShort episodes, tight pacing and a **memorable** {word} scene.\n\n"
    "## Dub\n\n| Language | Verdict |\n| --- | --- |\n| Japanese | excellent |\n"
    "| Tamil | good |\n",
)
COMMENT_BODIES = (
    "Loved the ending, did not see the twist coming.",
    "The dub is better than I expected.",
    "Episode 7 dragged a bit, but the finale makes up for it.",
    "Is there a second season planned?",
    "Great review, I agree with the score.",
)


@dataclass(frozen=True)
class Sizes:
    """How many rows of each kind to create."""

    shows: int = 5000
    episodes: int = 20000
    reviews: int = 2000
    comments: int = 200000
    ratings: int = 500000

    def problems(self) -> list[str]:
        """What makes these sizes impossible to generate, in words; empty when they are fine."""
        problems = [f"{name} cannot be negative" for name, n in vars(self).items() if n < 0]
        if self.shows < 1 or self.reviews < 1:
            problems.append("at least one show and one review are needed")
        if self.comments < DISCUSSION_COMMENTS:
            problems.append(f"comments must be at least {DISCUSSION_COMMENTS} (the big discussion)")
        return problems


FULL = Sizes()
SMALL = Sizes(shows=250, episodes=1000, reviews=100, comments=2000, ratings=5000)


def batched(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def generate(sizes: Sizes, log: Callable[[str], None] = lambda message: None) -> None:
    """Fill an empty database with `sizes` rows; all or nothing, in one transaction."""
    if problems := sizes.problems():
        raise ValueError("; ".join(problems) + ".")
    if Title.objects.exists() or Review.objects.exists():
        raise ValueError("The database already holds shows or reviews; use an empty one.")
    rng = random.Random(SEED)
    with transaction.atomic():
        genres, languages, studios = _reference_rows()
        titles = _titles(sizes.shows, genres, studios, rng)
        log(f"{len(titles)} shows")
        seasons = _seasons(titles, sizes.episodes, languages, rng)
        log(f"{len(seasons)} seasons, {sizes.episodes} episodes, their quality variants")
        reviews = _reviews(sizes, titles, seasons, rng)
        log(f"{len(reviews)} reviews with tags and headlines")
        _ratings(reviews, sizes.ratings, rng)
        log(f"{sizes.ratings} ratings")
        _comments(reviews, sizes.comments, rng)
        log(f"{sizes.comments} comments")
        Review.objects.bulk_update(reviews, COUNTER_FIELDS, batch_size=500)
    # The planner's statistics would otherwise describe the empty tables until autovacuum
    # gets round to them, and the first benchmark pages would run on wrong plans.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log("statistics refreshed (ANALYZE)")


def _reference_rows():
    genres = Genre.objects.bulk_create(
        [Genre(name=name, slug=name.lower()) for name in GENRES], batch_size=BATCH
    )
    languages = Language.objects.bulk_create(
        [Language(code=code, name=name, native_name=native) for code, name, native in LANGUAGES]
    )
    studios = Studio.objects.bulk_create(
        [Studio(name=f"Studio {word.title()}", slug=f"studio-{word}") for word in WORDS]
    )
    return genres, languages, studios


def _titles(count: int, genres, studios, rng: random.Random) -> list[Title]:
    titles = []
    for n in range(count):
        first, second = rng.sample(WORDS, 2)
        year = 1990 + n % 35
        titles.append(
            Title(
                name=f"{first.title()} {second.title()} {n}",
                name_romaji=f"{first}-no {second} {n}",
                name_native=f"{first}の{second} {n}",
                slug=show_slug(n),
                kind=rng.choice(Title.Kind.values),
                status=rng.choice(Title.Status.values),
                synopsis=f"A {first} and a {second} meet in show number {n}.",
                aired_from=date(year, 1 + n % 12, 1),
                premiere_year=year,
                episode_duration=24,
                imdb_score=Decimal(rng.randint(40, 95)) / 10,
                mal_score=Decimal(rng.randint(40, 95)) / 10,
            )
        )
    titles = Title.objects.bulk_create(titles, batch_size=BATCH)
    title_genres = Title.genres.through
    title_studios = Title.studios.through
    title_genres.objects.bulk_create(
        [
            title_genres(title_id=title.pk, genre_id=genre.pk)
            for title in titles
            for genre in rng.sample(genres, 3)
        ],
        batch_size=BATCH,
    )
    title_studios.objects.bulk_create(
        [title_studios(title_id=title.pk, studio_id=rng.choice(studios).pk) for title in titles],
        batch_size=BATCH,
    )
    return titles


def _seasons(titles, episode_total: int, languages, rng: random.Random) -> list[Season]:
    """One or two seasons per show; the episodes spread evenly; two variants per season."""
    seasons = Season.objects.bulk_create(
        [
            Season(title_id=title.pk, number=number)
            for title in titles
            for number in range(1, 2 + (title.pk % 2))
        ],
        batch_size=BATCH,
    )
    per_season, extra = divmod(episode_total, len(seasons))
    episodes = [
        Episode(season_id=season.pk, number=number, duration=24)
        for index, season in enumerate(seasons)
        for number in range(1, per_season + (index < extra) + 1)
    ]
    Episode.objects.bulk_create(episodes, batch_size=BATCH)
    variants = QualityVariant.objects.bulk_create(
        [
            QualityVariant(season_id=season.pk, resolution=resolution)
            for season in seasons
            for resolution in (QualityVariant.Resolution.P720, QualityVariant.Resolution.P1080)
        ],
        batch_size=BATCH,
    )
    audio = QualityVariant.audio_languages.through
    audio.objects.bulk_create(
        [
            audio(qualityvariant_id=variant.pk, language_id=language.pk)
            for variant in variants
            for language in rng.sample(languages, 2)
        ],
        batch_size=BATCH,
    )
    return seasons


def _rendered_bodies() -> list[tuple[str, str, list]]:
    """(markdown, html, toc) for a few bodies, rendered once and shared by every review."""
    return [
        (body, *render_markdown(body))
        for template in REVIEW_BODIES
        for body in (template.format(word=word) for word in WORDS[:3])
    ]


def _review_status(n: int, now) -> tuple[str, object]:
    """Most reviews live; one in twenty a draft and one in twenty scheduled for next week."""
    if n % 20 == 7:
        return Review.Status.DRAFT, None
    if n % 20 == 13:
        return Review.Status.PUBLISHED, now + timedelta(days=7)
    return Review.Status.PUBLISHED, now - timedelta(hours=n)


def _reviews(sizes: Sizes, titles, seasons, rng: random.Random) -> list[Review]:
    author, _ = get_user_model().objects.get_or_create(username=BENCH_AUTHOR)
    first_season = {}
    for season in seasons:
        first_season.setdefault(season.title_id, season)
    bodies = _rendered_bodies()
    now = timezone.now()
    reviews = []
    headline_count = Counter()
    for n in range(sizes.reviews):
        title = titles[n % len(titles)]
        status, publish_at = _review_status(n, now)
        body, body_html, toc = bodies[n % len(bodies)]
        review = Review(
            title=title,
            season=first_season[title.pk],
            slug=DISCUSSION_REVIEW_SLUG if n == 0 else f"bench-review-{n}",
            excerpt=f"What we thought of {title.name}.",
            body=body,
            body_html=body_html,
            toc=toc,
            verdict="Worth a weekend.",
            editor_score=Decimal(rng.randint(40, 95)) / 10,
            author=author,
            status=status,
            publish_at=publish_at,
            is_featured=n % 200 == 1,
        )
        # Composing reads the variants just written: a few queries per review, no save().
        # The reviews are not stored yet, so repeats of one show's headline are numbered
        # here, as saving them one by one would (reviews/headlines.py).
        composed = review.compose_display_headline()
        headline_count[composed] += 1
        review.display_headline = (
            numbered_headline(composed, headline_count[composed], limit=HEADLINE_LIMIT)
            if headline_count[composed] > 1
            else composed
        )
        reviews.append(review)
    reviews = Review.objects.bulk_create(reviews, batch_size=BATCH)
    _tag(reviews, rng)
    return reviews


def _tag(reviews, rng: random.Random) -> None:
    tags = Tag.objects.bulk_create([Tag(name=name, slug=name) for name in TAGS])
    review_type = ContentType.objects.get_for_model(Review)
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(content_type=review_type, object_id=review.pk, tag=tag)
            for review in reviews
            for tag in rng.sample(tags, 3)
        ],
        batch_size=BATCH,
    )


def _shares(total: int, parts: int) -> list[int]:
    """`total` split into `parts` whole numbers that differ by at most one."""
    each, extra = divmod(total, parts)
    return [each + (index < extra) for index in range(parts)]


def _ratings(reviews, total: int, rng: random.Random) -> None:
    """Anonymous votes spread over the reviews; each review's count and sum set from them."""
    batch = []
    voter = 0
    for review, share in zip(reviews, _shares(total, len(reviews)), strict=True):
        scores = [rng.randint(1, 10) for _ in range(share)]
        review.rating_count, review.rating_sum = len(scores), sum(scores)
        for score in scores:
            voter += 1
            batch.append(Rating(review_id=review.pk, voter_id=f"{voter:032x}", score=score))
        if len(batch) >= BATCH:
            Rating.objects.bulk_create(batch, batch_size=BATCH)
            batch = []
    Rating.objects.bulk_create(batch, batch_size=BATCH)


def _comment(review_id: int, n: int, status: str, created_at, **thread) -> Comment:
    return Comment(
        review_id=review_id,
        name=f"Reader {n}",
        email=f"reader{n}@example.com",
        body=COMMENT_BODIES[n % len(COMMENT_BODIES)],
        status=status,
        ip="127.0.0.1",
        created_at=created_at,
        **thread,
    )


def _comments(reviews, total: int, rng: random.Random) -> None:
    """300 approved comments on the big discussion; the rest spread over the other reviews.

    Everywhere threads are a top-level comment plus replies; elsewhere one comment
    in ten is held or spam, which public pages must leave out. Each review's
    comment_count counts its approved ones, as comments.services keeps it.
    """
    discussion, others = reviews[0], reviews[1:]
    thread_size = 1 + DISCUSSION_REPLIES_PER_THREAD
    plan = [(discussion, DISCUSSION_COMMENTS, False)]
    rest = total - DISCUSSION_COMMENTS
    if others:
        plan += [
            (review, share, True)
            for review, share in zip(others, _shares(rest, len(others)), strict=True)
        ]
    else:
        plan[0] = (discussion, total, False)
    start = timezone.now() - timedelta(days=30)
    n = 0
    roots = []
    for review, count, mixes_statuses in plan:
        for thread_start in range(0, count, thread_size):
            in_thread = min(thread_size, count - thread_start)
            statuses = [
                rng.choices(Comment.Status.values, weights=(6, 90, 4, 0))[0]
                if mixes_statuses
                else Comment.Status.APPROVED
                for _ in range(in_thread)
            ]
            review.comment_count += statuses.count(Comment.Status.APPROVED)
            n += 1
            root = _comment(review.pk, n, statuses[0], start + timedelta(seconds=n))
            roots.append((root, review.pk, statuses[1:]))
        if len(roots) >= BATCH:
            n = _write_threads(roots, n, start)
            roots = []
    _write_threads(roots, n, start)


def _write_threads(roots, n: int, start) -> int:
    """Insert top-level comments, then their replies (which need the parents' keys)."""
    Comment.objects.bulk_create([root for root, _, _ in roots], batch_size=BATCH)
    replies = []
    for root, review_id, reply_statuses in roots:
        for status in reply_statuses:
            n += 1
            reply = _comment(
                review_id, n, status, start + timedelta(seconds=n), parent=root, root=root
            )
            reply.depth = 1
            replies.append(reply)
    Comment.objects.bulk_create(replies, batch_size=BATCH)
    return n
