"""What retires cached pages: every change readers could see, from any app, bumps a generation.

Listening to model signals here, in the project package, keeps the apps free of
cache code and catches every path that saves: services, the admin, data imports,
revision restores. A change bumps the generation at once and again when its
transaction commits: a reader who rendered the page from the old rows in between
stored it under a generation nobody asks for any more.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from animeblog.page_cache import bump_path_generation, bump_site_generation
from comments.models import Comment, CommentReport, DiscussionSettings, ModerationDecision
from reviews.models import Rating, Review, Transition

# Whole apps whose rows show on public pages; the listed models are records nobody reads there.
PUBLIC_APPS = ("catalog", "reviews", "comments", "taggit")
NOT_SHOWN = {Transition, CommentReport, ModerationDecision}
DISPATCH_PREFIX = "animeblog.page_cache"


def _now_and_on_commit(bump, *args) -> None:
    bump(*args)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: bump(*args))


def site_changed(sender, raw=False, **kwargs):
    _now_and_on_commit(bump_site_generation)


def comment_saved(sender, instance, created, raw=False, **kwargs):
    """A new comment held for moderation (or caught as spam) shows to no one but its author."""
    if created and instance.status != Comment.Status.APPROVED:
        return
    _now_and_on_commit(bump_site_generation)


def discussion_settings_saved(sender, instance, created, raw=False, **kwargs):
    """The row is created with the defaults already in force on first use, mid-page."""
    if not created:
        _now_and_on_commit(bump_site_generation)


def rating_changed(sender, instance, **kwargs):
    """A vote changes only its review's page (the rating box and its structured data)."""
    try:
        path = instance.review.get_absolute_url()
    except Review.DoesNotExist:  # deleted along with its review, which retires every page
        return
    _now_and_on_commit(bump_path_generation, path)


def user_saved(sender, instance, update_fields=None, **kwargs):
    """Authors' names show on reviews; a sign-in (last_login only) changes nothing public."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    _now_and_on_commit(bump_site_generation)


def relation_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and instance._meta.app_label in PUBLIC_APPS:
        _now_and_on_commit(bump_site_generation)


def connect() -> None:
    """Connect the receivers (from AppConfig.ready); dispatch uids make it idempotent."""
    special = {
        Comment: comment_saved,
        DiscussionSettings: discussion_settings_saved,
        Rating: rating_changed,
    }
    for label in PUBLIC_APPS:
        for model in apps.get_app_config(label).get_models():
            if model in NOT_SHOWN:
                continue
            on_save = special.get(model, site_changed)
            on_delete = rating_changed if model is Rating else site_changed
            uid = f"{DISPATCH_PREFIX}.{model._meta.label}"
            post_save.connect(on_save, sender=model, dispatch_uid=uid, weak=False)
            post_delete.connect(on_delete, sender=model, dispatch_uid=uid, weak=False)
    user_uid = f"{DISPATCH_PREFIX}.user"
    post_save.connect(user_saved, sender=get_user_model(), dispatch_uid=user_uid, weak=False)
    m2m_changed.connect(relation_changed, dispatch_uid=f"{DISPATCH_PREFIX}.m2m", weak=False)
