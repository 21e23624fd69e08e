"""factory_boy factories for the whole suite; each app's tests build on these."""

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from catalog.models import Episode, Genre, Language, QualityVariant, Season, Studio, Title


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


class GenreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Genre
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Genre {n}")
    slug = factory.LazyAttribute(lambda genre: slugify(genre.name))


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("code",)

    code = factory.Iterator(["ta", "ja", "en", "hi", "te", "ko", "fr", "de"])
    name = factory.LazyAttribute(lambda language: f"Language {language.code}")


class StudioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Studio

    name = factory.Sequence(lambda n: f"Studio {n}")
    slug = factory.LazyAttribute(lambda studio: slugify(studio.name))


class TitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Title
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Show {n}")
    slug = factory.LazyAttribute(lambda title: slugify(title.name))
    kind = Title.Kind.TV
    status = Title.Status.FINISHED
    premiere_year = 2024
    episode_duration = 24
    synopsis = "A show made up for the tests."

    @factory.post_generation
    def genres(self, create, extracted, **kwargs):
        if create and extracted:
            self.genres.set(extracted)


class SeasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Season

    title = factory.SubFactory(TitleFactory)
    number = factory.Sequence(lambda n: n + 1)


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    season = factory.SubFactory(SeasonFactory)
    number = factory.Sequence(lambda n: n + 1)
    duration = 24


class QualityVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualityVariant
        skip_postgeneration_save = True

    season = factory.SubFactory(SeasonFactory)
    resolution = QualityVariant.Resolution.P1080

    @factory.post_generation
    def audio_languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.audio_languages.set(extracted)

    @factory.post_generation
    def subtitle_languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.subtitle_languages.set(extracted)
