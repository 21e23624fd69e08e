"""The demo catalog as plain data: languages, genres, studios, shows and their franchise links.

Facts (dates, episode counts, studios, scores) are public knowledge; every synopsis
is our own short wording. The loader in `catalog.demo.loader` turns this into rows.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from catalog.models import QualityVariant, Title, TitleRelation

P480, P720, P1080 = (
    QualityVariant.Resolution.P480,
    QualityVariant.Resolution.P720,
    QualityVariant.Resolution.P1080,
)
EPISODES = QualityVariant.Packaging.EPISODES
SINGLE_FILE = QualityVariant.Packaging.SINGLE_FILE


@dataclass(frozen=True)
class DemoVariant:
    resolution: int
    audio: tuple[str, ...]
    subtitles: tuple[str, ...] = ()
    packaging: str = EPISODES
    video_codec: str = QualityVariant.VideoCodec.H264

    @property
    def is_multi_audio(self) -> bool:
        return len(self.audio) > 1


@dataclass(frozen=True)
class DemoSeason:
    number: int
    episode_count: int
    aired_from: date | None = None
    aired_to: date | None = None
    # Episode names we made up; episodes beyond the list stay numbered only.
    episode_names: tuple[str, ...] = ()
    variants: tuple[DemoVariant, ...] = ()


@dataclass(frozen=True)
class DemoShow:
    slug: str
    name: str
    name_native: str
    name_romaji: str
    kind: str
    status: str
    synopsis: str
    genres: tuple[str, ...]
    studios: tuple[str, ...]
    director: str
    aired_from: date
    aired_to: date | None
    premiere_season: str
    premiere_year: int
    episode_duration: int
    source: str
    age_rating: str
    seasons: tuple[DemoSeason, ...]
    imdb_score: Decimal | None = None
    mal_score: Decimal | None = None
    scores_taken_on: date | None = None
    # Top and bottom colours of the generated poster's gradient.
    poster_colours: tuple[str, str] = ("#1b1f3b", "#b3123a")


LANGUAGES = [
    # (BCP-47 code, English name, native name)
    ("ta", "Tamil", "தமிழ்"),
    ("ja", "Japanese", "日本語"),
    ("en", "English", "English"),
    ("hi", "Hindi", "हिन्दी"),
    ("te", "Telugu", "తెలుగు"),
]

GENRES = {
    # slug: (name, description)
    "action": ("Action", "Fights, chases and set pieces carry the story forward."),
    "adventure": (
        "Adventure",
        "Journeys into unknown places, where the road matters as much as the goal.",
    ),
    "comedy": ("Comedy", "Shows built to make you laugh, from gentle gags to slapstick."),
    "cyberpunk": (
        "Cyberpunk",
        "High technology and low life: neon cities, implants and corporate power.",
    ),
    "drama": ("Drama", "Character-driven stories about choices, loss and growing up."),
    "fantasy": ("Fantasy", "Magic, myth and invented worlds with rules of their own."),
    "historical": ("Historical", "Stories set in a real past era, however freely retold."),
    "mecha": ("Mecha", "Giant robots, powered armour and the people inside them."),
    "mystery": ("Mystery", "A puzzle at the centre that the story slowly unlocks."),
    "romance": ("Romance", "Two people finding, losing and finding each other again."),
    "sci-fi": ("Sci-fi", "Futures, spaceships and technology that change what being human means."),
    "supernatural": ("Supernatural", "Spirits, psychic powers and forces beyond the everyday."),
}

STUDIOS = {
    # slug: name
    "bones": "Bones",
    "sunrise": "Sunrise",
    "comix-wave-films": "CoMix Wave Films",
    "madhouse": "Madhouse",
    "wit-studio": "Wit Studio",
    "mappa": "MAPPA",
}

TAMIL_AND_JAPANESE = (
    DemoVariant(P480, audio=("ta",)),
    DemoVariant(P720, audio=("ta",)),
    DemoVariant(P1080, audio=("ta",)),
    DemoVariant(P1080, audio=("ta", "ja"), subtitles=("en",), packaging=SINGLE_FILE),
)
JAPANESE_WITH_SUBTITLES = (
    DemoVariant(P720, audio=("ja",), subtitles=("en", "ta")),
    DemoVariant(P1080, audio=("ja",), subtitles=("en", "ta", "hi")),
)
DUBBED_PACK = (
    DemoVariant(P480, audio=("hi",)),
    DemoVariant(P720, audio=("te",)),
    DemoVariant(P1080, audio=("ja", "en", "hi", "te"), subtitles=("en",), packaging=SINGLE_FILE),
)

SHOWS = [
    DemoShow(
        slug="metallic-rouge",
        name="Metallic Rouge",
        name_native="メタリックルージュ",
        name_romaji="Metallic Rouge",
        kind=Title.Kind.TV,
        status=Title.Status.FINISHED,
        synopsis=(
            "On a colonised Mars, the android Rouge and her human minder Naomi are sent to "
            "hunt nine rogue androids. Every target she brings down leaves her with memories "
            "that are not her own, and with doubts about who gave the order."
        ),
        genres=("action", "cyberpunk", "mecha", "mystery", "sci-fi"),
        studios=("bones",),
        director="Motoki Nakanishi",
        aired_from=date(2024, 1, 11),
        aired_to=date(2024, 4, 4),
        premiere_season=Title.PremiereSeason.WINTER,
        premiere_year=2024,
        episode_duration=24,
        source=Title.Source.ORIGINAL,
        age_rating=Title.AgeRating.PG13,
        imdb_score=Decimal("5.9"),
        mal_score=Decimal("6.2"),
        scores_taken_on=date(2025, 1, 15),
        poster_colours=("#2a0a12", "#d7263d"),
        seasons=(
            DemoSeason(
                number=1,
                episode_count=13,
                aired_from=date(2024, 1, 11),
                aired_to=date(2024, 4, 4),
                episode_names=(
                    "Red Snow",
                    "A Partner Made of Glass",
                    "The Nine Who Never Die",
                    "Memories That Are Not Mine",
                    "The Singer in the Rust Belt",
                    "Code of Obedience",
                    "A City of Clean Lines",
                    "Voices Beneath the Dome",
                    "The Detective's Question",
                    "What the Handler Knew",
                    "Blue Against Red",
                    "The Maker's Shadow",
                    "A Name of Her Own",
                ),
                variants=TAMIL_AND_JAPANESE,
            ),
        ),
    ),
    DemoShow(
        slug="cowboy-bebop",
        name="Cowboy Bebop",
        name_native="カウボーイビバップ",
        name_romaji="Kaubōi Bibappu",
        kind=Title.Kind.TV,
        status=Title.Status.FINISHED,
        synopsis=(
            "A broke crew of bounty hunters drifts around the solar system in an old fishing "
            "ship, chasing small rewards while their own pasts keep catching up with them."
        ),
        genres=("action", "adventure", "drama", "sci-fi"),
        studios=("sunrise",),
        director="Shinichirō Watanabe",
        aired_from=date(1998, 4, 3),
        aired_to=date(1999, 4, 24),
        premiere_season=Title.PremiereSeason.SPRING,
        premiere_year=1998,
        episode_duration=24,
        source=Title.Source.ORIGINAL,
        age_rating=Title.AgeRating.R17,
        imdb_score=Decimal("8.9"),
        mal_score=Decimal("8.8"),
        scores_taken_on=date(2025, 1, 15),
        poster_colours=("#0b2545", "#e0a526"),
        seasons=(DemoSeason(number=1, episode_count=26, variants=DUBBED_PACK),),
    ),
    DemoShow(
        slug="mob-psycho-100",
        name="Mob Psycho 100",
        name_native="モブサイコ100",
        name_romaji="Mobu Saiko Hyaku",
        kind=Title.Kind.TV,
        status=Title.Status.FINISHED,
        synopsis=(
            "A shy schoolboy with enormous psychic power tries to live an ordinary life while "
            "working for a con-artist exorcist, and keeps his feelings bottled up until they burst."
        ),
        genres=("action", "comedy", "supernatural"),
        studios=("bones",),
        director="Yuzuru Tachikawa",
        aired_from=date(2016, 7, 12),
        aired_to=date(2016, 9, 27),
        premiere_season=Title.PremiereSeason.SUMMER,
        premiere_year=2016,
        episode_duration=24,
        source=Title.Source.MANGA,
        age_rating=Title.AgeRating.PG13,
        imdb_score=Decimal("8.5"),
        mal_score=Decimal("8.5"),
        scores_taken_on=date(2025, 1, 15),
        poster_colours=("#3c1053", "#f7b801"),
        seasons=(
            DemoSeason(
                number=1,
                episode_count=12,
                aired_from=date(2016, 7, 12),
                aired_to=date(2016, 9, 27),
                variants=JAPANESE_WITH_SUBTITLES,
            ),
        ),
    ),
    DemoShow(
        slug="mob-psycho-100-ii",
        name="Mob Psycho 100 II",
        name_native="モブサイコ100 II",
        name_romaji="Mobu Saiko Hyaku Tsū",
        kind=Title.Kind.TV,
        status=Title.Status.FINISHED,
        synopsis=(
            "Mob returns to face a secret organisation of espers and, harder still, the question "
            "of who he wants to be when his power is not the answer."
        ),
        genres=("action", "comedy", "supernatural"),
        studios=("bones",),
        director="Yuzuru Tachikawa",
        aired_from=date(2019, 1, 8),
        aired_to=date(2019, 4, 2),
        premiere_season=Title.PremiereSeason.WINTER,
        premiere_year=2019,
        episode_duration=24,
        source=Title.Source.MANGA,
        age_rating=Title.AgeRating.PG13,
        imdb_score=Decimal("8.9"),
        mal_score=Decimal("8.8"),
        scores_taken_on=date(2025, 1, 15),
        poster_colours=("#1d3557", "#f7b801"),
        seasons=(
            DemoSeason(
                number=1,
                episode_count=13,
                aired_from=date(2019, 1, 8),
                aired_to=date(2019, 4, 2),
                variants=JAPANESE_WITH_SUBTITLES,
            ),
        ),
    ),
    DemoShow(
        slug="your-name",
        name="Your Name.",
        name_native="君の名は。",
        name_romaji="Kimi no Na wa.",
        kind=Title.Kind.MOVIE,
        status=Title.Status.FINISHED,
        synopsis=(
            "A city boy and a country girl start waking up in each other's bodies, and a comet "
            "in the sky turns their odd connection into a race against time."
        ),
        genres=("drama", "romance", "supernatural"),
        studios=("comix-wave-films",),
        director="Makoto Shinkai",
        aired_from=date(2016, 8, 26),
        aired_to=date(2016, 8, 26),
        premiere_season=Title.PremiereSeason.SUMMER,
        premiere_year=2016,
        episode_duration=106,
        source=Title.Source.ORIGINAL,
        age_rating=Title.AgeRating.PG13,
        imdb_score=Decimal("8.4"),
        mal_score=Decimal("8.8"),
        scores_taken_on=date(2025, 1, 15),
        poster_colours=("#14213d", "#fca311"),
        seasons=(DemoSeason(number=1, episode_count=1, variants=DUBBED_PACK),),
    ),
    DemoShow(
        slug="frieren-beyond-journeys-end",
        name="Frieren: Beyond Journey's End",
        name_native="葬送のフリーレン",
        name_romaji="Sōsō no Furīren",
        kind=Title.Kind.TV,
        status=Title.Status.FINISHED,
        synopsis=(
            "Long after her party defeated the Demon King, an elf mage who barely noticed the "
            "years pass sets out again to understand the friends she outlived."
        ),
        genres=("adventure", "drama", "fantasy"),
        studios=("madhouse",),
        director="Keiichirō Saitō",
        aired_from=date(2023, 9, 29),
        aired_to=date(2024, 3, 22),
        premiere_season=Title.PremiereSeason.FALL,
        premiere_year=2023,
        episode_duration=24,
        source=Title.Source.MANGA,
        age_rating=Title.AgeRating.PG13,
        imdb_score=Decimal("8.9"),
        mal_score=Decimal("9.3"),
        scores_taken_on=date(2025, 1, 15),
        poster_colours=("#1b4332", "#b7e4c7"),
        seasons=(
            DemoSeason(
                number=1,
                episode_count=28,
                aired_from=date(2023, 9, 29),
                aired_to=date(2024, 3, 22),
                variants=TAMIL_AND_JAPANESE,
            ),
        ),
    ),
    DemoShow(
        slug="vinland-saga",
        name="Vinland Saga",
        name_native="ヴィンランド・サガ",
        name_romaji="Vinrando Saga",
        kind=Title.Kind.TV,
        status=Title.Status.FINISHED,
        synopsis=(
            "A boy raised for revenge fights among Viking mercenaries, then, as a farm slave, "
            "has to learn how a man who has only known war can live without an enemy."
        ),
        genres=("action", "adventure", "drama", "historical"),
        studios=("wit-studio", "mappa"),
        director="Shūhei Yabuta",
        aired_from=date(2019, 7, 8),
        aired_to=date(2023, 6, 20),
        premiere_season=Title.PremiereSeason.SUMMER,
        premiere_year=2019,
        episode_duration=24,
        source=Title.Source.MANGA,
        age_rating=Title.AgeRating.R17,
        imdb_score=Decimal("8.8"),
        mal_score=Decimal("8.8"),
        scores_taken_on=date(2025, 1, 15),
        poster_colours=("#22223b", "#9a8c98"),
        seasons=(
            DemoSeason(
                number=1,
                episode_count=24,
                aired_from=date(2019, 7, 8),
                aired_to=date(2019, 12, 30),
                variants=JAPANESE_WITH_SUBTITLES,
            ),
            DemoSeason(
                number=2,
                episode_count=24,
                aired_from=date(2023, 1, 10),
                aired_to=date(2023, 6, 20),
                variants=JAPANESE_WITH_SUBTITLES,
            ),
        ),
    ),
]

RELATIONS = [
    # (from slug, kind, to slug): "to" is a <kind> of "from".
    ("mob-psycho-100", TitleRelation.Kind.SEQUEL, "mob-psycho-100-ii"),
    ("mob-psycho-100-ii", TitleRelation.Kind.PREQUEL, "mob-psycho-100"),
]
