"""Catalog models: what a show is, independent of any review written about it."""

from decimal import Decimal

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from images.fields import SafeImageField

SCORE_VALIDATORS = [MinValueValidator(Decimal("0.0")), MaxValueValidator(Decimal("10.0"))]


def score_field(verbose_name: str) -> models.DecimalField:
    """An optional external score from 0.0 to 10.0 with one decimal."""
    return models.DecimalField(
        verbose_name,
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
    )


def score_range_constraint(field: str, model: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0, f"{field}__lte": 10}),
        name=f"{model}_{field}_0_to_10",
        violation_error_message="Scores run from 0.0 to 10.0.",
    )


def positive_constraint(field: str, model: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": 0}),
        name=f"{model}_{field}_positive",
        violation_error_message=f"{field.replace('_', ' ').capitalize()} must be positive.",
    )


class Genre(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:genre", kwargs={"slug": self.slug})


class Language(models.Model):
    """A spoken or subtitle language, identified by its BCP-47 tag (ta, ja, en, pt-BR)."""

    code = models.CharField(
        "BCP-47 code",
        max_length=35,
        unique=True,
        validators=[
            RegexValidator(
                r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
                "Enter a BCP-47 language tag such as “ta”, “ja” or “pt-BR”.",
            )
        ],
    )
    name = models.CharField("English name", max_length=60)
    native_name = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:language", kwargs={"code": self.code})


class Studio(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Title(models.Model):
    """A show: a TV series, film, OVA, ONA or special, with its seasons."""

    class Kind(models.TextChoices):
        TV = "tv", "TV"
        MOVIE = "movie", "Movie"
        OVA = "ova", "OVA"
        ONA = "ona", "ONA"
        SPECIAL = "special", "Special"

    class Status(models.TextChoices):
        UPCOMING = "upcoming", "Upcoming"
        AIRING = "airing", "Currently Airing"
        FINISHED = "finished", "Finished Airing"

    class PremiereSeason(models.TextChoices):
        WINTER = "winter", "Winter"
        SPRING = "spring", "Spring"
        SUMMER = "summer", "Summer"
        FALL = "fall", "Fall"

    class Source(models.TextChoices):
        ORIGINAL = "original", "Original"
        MANGA = "manga", "Manga"
        LIGHT_NOVEL = "light_novel", "Light novel"
        WEB_NOVEL = "web_novel", "Web novel"
        NOVEL = "novel", "Novel"
        GAME = "game", "Game"
        VISUAL_NOVEL = "visual_novel", "Visual novel"
        OTHER = "other", "Other"

    class AgeRating(models.TextChoices):
        G = "g", "G – All ages"
        PG = "pg", "PG – Children"
        PG13 = "pg13", "PG-13 – Teens 13 or older"
        R17 = "r17", "R – 17+ (violence and profanity)"
        R_PLUS = "r_plus", "R+ – Mild nudity"

    name = models.CharField(max_length=200)
    name_native = models.CharField("native name", max_length=200, blank=True)
    name_romaji = models.CharField("romaji name", max_length=200, blank=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField("type", max_length=10, choices=Kind.choices, default=Kind.TV)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.FINISHED)
    synopsis = models.TextField(blank=True)
    genres = models.ManyToManyField(Genre, related_name="titles", blank=True)
    studios = models.ManyToManyField(Studio, related_name="titles", blank=True)
    director = models.CharField(max_length=200, blank=True)
    aired_from = models.DateField(null=True, blank=True)
    aired_to = models.DateField(null=True, blank=True)
    premiere_season = models.CharField(max_length=10, choices=PremiereSeason.choices, blank=True)
    premiere_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    episode_duration = models.PositiveSmallIntegerField(
        "duration per episode (minutes)", null=True, blank=True
    )
    poster = SafeImageField(
        upload_to="posters/", blank=True, width_field="poster_width", height_field="poster_height"
    )
    poster_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    source = models.CharField(
        "source material", max_length=20, choices=Source.choices, default=Source.ORIGINAL
    )
    age_rating = models.CharField(max_length=10, choices=AgeRating.choices, blank=True)
    imdb_id = models.CharField(
        "IMDb id",
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^tt\d{7,10}$", "An IMDb id looks like “tt1234567”.")],
    )
    imdb_score = score_field("IMDb score")
    imdb_score_date = models.DateField("IMDb score taken on", null=True, blank=True)
    mal_id = models.PositiveIntegerField("MyAnimeList id", null=True, blank=True)
    mal_score = score_field("MyAnimeList score")
    mal_score_date = models.DateField("MyAnimeList score taken on", null=True, blank=True)
    anilist_id = models.PositiveIntegerField("AniList id", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Filled by a PostgreSQL trigger, GIN-indexed there (catalog migration 0003); unused on
    # SQLite, where search falls back to icontains. See animeblog/search.py.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["name"]
        # The newest shows first, as the home page's recent shows and list cards read them.
        indexes = [models.Index(fields=["-created_at", "name"], name="title_newest_first")]
        constraints = [
            score_range_constraint("imdb_score", "title"),
            score_range_constraint("mal_score", "title"),
            positive_constraint("episode_duration", "title"),
            models.CheckConstraint(
                condition=Q(aired_to__isnull=True)
                | Q(aired_from__isnull=True)
                | Q(aired_to__gte=models.F("aired_from")),
                name="title_aired_to_after_aired_from",
                violation_error_message="The last air date cannot be before the first.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalog:title", kwargs={"slug": self.slug})


class TitleRelation(models.Model):
    """A franchise link from one show to another: "B is a sequel of A"."""

    class Kind(models.TextChoices):
        SEQUEL = "sequel", "Sequel"
        PREQUEL = "prequel", "Prequel"
        SIDE_STORY = "side_story", "Side story"
        SPIN_OFF = "spin_off", "Spin-off"

    from_title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="relations")
    to_title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="related_from")
    kind = models.CharField(max_length=12, choices=Kind.choices)

    class Meta:
        ordering = ["kind", "to_title__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_title", "to_title", "kind"],
                name="titlerelation_unique",
                violation_error_message="This relation is already recorded.",
            ),
            models.CheckConstraint(
                condition=~Q(from_title=models.F("to_title")),
                name="titlerelation_not_to_itself",
                violation_error_message="A show cannot be related to itself.",
            ),
        ]

    def __str__(self):
        return f"{self.to_title} is a {self.get_kind_display().lower()} of {self.from_title}"


