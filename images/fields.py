"""Safe uploaded images: checked by content, re-encoded, stripped, with WebP renditions.

`SafeImageField` is the model field for any editor-uploaded picture (posters in
`catalog`, review covers in `reviews`, the library's article images here).
Whatever reaches it, through a form or through `FieldFile.save()`, is opened by
Pillow restricted to JPEG, PNG and WebP, refused when too heavy or too many
pixels (before any pixel is decoded), then decoded and written anew, so metadata
and anything smuggled after the image data never reach media. Smaller WebP
renditions, at the widths the field names, are written once, next to the image,
through the field's storage; templates read `field.url`, `.width`, `.height` and
`.srcset` without touching storage.
"""

import io
import posixpath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_delete
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 10 * 1024 * 1024
# Decoding, re-encoding and resizing happen in the request, costing time in proportion to
# the pixels: the worst image allowed (4000 × 4000 RGBA WebP, the slowest format) takes
# about 2 s of a worker on a loaded 2-core machine as a poster, 2.5 s as a library image,
# whose renditions are wider (bench/images.py); 40 megapixels took over 6 s, and 12 s for
# some PNGs. A poster, cover or article picture needs far fewer.
MAX_PIXELS = 16_000_000
# Poster and cover widths: a card and a retina card.
RENDITION_WIDTHS = (320, 640)
CONTENT_TYPES = "image/jpeg,image/png,image/webp"
PIXEL_INFO = ("icc_profile", "transparency")

NOT_AN_IMAGE = "Upload a JPEG, PNG or WebP image; this file’s content is none of those."
TOO_MANY_PIXELS = (
    f"This image has too many pixels: at most {MAX_PIXELS // 1_000_000} megapixels are allowed "
    "(such as 3200 × 5000). Scale it down and upload it again."
)
UNREADABLE = "This image could not be read; it may be damaged or incomplete."


class SanitizedImage(ContentFile):
    """A re-encoded image ready to store, with its dimensions and rendition bytes.

    `rendition_widths` are the widths asked for; `renditions` holds those narrower
    than the image.
    """

    def __init__(self, content: bytes, name: str, width: int, height: int, renditions, widths):
        super().__init__(content, name=name)
        self.width = width
        self.height = height
        self.renditions: dict[int, bytes] = renditions
        self.rendition_widths: tuple[int, ...] = tuple(widths)


