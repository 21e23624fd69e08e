"""Catalog back office: shows with their seasons, seasons with episodes and variants."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.translation import ngettext

from catalog.forms import SeasonAdminForm
from catalog.models import (
    Episode,
    Genre,
    Language,
    QualityVariant,
    Season,
    Studio,
    Title,
    TitleRelation,
)


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "title_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    # Meta.ordering does not order a GROUP BY query such as the annotated one below,
    # which the autocomplete pages through.
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(title_count=Count("titles"))

    @admin.display(description="shows", ordering="title_count")
    def title_count(self, genre):
        return genre.title_count


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "native_name"]
    search_fields = ["name", "code", "native_name"]


@admin.register(Studio)
class StudioAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ConstraintCheckingInlineFormSet(BaseInlineFormSet):
    """Check the constraints that involve the parent row, which inline forms leave out.

    An inline form skips its foreign key when validating model constraints,
    because the parent may not exist yet; "one season number per show" would
    then be caught only by the database, as a server error. Once the parent
    exists, each changed row is checked here and gets an ordinary form error.
    """

    def clean(self):
        super().clean()
        if self.instance.pk is None:
            return
        for form in self.forms:
            if form.errors or not form.has_changed() or self._should_delete_form(form):
                continue
            not_in_form = {field.name for field in self.model._meta.fields} - set(form.fields)
            try:
                form.instance.validate_constraints(exclude=not_in_form)
            except ValidationError as error:
                form.add_error(None, error)


class SeasonInline(admin.TabularInline):
    model = Season
    formset = ConstraintCheckingInlineFormSet
    fields = ["number", "display_name", "aired_from", "aired_to"]
    extra = 0
    show_change_link = True


class TitleRelationInline(admin.TabularInline):
    model = TitleRelation
    formset = ConstraintCheckingInlineFormSet
    fk_name = "from_title"
    fields = ["kind", "to_title"]
    autocomplete_fields = ["to_title"]
    extra = 0
    verbose_name = "related show"
    verbose_name_plural = "related shows (sequels, prequels, side stories, spin-offs)"


@admin.register(Title)
class TitleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "premiere_year", "season_count", "has_poster"]
    list_filter = ["kind", "status", "premiere_season", "premiere_year", "source", "genres"]
    search_fields = ["name", "name_native", "name_romaji", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["genres", "studios"]
    date_hierarchy = "aired_from"
    inlines = [SeasonInline, TitleRelationInline]
    ordering = ["name"]  # as on GenreAdmin: the annotated queryset drops Meta.ordering
    fieldsets = [
        (None, {"fields": ["name", "name_native", "name_romaji", "slug", "poster"]}),
        (
            "About the show",
            {
                "fields": [
                    ("kind", "status"),
                    "synopsis",
                    "genres",
                    "studios",
                    "director",
                    ("source", "age_rating"),
                ]
            },
        ),
        (
            "Airing",
            {
                "fields": [
                    ("aired_from", "aired_to"),
                    ("premiere_season", "premiere_year"),
                    "episode_duration",
                ]
            },
        ),
        (
            "External scores and ids",
            {
                "fields": [
                    ("imdb_id", "imdb_score", "imdb_score_date"),
                    ("mal_id", "mal_score", "mal_score_date"),
                    "anilist_id",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(season_count=Count("seasons"))

    @admin.display(description="seasons", ordering="season_count")
    def season_count(self, title):
        return title.season_count

    @admin.display(description="poster", boolean=True)
    def has_poster(self, title):
        return bool(title.poster)


class EpisodeInline(admin.TabularInline):
    model = Episode
    formset = ConstraintCheckingInlineFormSet
    fields = ["number", "name", "air_date", "duration", "is_filler", "is_recap"]
    extra = 0


class QualityVariantInline(admin.StackedInline):
    model = QualityVariant
    fields = [
        ("resolution", "packaging", "video_codec"),
        ("audio_languages", "is_multi_audio"),
        "subtitle_languages",
        ("file_size", "link", "is_available"),
    ]
    autocomplete_fields = ["audio_languages", "subtitle_languages"]
    # A link typed without a scheme is taken as https://, as the comment form does.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    extra = 0


@admin.register(Season)
class SeasonAdmin(admin.ModelAdmin):
    form = SeasonAdminForm
    list_display = ["__str__", "title", "number", "aired_from", "episode_count"]
    list_filter = ["title__kind", "title__status"]
    list_select_related = ["title"]
    search_fields = ["title__name", "display_name"]
    autocomplete_fields = ["title"]
    inlines = [EpisodeInline, QualityVariantInline]
    ordering = ["title", "number"]  # as on GenreAdmin: the annotated queryset drops Meta.ordering
    fieldsets = [
        (None, {"fields": ["title", "number", "display_name", "poster", "synopsis"]}),
        ("Airing", {"fields": [("aired_from", "aired_to")]}),
        (
            "Create episodes",
            {
                "fields": [("episodes_up_to", "episode_duration")],
                "description": "Creates the missing episodes 1 to N in one step.",
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(episode_count=Count("episodes"))

    @admin.display(description="episodes", ordering="episode_count")
    def episode_count(self, season):
        return season.episode_count

    def save_related(self, request, form, formsets, change):
        """Create the requested episodes after the inline ones, so those are kept."""
        super().save_related(request, form, formsets, change)
        up_to = form.cleaned_data.get("episodes_up_to")
        if not up_to:
            return
        created = form.instance.add_episodes(up_to, form.cleaned_data["episode_duration"])
        message = ngettext(
            "Created %(created)d episode; episodes 1 to %(up_to)d now exist.",
            "Created %(created)d episodes; episodes 1 to %(up_to)d now exist.",
            created,
        ) % {"created": created, "up_to": up_to}
        self.message_user(request, message, messages.SUCCESS)


@admin.register(Episode)
class EpisodeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "season", "air_date", "duration", "is_filler", "is_recap"]
    list_filter = ["is_filler", "is_recap", "season__title__kind"]
    list_select_related = ["season__title"]
    search_fields = ["name", "season__title__name"]
    autocomplete_fields = ["season"]


@admin.register(QualityVariant)
class QualityVariantAdmin(admin.ModelAdmin):
    list_display = ["__str__", "resolution", "packaging", "is_multi_audio", "is_available"]
    list_filter = ["resolution", "packaging", "is_multi_audio", "is_available", "audio_languages"]
    list_select_related = ["season__title"]
    search_fields = ["season__title__name", "season__display_name"]
    autocomplete_fields = ["season", "audio_languages", "subtitle_languages"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
