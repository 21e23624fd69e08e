"""Library images, and the abstract record of one place that uses an image."""

from django.conf import settings
from django.db import models

from images.fields import SafeImageField

# An article column, then the same at 1.5× and 2× for retina screens, and a wide layout's.
ARTICLE_RENDITION_WIDTHS = (480, 800, 1200, 1600)


class Image(models.Model):
    """A picture editors upload once and place in articles by its id (``image:42``)."""

    file = SafeImageField(
        upload_to="images/",
        width_field="width",
        height_field="height",
        rendition_widths=ARTICLE_RENDITION_WIDTHS,
        help_text="JPEG, PNG or WebP, at most 10 MB and 16 megapixels.",
    )
    alt_text = models.CharField(
        max_length=300,
        help_text="What the picture shows, for readers who cannot see it. Required.",
    )
    caption = models.CharField(
        max_length=500, blank=True, help_text="Shown under the image unless the article gives one."
    )
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who made the picture, shown after the caption."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["-uploaded_at", "-id"], name="image_newest_first")]

    def __str__(self):
        return f"#{self.pk} {self.alt_text}"

    @property
    def markdown(self) -> str:
        """What an editor types to place the image in an article."""
        alt = self.alt_text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        return f"![{alt}](image:{self.pk})"

    @property
    def thumbnail_url(self) -> str:
        """The narrowest rendition, else the image itself when it is narrower than all of them."""
        renditions = self.file.rendition_urls
        return renditions[0][1] if renditions else self.file.url


class ImageUse(models.Model):
    """One place that uses a library image; such a use keeps the image from being deleted.

    An app that places images subclasses this with a foreign key to its own row and
    names that key in ``used_in_field``; the library lists the uses without importing
    the app (``image_use_relations`` finds the subclasses among the relations of Image).
    """

    image = models.ForeignKey(
        Image, on_delete=models.PROTECT, related_name="%(app_label)s_%(class)s_uses"
    )
    used_in_field: str

    class Meta:
        abstract = True

    @property
    def used_in(self) -> models.Model:
        return getattr(self, self.used_in_field)


def image_use_relations() -> list:
    """The reverse relations of Image whose rows are ImageUse subclasses, one per using model."""
    return [
        relation
        for relation in Image._meta.related_objects
        if issubclass(relation.related_model, ImageUse)
    ]
