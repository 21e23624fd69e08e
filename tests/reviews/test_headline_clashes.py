"""Two reviews never show readers the same headline: composed ones are told apart, and an
editor's own headline that another review shows is refused at save."""

import re

import pytest
from django.urls import reverse

from reviews.models import Review
from tests.factories import LanguageFactory, QualityVariantFactory, SeasonFactory, TitleFactory
from tests.reviews.admin_forms import form_data
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:reviews_review_add")
ROUGE = "Metallic Rouge (Season 01) Tamil [1080p]"


@pytest.fixture
def season():
    season = SeasonFactory(title=TitleFactory(name="Metallic Rouge", premiere_year=2024), number=1)
    QualityVariantFactory(season=season, audio_languages=[LanguageFactory(name="Tamil")])
    return season


@pytest.fixture
def editor_client(client):
    client.force_login(staff_user("Editors"))
    return client


def add_review(client, season, slug, **fields):
    """Add a review of ``season`` through the admin and publish it; returns the followed page."""
    data = {
        "title": season.title_id,
        "season": season.pk,
        "slug": slug,
        "body": "## Start\n\nWords.",
        "excerpt": "An excerpt.",
        "comments_open": "on",
        "transitions-TOTAL_FORMS": "0",
        "transitions-INITIAL_FORMS": "0",
        "_transition": "publish",
        **fields,
    }
    return client.post(ADD_URL, data, follow=True)


def shown_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_second_review_of_the_same_season_is_told_apart_and_the_editor_is_warned(
    editor_client, season
):
    add_review(editor_client, season, "rouge-first")

    response = add_review(editor_client, season, "rouge-second")

    first, second = (Review.objects.get(slug=slug) for slug in ("rouge-first", "rouge-second"))
    assert first.display_headline == ROUGE
    assert second.display_headline == f"{ROUGE} (review 2)"
    assert (
        f"Another review already shows readers “{ROUGE}”, so this one is headlined "
        f"“{ROUGE} (review 2)”."
    ) in " ".join(shown_messages(response))


def test_a_review_without_a_clash_gets_no_warning(editor_client, season):
    response = add_review(editor_client, season, "rouge-only")
    assert Review.objects.get(slug="rouge-only").display_headline == ROUGE
    assert not any("already shows readers" in message for message in shown_messages(response))


def test_a_show_of_the_same_name_is_told_apart_by_its_premiere_year(editor_client, season):
    add_review(editor_client, season, "rouge-2024")
    remake = SeasonFactory(
        title=TitleFactory(name="Metallic Rouge", slug="metallic-rouge-2031", premiere_year=2031),
        number=1,
    )
    QualityVariantFactory(season=remake, audio_languages=[LanguageFactory(name="Tamil")])

    add_review(editor_client, remake, "rouge-2031")

    assert Review.objects.get(slug="rouge-2031").display_headline == f"{ROUGE} (2031)"


def test_saving_the_told_apart_review_again_keeps_its_headline(editor_client, season):
    add_review(editor_client, season, "rouge-first")
    add_review(editor_client, season, "rouge-second")
    second = Review.objects.get(slug="rouge-second")
    change = reverse("admin:reviews_review_change", args=[second.pk])

    editor_client.post(
        change,
        form_data(editor_client.get(change), excerpt="Changed.", _pending_changes="publish"),
    )

    second.refresh_from_db()
    assert (second.excerpt, second.display_headline) == ("Changed.", f"{ROUGE} (review 2)")


def test_readers_see_two_headlines_in_lists_feeds_and_search(editor_client, client, season):
    add_review(editor_client, season, "rouge-first")
    add_review(editor_client, season, "rouge-second")

    for url in ("/", "/feeds/reviews/", "/search/?q=Metallic"):
        page = client.get(url).content.decode()
        assert page.count(f"{ROUGE} (review 2)") >= 1, url
        plain = re.findall(re.escape(ROUGE) + r"(?! \(review 2\))", page)
        assert plain, url


def test_an_editors_own_headline_that_another_review_shows_is_refused_naming_it(
    editor_client, season
):
    ReviewFactory(title=season.title, headline="Rouge, reviewed", slug="rouge-reviewed")

    response = add_review(editor_client, season, "rouge-copy", headline="Rouge, reviewed")

    assert not Review.objects.filter(slug="rouge-copy").exists()
    errors = response.context["adminform"].form.errors["headline"]
    assert errors == [
        "Another review already shows readers this headline: “Rouge, reviewed” "
        "(/reviews/rouge-reviewed/). Choose another, or leave it empty to compose one."
    ]


def test_an_editors_own_headline_may_not_copy_a_composed_one_either(editor_client, season):
    add_review(editor_client, season, "rouge-first")
    response = add_review(editor_client, season, "rouge-copy", headline=ROUGE)
    assert "headline" in response.context["adminform"].form.errors


def test_a_review_keeps_its_own_headline_when_saved_again(editor_client, season):
    review = ReviewFactory(title=season.title, headline="Rouge, reviewed")
    change = reverse("admin:reviews_review_change", args=[review.pk])
    response = editor_client.post(change, form_data(editor_client.get(change), excerpt="New."))
    assert response.status_code == 302


def test_renaming_a_show_to_anothers_name_tells_the_newer_review_apart(editor_client, season):
    add_review(editor_client, season, "rouge-first")
    other_season = SeasonFactory(
        title=TitleFactory(name="Rouge Noir", premiere_year=2024, kind="movie"), number=1
    )
    QualityVariantFactory(season=other_season, audio_languages=[LanguageFactory(name="Tamil")])
    add_review(editor_client, other_season, "noir")
    change = reverse("admin:catalog_title_change", args=[other_season.title_id])

    data = form_data(editor_client.get(change), name="Metallic Rouge")
    for empty in ("genres", "studios"):  # no genre or studio: the browser sends nothing
        del data[empty]
    response = editor_client.post(change, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Review.objects.get(slug="rouge-first").display_headline == ROUGE
    assert Review.objects.get(slug="noir").display_headline == f"{ROUGE} (Movie)"
