"""The headline composed from catalog data, stored on the review and kept in step."""

import pytest

from catalog.models import QualityVariant
from tests.factories import LanguageFactory, QualityVariantFactory, SeasonFactory, TitleFactory
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db

R = QualityVariant.Resolution


@pytest.fixture
def metallic_rouge():
    title = TitleFactory(name="Metallic Rouge")
    season = SeasonFactory(title=title, number=1)
    tamil = LanguageFactory(code="ta", name="Tamil")
    japanese = LanguageFactory(code="ja", name="Japanese")
    for resolution in (R.P1080, R.P480, R.P720):
        QualityVariantFactory(season=season, resolution=resolution, audio_languages=[tamil])
    QualityVariantFactory(
        season=season,
        resolution=R.P1080,
        packaging=QualityVariant.Packaging.SINGLE_FILE,
        is_multi_audio=True,
        audio_languages=[tamil, japanese],
    )
    return season


def test_headline_is_composed_from_show_season_languages_and_resolutions(metallic_rouge):
    review = ReviewFactory(title=metallic_rouge.title, season=metallic_rouge)

    assert review.display_headline == "Metallic Rouge (Season 01) Tamil [480p 720p 1080p]"


def test_editor_override_wins_over_the_composed_headline(metallic_rouge):
    review = ReviewFactory(title=metallic_rouge.title, headline="Rouge, reviewed")

    assert review.display_headline == "Rouge, reviewed"
    assert str(review) == "Rouge, reviewed"


def test_whole_show_review_has_no_season_label(metallic_rouge):
    review = ReviewFactory(title=metallic_rouge.title)

    assert review.display_headline == "Metallic Rouge Tamil [480p 720p 1080p]"


def test_only_multi_audio_packs_give_their_languages():
    season = SeasonFactory(title=TitleFactory(name="Solo"), number=2)
    QualityVariantFactory(
        season=season,
        resolution=R.P720,
        is_multi_audio=True,
        audio_languages=[
            LanguageFactory(code="en", name="English"),
            LanguageFactory(code="hi", name="Hindi"),
        ],
    )
    review = ReviewFactory(title=season.title, season=season)

    assert review.display_headline == "Solo (Season 02) English + Hindi [720p]"


def test_show_without_variants_is_just_its_name():
    review = ReviewFactory(title=TitleFactory(name="Bare"))

    assert review.display_headline == "Bare"


def test_new_variant_refreshes_the_stored_headline(metallic_rouge):
    review = ReviewFactory(title=metallic_rouge.title, season=metallic_rouge)

    QualityVariantFactory(
        season=metallic_rouge, resolution=R.P2160, audio_languages=[LanguageFactory(code="ta")]
    )

    review.refresh_from_db()
    assert review.display_headline == "Metallic Rouge (Season 01) Tamil [480p 720p 1080p 2160p]"


def test_renaming_the_show_refreshes_the_stored_headline(metallic_rouge):
    review = ReviewFactory(title=metallic_rouge.title, season=metallic_rouge)

    metallic_rouge.title.name = "Metallic Rouge Remastered"
    metallic_rouge.title.save()

    review.refresh_from_db()
    assert review.display_headline.startswith("Metallic Rouge Remastered (Season 01)")


def test_adding_an_audio_language_refreshes_the_stored_headline(metallic_rouge):
    review = ReviewFactory(title=metallic_rouge.title, season=metallic_rouge)
    variant = metallic_rouge.variants.filter(is_multi_audio=False).first()

    variant.audio_languages.add(LanguageFactory(code="te", name="Telugu"))

    review.refresh_from_db()
    assert review.display_headline == "Metallic Rouge (Season 01) Tamil + Telugu [480p 720p 1080p]"


def test_unavailable_variants_are_left_out(metallic_rouge):
    metallic_rouge.variants.filter(resolution=R.P480).update(is_available=False)

    review = ReviewFactory(title=metallic_rouge.title, season=metallic_rouge)

    assert review.display_headline == "Metallic Rouge (Season 01) Tamil [720p 1080p]"