class Season(models.Model):
    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="seasons")
    number = models.PositiveSmallIntegerField()
    display_name = models.CharField(
        max_length=100, blank=True, help_text="Shown to readers; defaults to “Season 01”."
    )
    aired_from = models.DateField(null=True, blank=True)
    aired_to = models.DateField(null=True, blank=True)
    poster = SafeImageField(
        upload_to="posters/seasons/",
        blank=True,
        width_field="poster_width",
        height_field="poster_height",
    )
    poster_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    synopsis = models.TextField(blank=True)

    class Meta:
        ordering = ["title", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "number"],
                name="season_unique_number_per_title",
                violation_error_message="This show already has a season with this number.",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="season_number_positive",
                violation_error_message="Season numbers start at 1.",
            ),
        ]

    def __str__(self):
        return f"{self.title} – {self.label}"

    @property
    def label(self) -> str:
        return self.display_name or f"Season {self.number:02d}"

    def add_episodes(self, up_to: int, duration: int) -> int:
        """Create episodes 1..up_to of `duration` minutes, keeping any that exist; say how many.

        Conflicts are ignored so an episode added meanwhile by someone else is
        kept rather than turned into an error.
        """
        existing = set(self.episodes.values_list("number", flat=True))
        missing = [
            Episode(season=self, number=number, duration=duration)
            for number in range(1, up_to + 1)
            if number not in existing
        ]
        Episode.objects.bulk_create(missing, ignore_conflicts=True)
        return len(missing)


class Episode(models.Model):
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="episodes")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200, blank=True)
    air_date = models.DateField(null=True, blank=True)
    duration = models.PositiveSmallIntegerField("duration (minutes)", null=True, blank=True)
    synopsis = models.TextField(blank=True)
    is_filler = models.BooleanField("filler", default=False)
    is_recap = models.BooleanField("recap", default=False)

    class Meta:
        ordering = ["season", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["season", "number"],
                name="episode_unique_number_per_season",
                violation_error_message="This season already has an episode with this number.",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="episode_number_positive",
                violation_error_message="Episode numbers start at 1.",
            ),
            positive_constraint("duration", "episode"),
        ]

    def __str__(self):
        return f"Episode {self.number}" + (f": {self.name}" if self.name else "")


class QualityVariant(models.Model):
    """One downloadable or streamable form of a season: resolution, audio, packaging."""

    class Resolution(models.IntegerChoices):
        P480 = 480, "480p"
        P720 = 720, "720p"
        P1080 = 1080, "1080p"
        P2160 = 2160, "2160p"

    class Packaging(models.TextChoices):
        EPISODES = "episodes", "Per-episode files"
        SINGLE_FILE = "single_file", "Single file"

    class VideoCodec(models.TextChoices):
        H264 = "h264", "H.264 / AVC"
        H265 = "h265", "H.265 / HEVC"
        AV1 = "av1", "AV1"
        VP9 = "vp9", "VP9"

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="variants")
    resolution = models.PositiveSmallIntegerField(choices=Resolution.choices)
    audio_languages = models.ManyToManyField(Language, related_name="audio_variants")
    subtitle_languages = models.ManyToManyField(
        Language, related_name="subtitle_variants", blank=True
    )
    packaging = models.CharField(
        max_length=12, choices=Packaging.choices, default=Packaging.EPISODES
    )
    is_multi_audio = models.BooleanField("multi audio", default=False)
    file_size = models.PositiveBigIntegerField(
        "file size (bytes)", null=True, blank=True, help_text="Total size of the files."
    )
    video_codec = models.CharField(max_length=5, choices=VideoCodec.choices, blank=True)
    link = models.URLField(blank=True)
    is_available = models.BooleanField("available", default=True)

    class Meta:
        ordering = ["season", "packaging", "resolution"]
        constraints = [
            positive_constraint("file_size", "qualityvariant"),
        ]

    def __str__(self):
        return f"{self.season} {self.resolution} ({self.get_packaging_display()})"
