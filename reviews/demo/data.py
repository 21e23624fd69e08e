"""The demo reviews as plain data: which show, who wrote it, its status, tags and summary.

The article bodies are Markdown files in `content/`, kept apart from this list so
the prose reads (and diffs) like prose. All of it is our own writing; only facts
about the shows come from public sources.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from reviews.demo.pictures import draw_domes, draw_planet_duel
from reviews.models import Review

PUBLISHED = Review.Status.PUBLISHED


@dataclass(frozen=True)
class DemoReview:
    slug: str
    show: str  # the catalog slug of the show reviewed
    author: str  # a demo username; `ensure_demo_users` gives it a password later
    body_file: str  # a Markdown file in reviews/demo/content/
    excerpt: str
    verdict: str
    tags: tuple[str, ...]
    status: str = PUBLISHED
    # Relative to the time of loading: negative is in the past, positive schedules.
    publish_offset: timedelta | None = None
    season: int | None = None
    editor_score: Decimal | None = None
    is_featured: bool = False
    meta_description: str = ""


@dataclass(frozen=True)
class DemoAuthor:
    """A demo user's public profile: their byline and author page."""

    username: str
    slug: str
    display_name: str
    bio: str


AUTHORS = (
    DemoAuthor(
        username="editor",
        slug="mika-tanabe",
        display_name="Mika Tanabe",
        bio=(
            "Edits the blog and writes about mecha, space opera and anything with a good "
            "orchestral score. Has rewatched Cowboy Bebop more times than is healthy."
        ),
    ),
    DemoAuthor(
        username="writer",
        slug="jonas-berg",
        display_name="Jonas Berg",
        bio=(
            "Reviews the season's new shows, and the dubs and subtitles they come with. "
            "Partial to slow slice-of-life and fast sports anime alike."
        ),
    ),
)


@dataclass(frozen=True)
class DemoImage:
    """A library image the demo draws; a body file places it as ``![](image:{key})``."""

    key: str
    alt_text: str
    caption: str
    draw: Callable[[], bytes]
    credit: str = "Illustration drawn for the demo"


IMAGES = [
    DemoImage(
        key="mars-capital",
        alt_text=(
            "A city of glass domes and dark towers with lit windows on a red plain, "
            "under a violet and orange dusk sky"
        ),
        caption="The capital of Mars: clean curves, glass and soft light, built by Nean hands.",
        draw=lambda: draw_domes(sky=("#2b1b4f", "#f08a4b"), ground="#7a2e1d"),
    ),
    DemoImage(
        key="final-duel",
        alt_text=(
            "A lone armoured figure with a red visor stands on a dark ridge beneath a huge "
            "red planet filling the night sky"
        ),
        caption="The last fight: gorgeous, and late.",
        draw=lambda: draw_planet_duel(sky=("#05060f", "#3b1230"), planet="#c2412d"),
    ),
]


