"""factory_boy factory for library images: a real small PNG, sanitised like any upload."""

import factory
from django.core.files.base import ContentFile

from images.models import Image
from tests.catalog.images import image_bytes


class ImageFactory(factory.django.DjangoModelFactory):
    """A 900 × 600 library image (one 480 and one 800 px rendition) unless given a file."""

    class Meta:
        model = Image

    file = factory.LazyFunction(lambda: ContentFile(image_bytes(900, 600), name="screenshot.png"))
    alt_text = factory.Sequence(lambda n: f"Rouge on a Martian rooftop, shot {n}")
    caption = ""
