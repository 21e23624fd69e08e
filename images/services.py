"""Writes to the image library: adding an image and changing one, announced to its users."""

from django.db import transaction

from images.models import Image
from images.signals import image_changed

# What readers see of an image where it is placed.
SHOWN_FIELDS = ("file", "alt_text", "caption", "credit")


@transaction.atomic
def save_image(*, image: Image, by, changed_fields=()) -> Image:
    """Save a new or edited image; a change to what readers see is announced (image_changed).

    The uploader is recorded once, when the image is added.
    """
    adding = image._state.adding
    if adding:
        image.uploaded_by = by
    image.save()
    if not adding and set(changed_fields) & set(SHOWN_FIELDS):
        image_changed.send(sender=Image, image=image)
    return image