def sanitize_image(
    upload, name: str | None = None, rendition_widths: tuple[int, ...] = RENDITION_WIDTHS
) -> SanitizedImage:
    """Check an uploaded file and re-encode it; raise ValidationError when it is refused.

    Size and pixel count are checked from the file size and the image header, so
    a decompression bomb is refused before Pillow allocates its pixels.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(
            "This file is %(size)s; images may be at most %(limit)s.",
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
        )
    upload.seek(0)
    try:
        image = Image.open(upload, formats=list(FORMATS))
    except Image.DecompressionBombError as error:
        raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    if image.width * image.height > MAX_PIXELS:
        raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels")
    image_format = image.format
    try:
        image.load()
        # Turn the picture the way EXIF says before the EXIF is dropped.
        image = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(UNREADABLE, code="unreadable") from error
    # Encoders copy some of `info` (a JPEG comment, for one): keep only what
    # describes the pixels themselves.
    image.info = {key: image.info[key] for key in PIXEL_INFO if key in image.info}
    stem = posixpath.splitext(posixpath.basename(name or upload.name or ""))[0] or "image"
    return SanitizedImage(
        encode(image, image_format),
        name=f"{stem}.{FORMATS[image_format]}",
        width=image.width,
        height=image.height,
        renditions=renditions(image, rendition_widths),
        widths=rendition_widths,
    )


def encode(image: Image.Image, image_format: str) -> bytes:
    """Write the pixels alone; no EXIF, XMP or text chunks are passed on.

    The ICC profile is kept: it is colour data, not metadata about the author,
    and dropping it would shift colours.
    """
    if image_format == "JPEG" and image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    options = {"icc_profile": image.info.get("icc_profile")}
    if image_format == "JPEG":
        options.update(quality=88, optimize=True)
    elif image_format == "WEBP":
        options.update(quality=82, method=4)
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def renditions(image: Image.Image, widths: tuple[int, ...]) -> dict[int, bytes]:
    """The WebP renditions narrower than the image, each resized from the next wider one,
    so the full-size pixels are resized only once."""
    found = {}
    for width in sorted((width for width in widths if width < image.width), reverse=True):
        image = resized(image, width)
        found[width] = encode(image, "WEBP")
    return found


def resized(image: Image.Image, width: int) -> Image.Image:
    """``image`` at ``width``: a cheap box reduction, then Lanczos (it looks the same)."""
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    image = image.convert("RGBA" if has_alpha else "RGB")
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.LANCZOS, reducing_gap=3.0)


def rendition_name(name: str, width: int) -> str:
    """Where the rendition of a stored image lives: a sibling `renditions/` folder.

    The original's extension is part of the name so `a.png` and `a.jpg` never
    share renditions.
    """
    folder, basename = posixpath.split(name)
    stem, extension = posixpath.splitext(basename)
    return posixpath.join(folder, "renditions", f"{stem}-{extension.lstrip('.')}-{width}w.webp")


def delete_renditions(storage, name: str, widths: tuple[int, ...]) -> None:
    """Remove every rendition a stored image named `name` may have; missing ones are fine."""
    for width in widths:
        storage.delete(rendition_name(name, width))


class SafeImageFieldFile(ImageFieldFile):
    """A stored image that knows its dimensions and renditions without opening storage."""

    def save(self, name, content, save=True):
        widths = self.field.rendition_widths
        if not isinstance(content, SanitizedImage) or content.rendition_widths != tuple(widths):
            content = sanitize_image(content, name, widths)
        # Dimensions first: the base class re-reads them when it records the new name.
        setattr(self.instance, self.field.width_field, content.width)
        setattr(self.instance, self.field.height_field, content.height)
        super().save(content.name, content, save=save)
        delete_renditions(self.storage, self.name, widths)
        for width, data in content.renditions.items():
            self.storage.save(rendition_name(self.name, width), ContentFile(data))

    @property
    def width(self):
        return self._dimensions()[0]

    @property
    def height(self):
        return self._dimensions()[1]

    def _dimensions(self):
        if isinstance(getattr(self, "_file", None), SanitizedImage):
            return self._file.width, self._file.height
        stored = (
            getattr(self.instance, self.field.width_field),
            getattr(self.instance, self.field.height_field),
        )
        if self._committed and None not in stored:
            return stored
        return self._get_image_dimensions()

    @property
    def rendition_urls(self) -> list[tuple[int, str]]:
        """(width, url) of each rendition, narrowest first; none is wider than the image."""
        return [
            (width, self.storage.url(rendition_name(self.name, width)))
            for width in self.field.rendition_widths
            if width < self.width
        ]

    @property
    def srcset(self) -> str:
        """The `srcset` attribute value: the renditions, then the image itself."""
        candidates = [*self.rendition_urls, (self.width, self.url)]
        return ", ".join(f"{url} {width}w" for width, url in candidates)


class SafeImageFormField(forms.FileField):
    """Accepts only what `sanitize_image` accepts, with a message saying why not."""

    def __init__(self, *args, rendition_widths: tuple[int, ...] = RENDITION_WIDTHS, **kwargs):
        super().__init__(*args, **kwargs)
        self.rendition_widths = rendition_widths

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return sanitize_image(upload, rendition_widths=self.rendition_widths)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            attrs.setdefault("accept", CONTENT_TYPES)
        return attrs


class SafeImageField(models.ImageField):
    """An ImageField whose every file is sanitised, measured and given renditions.

    `width_field` and `height_field` are required: templates get the dimensions
    from the row instead of opening the file. `rendition_widths` are the WebP
    renditions written beside each image (those narrower than it). A replaced, cleared or deleted
    image is removed from storage with its renditions once the change commits.
    """

    attr_class = SafeImageFieldFile

    def __init__(
        self,
        *args,
        width_field=None,
        height_field=None,
        rendition_widths: tuple[int, ...] = RENDITION_WIDTHS,
        **kwargs,
    ):
        if not (width_field and height_field):
            raise TypeError("SafeImageField needs width_field and height_field.")
        self.rendition_widths = tuple(rendition_widths)
        super().__init__(*args, width_field=width_field, height_field=height_field, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.rendition_widths != RENDITION_WIDTHS:
            kwargs["rendition_widths"] = self.rendition_widths
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            post_delete.connect(self._delete_files_of_deleted_row, sender=cls, weak=False)

    def formfield(self, **kwargs):
        return super().formfield(
            **{
                "form_class": SafeImageFormField,
                "rendition_widths": self.rendition_widths,
                **kwargs,
            }
        )

    def pre_save(self, model_instance, add):
        if not add and model_instance.pk is not None:
            stored = (
                type(model_instance)
                ._base_manager.filter(pk=model_instance.pk)
                .values_list(self.attname, flat=True)
                .first()
            )
            current = getattr(model_instance, self.attname).name or ""
            if stored and stored != current:
                self._delete_on_commit(type(model_instance), stored)
        return super().pre_save(model_instance, add)

    def _delete_files_of_deleted_row(self, sender, instance, **kwargs):
        name = getattr(instance, self.attname).name
        if name:
            self._delete_on_commit(sender, name)

    def _delete_on_commit(self, model, name):
        """Remove a file no row points at any more, after the database agrees."""

        def delete():
            if model._base_manager.filter(**{self.attname: name}).exists():
                return
            self.storage.delete(name)
            delete_renditions(self.storage, name, self.rendition_widths)

        transaction.on_commit(delete)
