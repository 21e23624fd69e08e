"""Keep stored review headlines in step with the catalog, rendered bodies in step with the
image library and "Also Check" picks in step with what ranks them, and announce restored
reviews.

Reviews depend on the catalog and the library, not the other way round, so reviews
listens to the catalog's model signals and the library's image_changed instead of
those apps calling into reviews.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from catalog.models import Language, QualityVariant, Season, Title, TitleRelation
from images.signals import image_changed
from reviews.markdown import render_markdown
from reviews.models import Review
from reviews.related import retire_all_picks
from reviews.signals import (
    review_changed,
    review_published,
    review_restored,
    review_unpublished,
)


def refresh_display_headlines(reviews) -> None:
    """Recompose the headline of each review without an override, writing only changes.

    ``update()`` instead of ``save()``: nobody edited these reviews, so no
    revision, version bump or re-render is wanted. Oldest first, so when two reviews
    come to compose the same headline, the older one keeps it and the newer one is told
    apart (reviews/headlines.py), as when they were saved.
    """
    for review in reviews.filter(headline="").select_related("title", "season").order_by("pk"):
        composed = review.compose_display_headline()
        if composed != review.display_headline:
            Review.objects.filter(pk=review.pk).update(display_headline=composed)


@receiver(post_save, sender=Title)
def title_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_display_headlines(Review.objects.filter(title=instance.pk))


@receiver(post_save, sender=Season)
@receiver(post_delete, sender=Season)
def season_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_display_headlines(Review.objects.filter(title=instance.title_id))


@receiver(post_save, sender=QualityVariant)
@receiver(post_delete, sender=QualityVariant)
def variant_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_display_headlines(Review.objects.filter(title__seasons=instance.season_id))


@receiver(m2m_changed, sender=QualityVariant.audio_languages.through)
def variant_languages_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:
        reviews = Review.objects.filter(title__seasons__variants__audio_languages=instance.pk)
    else:
        reviews = Review.objects.filter(title__seasons=instance.season_id)
    refresh_display_headlines(reviews.distinct())


@receiver(post_save, sender=Language)
def language_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_display_headlines(
            Review.objects.filter(title__seasons__variants__audio_languages=instance.pk).distinct()
        )


@receiver(post_save, sender=Review)
def review_saved_raw(sender, instance, raw=False, **kwargs):
    """A raw save (a restored revision, loaddata) bypasses the services: announce it here.

    It writes the row as it was stored, counters included, so the apps keeping those
    counters recount, and the page cache retires the review's pages.
    """
    if raw:
        review_restored.send(sender=Review, review=instance)


@receiver(image_changed)
def rerender_reviews_placing(sender, image, **kwargs):
    """Render anew the bodies that show a changed image (its alt text, caption or file).

    ``update()`` instead of ``save()``: the article's text did not change, so no
    revision or version bump is wanted (an editor's open form stays current).
    """
    for review in Review.objects.filter(image_uses__image=image).only("pk", "body"):
        body_html, toc = render_markdown(review.body)
        Review.objects.filter(pk=review.pk).update(body_html=body_html, toc=toc)


@receiver(review_published)
@receiver(review_unpublished)
@receiver(review_changed)
@receiver(review_restored)
@receiver(post_save, sender=TitleRelation)
@receiver(post_delete, sender=TitleRelation)
def forget_picks(sender, **kwargs):
    """A review came or went, or a show's franchise changed: every review ranks anew."""
    retire_all_picks()


@receiver(m2m_changed, sender=Title.genres.through)
@receiver(m2m_changed, sender=Review.tags.through)
def forget_picks_on_shared_terms(sender, action, **kwargs):
    if action.startswith("post_"):
        retire_all_picks()