REVIEWS = [
    DemoReview(
        slug="metallic-rouge-season-01-review",
        show="metallic-rouge",
        season=1,
        author="editor",
        body_file="metallic-rouge-review.md",
        excerpt=(
            "Bones' anniversary original sends an android detective across a divided Mars. "
            "Gorgeous, moody and sincere, and uneven once the conspiracy takes over."
        ),
        verdict=(
            "A stylish, melancholy science-fiction series with two lovable leads and a "
            "beautifully built Mars. The second half explains more than it shows, but if "
            "you enjoy android stories with noir atmosphere and occasional spectacular "
            "fights, its thirteen episodes are well worth your evenings."
        ),
        editor_score=Decimal("6.3"),
        tags=("cyberpunk", "android", "original anime", "bones", "winter 2024"),
        publish_offset=timedelta(days=-2),
        is_featured=True,
        meta_description=(
            "Our full review of Metallic Rouge season 1: story, characters, world, "
            "animation and music, with a spoiler-free verdict and scores."
        ),
    ),
    DemoReview(
        slug="cowboy-bebop-review",
        show="cowboy-bebop",
        author="writer",
        body_file="cowboy-bebop-review.md",
        excerpt="Twenty-six episodes of jazz, bounties and regret that still set the standard.",
        verdict="Essential viewing: stylish, funny and sad, with one of anime's great scores.",
        editor_score=Decimal("9.2"),
        tags=("classic", "space western", "jazz", "sunrise"),
        publish_offset=timedelta(days=-40),
        is_featured=True,
    ),
    DemoReview(
        slug="mob-psycho-100-review",
        show="mob-psycho-100",
        author="writer",
        body_file="mob-psycho-100-review.md",
        excerpt="The world's strongest psychic just wants to fit in, and Bones animates it wildly.",
        verdict="Funny, kind and visually fearless; a perfect weekend watch.",
        editor_score=Decimal("8.5"),
        tags=("psychic powers", "coming of age", "bones", "comedy"),
        publish_offset=timedelta(days=-30),
    ),
    DemoReview(
        slug="mob-psycho-100-ii-review",
        show="mob-psycho-100-ii",
        author="editor",
        body_file="mob-psycho-100-ii-review.md",
        excerpt="Bigger, sadder and funnier: the season where the series becomes essential.",
        verdict="A sequel that deepens everything the first season started. Watch them together.",
        editor_score=Decimal("9.0"),
        tags=("psychic powers", "coming of age", "bones", "sequel"),
        publish_offset=timedelta(days=-20),
    ),
    DemoReview(
        slug="your-name-review",
        show="your-name",
        author="writer",
        body_file="your-name-review.md",
        excerpt="A body-swap comedy that turns into a race against time, under a falling comet.",
        verdict="The easiest recommendation for a first anime film, and a joy to rewatch.",
        editor_score=Decimal("8.7"),
        tags=("film", "romance", "makoto shinkai"),
        publish_offset=timedelta(days=-12),
        is_featured=True,
    ),
    DemoReview(
        slug="frieren-beyond-journeys-end-review",
        show="frieren-beyond-journeys-end",
        author="editor",
        body_file="frieren-review.md",
        excerpt="After the quest is over, an elf mage learns what her short-lived friends meant.",
        verdict="Patient, kind and beautifully made; one of the best fantasy series in years.",
        editor_score=Decimal("9.3"),
        tags=("fantasy", "slow burn", "madhouse"),
        publish_offset=timedelta(days=-7),
    ),
    DemoReview(
        slug="vinland-saga-review",
        show="vinland-saga",
        author="writer",
        body_file="vinland-saga-review.md",
        excerpt="Vikings, revenge and then a farm: a war story that asks what comes after war.",
        verdict="Come for the raids, stay for one of the most thoughtful stories about violence.",
        editor_score=Decimal("8.9"),
        tags=("historical", "vikings", "revenge", "wit studio"),
        publish_offset=timedelta(days=-4),
    ),
    DemoReview(
        slug="frieren-rewatch-notes",
        show="frieren-beyond-journeys-end",
        author="writer",
        body_file="frieren-rewatch-notes.md",
        excerpt="Notes from a second watch: what the flashbacks set up that we missed.",
        verdict="Even better the second time.",
        tags=("fantasy", "rewatch"),
        status=Review.Status.DRAFT,
    ),
    DemoReview(
        slug="vinland-saga-season-02-farm-arc",
        show="vinland-saga",
        season=2,
        author="writer",
        body_file="vinland-saga-farm-arc.md",
        excerpt="Season 2 trades the battlefield for a farm, and finds its real subject.",
        verdict="Slower than season 1, and braver.",
        tags=("historical", "vikings", "slow burn"),
        status=Review.Status.IN_REVIEW,
    ),
    DemoReview(
        slug="metallic-rouge-episode-guide",
        show="metallic-rouge",
        season=1,
        author="editor",
        body_file="metallic-rouge-episode-guide.md",
        excerpt="A spoiler-light guide to all thirteen episodes of Metallic Rouge.",
        verdict="Start with episodes 1 to 4; if the mood holds you, you will enjoy the rest.",
        tags=("cyberpunk", "episode guide"),
        publish_offset=timedelta(days=30),
    ),
    DemoReview(
        slug="cowboy-bebop-first-impressions",
        show="cowboy-bebop",
        author="writer",
        body_file="cowboy-bebop-first-impressions.md",
        excerpt="Our early first-impressions piece, replaced by the full review.",
        verdict="Replaced by our full review.",
        tags=("classic",),
        status=Review.Status.ARCHIVED,
        publish_offset=timedelta(days=-400),
    ),
]
