"""What retires cached pages: every change readers could see bumps a generation.

The apps with write services announce their changes as domain signals (reviews,
comments, ratings and images: `<app>/signals.py`), and the page cache listens to those, once
per change however many rows it touched. The catalog, static pages, tags, user names,
author profiles and the Discussion settings have no services (editors change them in
the admin), so for
them the model signals are the events. Listening here, in the project package,
keeps the apps free of cache code.

A change bumps the generation at once and again when its transaction commits: a
reader who rendered the page from the old rows in between stored it under a
generation nobody asks for any more.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse

from animeblog.page_cache import bump_path_generation, bump_site_generation
from comments.models import DiscussionSettings
from comments.signals import approved_comments_changed
from core.generations import now_and_on_commit
from images.signals import image_changed
from ratings.signals import rating_changed
from reviews.models import AuthorProfile, Review
from reviews.signals import (
    review_changed,
    review_published,
    review_restored,
    review_unpublished,
)

# Apps whose rows show on public pages and that change without a service of their own.
MODEL_SIGNAL_APPS = ("catalog", "pages", "taggit")
# Models of other apps that show on public pages and that editors change in the admin.
MODEL_SIGNAL_MODELS = (AuthorProfile,)
# Apps whose many-to-many relations show on public pages (genres, tags, languages).
PUBLIC_RELATION_APPS = ("catalog", "reviews", "taggit")
DISPATCH_PREFIX = "animeblog.page_cache"


def site_changed(sender, **kwargs):
    now_and_on_commit(bump_site_generation)


def ratings_changed(sender, review_ids, **kwargs):
    """Votes change only their reviews' pages (the rating box and its structured data) and
    their shows' pages (whose structured data sums the reviews' ratings)."""
    rated = Review.objects.filter(pk__in=review_ids).values_list("slug", "title__slug")
    for slug, title_slug in rated:
        now_and_on_commit(bump_path_generation, reverse("reviews:detail", kwargs={"slug": slug}))
        now_and_on_commit(
            bump_path_generation, reverse("catalog:title", kwargs={"slug": title_slug})
        )


def discussion_settings_saved(sender, instance, created, raw=False, **kwargs):
    """The row is created with the defaults already in force on first use, mid-page."""
    if not created:
        now_and_on_commit(bump_site_generation)


def user_saved(sender, instance, update_fields=None, **kwargs):
    """Authors' names show on reviews; a sign-in (last_login only) changes nothing public."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    now_and_on_commit(bump_site_generation)


def relation_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and instance._meta.app_label in PUBLIC_RELATION_APPS:
        now_and_on_commit(bump_site_generation)


def connect() -> None:
    """Connect the receivers (from AppConfig.ready); dispatch uids make it idempotent."""
    review_signals = (review_published, review_unpublished, review_changed, review_restored)
    for signal in (*review_signals, approved_comments_changed, image_changed):
        signal.connect(site_changed, dispatch_uid=f"{DISPATCH_PREFIX}.site", weak=False)
    rating_changed.connect(ratings_changed, dispatch_uid=f"{DISPATCH_PREFIX}.path", weak=False)
    app_models = [m for label in MODEL_SIGNAL_APPS for m in apps.get_app_config(label).get_models()]
    for model in (*app_models, *MODEL_SIGNAL_MODELS):
        uid = f"{DISPATCH_PREFIX}.{model._meta.label}"
        post_save.connect(site_changed, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(site_changed, sender=model, dispatch_uid=uid, weak=False)
    settings_uid = f"{DISPATCH_PREFIX}.{DiscussionSettings._meta.label}"
    post_save.connect(
        discussion_settings_saved, sender=DiscussionSettings, dispatch_uid=settings_uid, weak=False
    )
    user_uid = f"{DISPATCH_PREFIX}.user"
    post_save.connect(user_saved, sender=get_user_model(), dispatch_uid=user_uid, weak=False)
    m2m_changed.connect(relation_changed, dispatch_uid=f"{DISPATCH_PREFIX}.m2m", weak=False)
