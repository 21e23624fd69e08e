"""Every change readers could see retires the cached pages it touches, on every app server."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from animeblog.page_cache import SITE_GENERATION_KEY, path_generation_key
from catalog.models import QualityVariant
from comments import services as comment_services
from comments.models import Comment
from images import services as image_services
from reviews import services
from tests.caching.helpers import served, warm
from tests.comments.factories import CommentFactory
from tests.images.factories import ImageFactory
from tests.reviews.factories import AuthorProfileFactory, ReviewFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return staff_user("Editors")


@pytest.fixture
def moderator():
    return staff_user("Moderators")


def cached(client, *urls):
    """Warm each page and check the next GET is a hit, so a later miss proves invalidation."""
    for url in urls:
        warm(client, url)
        assert served(client, url)[0] == "hit"


def test_publishing_a_review_shows_it_on_the_cached_home_page(client, review, editor):
    draft = ReviewFactory(draft=True, headline="A brand new review")
    cached(client, "/")

    services.publish_review(review=draft, by=editor)

    state, html = served(client, "/")
    assert state == "miss"
    assert "A brand new review" in html


def test_unpublishing_a_review_takes_it_off_cached_pages(client, review, editor):
    cached(client, "/", review.get_absolute_url())

    services.unpublish_review(review=review, by=editor)

    assert "Metallic Rouge reviewed" not in served(client, "/")[1]
    assert client.get(review.get_absolute_url()).status_code == 404


def test_changing_a_library_image_refreshes_the_cached_pages_of_reviews_using_it(
    client, review, editor
):
    image = ImageFactory(caption="Old caption")
    review.body = f"![Shot](image:{image.pk})"
    review.save()
    cached(client, review.get_absolute_url())

    image.caption = "New caption"
    image_services.save_image(image=image, by=editor, changed_fields=["caption"])

    state, html = served(client, review.get_absolute_url())
    assert state == "miss"
    assert "<figcaption>New caption</figcaption>" in html


def test_editing_a_review_refreshes_its_cached_page_and_the_lists(client, review):
    cached(client, "/", review.get_absolute_url())

    review.headline = "Metallic Rouge, revisited"
    services.save_review(review=review, by=review.author)

    assert "Metallic Rouge, revisited" in served(client, review.get_absolute_url())[1]
    assert "Metallic Rouge, revisited" in served(client, "/")[1]


def test_renaming_the_show_refreshes_the_cached_show_page(client, review):
    cached(client, review.title.get_absolute_url())

    review.title.name = "Metallic Rouge: Renamed"
    review.title.save()

    assert "Metallic Rouge: Renamed" in served(client, review.title.get_absolute_url())[1]


def test_renaming_a_season_refreshes_the_cached_review_page(client, review):
    cached(client, review.get_absolute_url())
    season = review.title.seasons.get()

    season.display_name = "The Final Season"
    season.save()

    assert "The Final Season" in served(client, review.get_absolute_url())[1]


def test_changing_a_quality_variant_refreshes_the_cached_review_page(client, review):
    cached(client, review.get_absolute_url())
    assert "2160p" not in served(client, review.get_absolute_url())[1]

    QualityVariant.objects.update(resolution=QualityVariant.Resolution.P2160)
    QualityVariant.objects.get().save()

    assert "2160p" in served(client, review.get_absolute_url())[1]


def test_approving_a_held_comment_shows_it_on_the_cached_page(client, review, moderator):
    held = CommentFactory(review=review, status=Comment.Status.PENDING, body="Finally approved.")
    cached(client, review.get_absolute_url())

    comment_services.moderate_comments(
        comments=[held], to_status=Comment.Status.APPROVED, by=moderator
    )

    assert "Finally approved." in served(client, review.get_absolute_url())[1]


def test_removing_a_comment_takes_it_off_the_cached_page(client, review, moderator):
    shown = CommentFactory(review=review, body="Soon removed.")
    cached(client, review.get_absolute_url())

    comment_services.moderate_comments(
        comments=[shown], to_status=Comment.Status.REMOVED, by=moderator
    )

    assert "Soon removed." not in served(client, review.get_absolute_url())[1]


def test_a_rating_refreshes_the_cached_review_page_only(client, review):
    cached(client, review.get_absolute_url(), "/")

    client.post(f"{review.get_absolute_url()}rate/", {"score": "9"})

    client.cookies.clear()  # another reader, with no vote of their own
    state, html = served(client, review.get_absolute_url())
    assert (state, "9.0 / 10 from 1 reader" in html) == ("miss", True)
    assert served(client, "/")[0] == "hit"


def test_a_comment_held_for_moderation_leaves_the_cached_pages_alone(client, review):
    cached(client, review.get_absolute_url())
    generation = cache.get(SITE_GENERATION_KEY)

    CommentFactory(review=review, status=Comment.Status.PENDING)

    assert cache.get(SITE_GENERATION_KEY) == generation
    assert served(client, review.get_absolute_url())[0] == "hit"


# Several app servers: pages and generations live only in the shared cache.


def test_a_change_replaces_the_generation_in_the_shared_cache(client, review):
    cached(client, "/")
    before = cache.get(SITE_GENERATION_KEY)

    review.excerpt = "Changed on another app server."
    services.save_review(review=review, by=review.author)

    assert cache.get(SITE_GENERATION_KEY) not in (None, before)


def test_another_server_with_no_memory_of_its_own_serves_the_fresh_page(client, review):
    cached(client, "/")
    review.headline = "Seen from the second server"
    services.save_review(review=review, by=review.author)

    # A second server: a new handler and middleware, only the shared cache in common.
    state, html = served(Client(), "/")

    assert state == "miss"
    assert "Seen from the second server" in html


def test_the_generation_changes_again_when_the_change_commits(
    review, django_capture_on_commit_callbacks
):
    """A page rendered from the old rows while the change was uncommitted is retired too."""
    with django_capture_on_commit_callbacks(execute=True):
        review.excerpt = "Committed."
        services.save_review(review=review, by=review.author)
        inside = cache.get(SITE_GENERATION_KEY)

    assert cache.get(SITE_GENERATION_KEY) != inside


def test_a_lost_generation_starts_afresh_and_never_revives_old_pages(client, review):
    cached(client, "/")
    cache.delete(SITE_GENERATION_KEY)

    assert served(client, "/")[0] == "miss"


def test_a_rating_changes_only_its_pages_generation(client, review):
    site = cache.get(SITE_GENERATION_KEY)
    path_key = path_generation_key(review.get_absolute_url())
    cached(client, review.get_absolute_url())
    page = cache.get(path_key)

    client.post(f"{review.get_absolute_url()}rate/", {"score": "4"})

    assert cache.get(SITE_GENERATION_KEY) == site
    assert cache.get(path_key) != page


# Scheduled reviews appear on time however recently the page was cached.


def test_a_scheduled_review_appears_on_the_cached_home_page_at_its_time(
    client, review, monkeypatch
):
    publish_at = timezone.now() + timedelta(minutes=1)
    scheduled = ReviewFactory(draft=True, headline="Scheduled for later")
    services.publish_review(review=scheduled, by=staff_user("Editors"), publish_at=publish_at)
    cached(client, "/")
    assert "Scheduled for later" not in served(client, "/")[1]

    monkeypatch.setattr(timezone, "now", lambda: publish_at + timedelta(seconds=1))
    state, html = served(client, "/")

    assert state == "miss"
    assert "Scheduled for later" in html


def test_pages_are_kept_the_full_time_when_nothing_is_scheduled(client, review, monkeypatch):
    cached(client, "/")
    later = timezone.now() + timedelta(minutes=4)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert served(client, "/")[0] == "hit"


def test_pages_expire_after_page_cache_seconds(client, review, monkeypatch, settings):
    cached(client, "/")
    later = timezone.now() + timedelta(seconds=settings.PAGE_CACHE_SECONDS + 1)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert served(client, "/")[0] == "miss"


def test_approving_50_comments_in_bulk_retires_the_pages_once(
    client, review, moderator, monkeypatch, django_capture_on_commit_callbacks
):
    """Once when the batch is written and once when it commits, not twice per comment."""
    held = CommentFactory.create_batch(50, review=review, status=Comment.Status.PENDING)
    cached(client, review.get_absolute_url())
    bumps = []
    monkeypatch.setattr("animeblog.invalidation.bump_site_generation", lambda: bumps.append("site"))

    with django_capture_on_commit_callbacks(execute=True):
        comment_services.moderate_comments(
            comments=held, to_status=Comment.Status.APPROVED, by=moderator
        )

    assert bumps == ["site", "site"]


def test_author_page_and_archive_show_a_newly_published_review_at_once(client, editor):
    profile = AuthorProfileFactory(slug="kavya")
    ReviewFactory(author=profile.user)
    draft = ReviewFactory(draft=True, author=profile.user, headline="Her second review")
    cached(client, "/authors/kavya/", "/archive/")

    services.publish_review(review=draft, by=editor)

    local = timezone.localtime(draft.publish_at)
    for url in ("/authors/kavya/", f"/archive/{local.year}/{local.month}/"):
        state, html = served(client, url)
        assert state == "miss"
        assert "Her second review" in html
    assert "(2)" in served(client, "/archive/")[1]


def test_unpublishing_a_review_takes_it_off_the_cached_author_page_and_archive(
    client, review, editor
):
    AuthorProfileFactory(user=review.author, slug="kavya")
    ReviewFactory(author=review.author)
    local = timezone.localtime(review.publish_at)
    month = f"/archive/{local.year}/{local.month}/"
    cached(client, "/authors/kavya/", month)

    services.unpublish_review(review=review, by=editor)

    assert "Metallic Rouge reviewed" not in served(client, "/authors/kavya/")[1]
    assert "Metallic Rouge reviewed" not in served(client, month)[1]


def test_a_changed_review_headline_reaches_the_cached_archive(client, review, editor):
    local = timezone.localtime(review.publish_at)
    month = f"/archive/{local.year}/{local.month}/"
    cached(client, month)

    review.headline = "A sharper headline"
    services.save_review(review=review, by=editor)

    assert "A sharper headline" in served(client, month)[1]


def test_editing_an_author_profile_in_the_admin_updates_cached_bylines(client, review, editor):
    profile = AuthorProfileFactory(user=review.author, display_name="Kavya Raman", slug="kavya")
    cached(client, review.get_absolute_url(), "/authors/kavya/")

    profile.display_name = "Kavya R."
    profile.save()

    assert "Kavya R.</a>" in served(client, review.get_absolute_url())[1]
    assert "<h1>Kavya R.</h1>" in served(client, "/authors/kavya/")[1]
