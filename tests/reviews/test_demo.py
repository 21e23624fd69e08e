"""The demo reviews that `load_demo` writes: long enough, in every status, repeatable, and safe."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import strip_tags
from taggit.models import TaggedItem

from catalog.models import Title
from images.models import Image
from reviews.models import AuthorProfile, Review, ReviewImage, Transition

pytestmark = pytest.mark.django_db

LONG_REVIEW = "metallic-rouge-season-01-review"
WORD = re.compile(r"\w+(?:['’-]\w+)*")


def load_demo() -> None:
    call_command("load_demo", stdout=io.StringIO())


def words_read(review: Review) -> int:
    """The words a reader sees in the rendered body (markup and permalinks removed)."""
    return len(WORD.findall(strip_tags(review.body_html)))


def hidden_reviews():
    return Review.objects.exclude(pk__in=Review.objects.live())


def test_the_reference_show_review_is_at_least_1200_words(demo):
    assert words_read(Review.objects.get(slug=LONG_REVIEW)) >= 1200


def test_the_long_review_has_chapters_lists_a_quote_and_a_spoiler(demo):
    review = Review.objects.get(slug=LONG_REVIEW)
    for fragment in ("<h2 ", "<h3 ", "<ul>", "<blockquote>", '<details class="spoiler">'):
        assert fragment in review.body_html
    assert {entry["level"] for entry in review.toc} == {2, 3}


def test_the_long_review_is_live_featured_scored_and_tagged(demo):
    review = Review.objects.get(slug=LONG_REVIEW)
    assert review.is_live
    assert review.is_featured
    assert review.title.slug == "metallic-rouge"
    assert review.season.number == 1
    assert review.verdict
    assert review.editor_score is not None
    assert review.tags.count() >= 3


def test_every_other_demo_show_has_a_live_review_of_250_to_500_words(demo):
    for title in Title.objects.exclude(slug="metallic-rouge"):
        live = Review.objects.live().filter(title=title)
        assert live.exists(), f"{title.slug} has no live demo review"
        for review in live:
            assert 250 <= words_read(review) <= 500, review.slug
            assert review.tags.exists(), review.slug


def test_the_demo_has_a_review_in_each_hidden_status(demo):
    now = timezone.now()
    assert Review.objects.filter(status=Review.Status.DRAFT).count() == 1
    assert Review.objects.filter(status=Review.Status.IN_REVIEW).count() == 1
    assert Review.objects.filter(status=Review.Status.ARCHIVED).count() == 1
    scheduled = Review.objects.get(status=Review.Status.PUBLISHED, publish_at__gt=now)
    assert scheduled.publish_at > now + timedelta(days=29)
    assert Review.objects.live().count() >= 7
    assert Review.objects.live().filter(is_featured=True).exists()


def test_loading_the_demo_twice_duplicates_nothing(demo):
    def counts():
        return (
            Review.objects.count(),
            Transition.objects.count(),
            TaggedItem.objects.count(),
            get_user_model().objects.count(),
            list(Image.objects.values_list("pk", "file")),
            ReviewImage.objects.count(),
            list(AuthorProfile.objects.values_list("pk", "user__username", "display_name")),
        )

    first = counts()
    load_demo()
    assert counts() == first


def test_demo_authors_have_public_profiles_that_bylines_link(demo, client):
    profiles = dict(AuthorProfile.objects.values_list("user__username", "display_name"))
    assert profiles == {"editor": "Mika Tanabe", "writer": "Jonas Berg"}
    review = Review.objects.get(slug=LONG_REVIEW)
    profile = review.author.author_profile

    page = client.get(review.get_absolute_url()).content.decode()
    author_page = client.get(profile.get_absolute_url()).content.decode()

    assert f'rel="author">{profile.display_name}</a>' in page
    assert "By editor" not in page
    assert profile.bio in author_page
    assert review.display_headline in author_page


def test_the_long_review_places_two_library_images_one_inside_the_spoiler(demo, settings):
    review = Review.objects.get(slug=LONG_REVIEW)
    figures = re.findall(r"<figure>.*?</figure>", review.body_html, re.S)
    spoiler = re.search(r'<details class="spoiler">.*?</details>', review.body_html, re.S)[0]

    assert len(figures) >= 2
    assert sum(figure in spoiler for figure in figures) == 1
    for figure in figures:
        alt = re.search(r'alt="([^"]*)"', figure)[1]
        assert len(alt.split()) >= 8
        assert "<figcaption>" in figure and "srcset=" in figure
    placed = Image.objects.filter(reviews_reviewimage_uses__review=review)
    assert placed.count() == 2
    for image in placed:
        assert image.file.storage.exists(image.file.name)
        assert (image.width, image.height) == (1600, 900)
        assert len(image.file.rendition_urls) == 3


def test_published_demo_reviews_carry_their_workflow_history(demo):
    review = Review.objects.get(slug=LONG_REVIEW)
    path = [(t.from_status, t.to_status) for t in review.transitions.order_by("at")]
    assert path == [("draft", "in_review"), ("in_review", "published")]


def test_demo_authors_get_a_password_from_ensure_demo_users(demo, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    author = Review.objects.get(slug=LONG_REVIEW).author
    assert not author.has_usable_password()
    call_command("ensure_demo_users", stdout=io.StringIO())
    author.refresh_from_db()
    assert author.has_usable_password()
    assert author.is_staff


def test_hidden_demo_reviews_are_not_on_the_home_page(demo, client):
    page = client.get("/").content.decode()
    for review in Review.objects.live():
        assert review.get_absolute_url() in page
    hidden = hidden_reviews()
    assert hidden.count() == 4
    for review in hidden:
        assert review.get_absolute_url() not in page


def test_hidden_demo_reviews_answer_404_at_their_url(demo, client):
    for review in hidden_reviews():
        assert client.get(review.get_absolute_url()).status_code == 404
