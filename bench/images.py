"""`python -m bench.images`: the worker time of the heaviest uploads images/fields.py accepts.

An upload is decoded, re-encoded and resized inside the request, so the pixel limit
bounds how long one editor's upload holds a worker. This times `sanitize_image` on
images of exactly MAX_PIXELS (square, flat colour so they stay small files) in each
accepted format and mode, best of BENCH_IMAGE_ROUNDS (default 3), with the renditions
of posters and covers and with those of library images (wider, so dearer), and one
just over the limit, which must be refused before decoding.
"""

import contextlib
import io
import math
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "animeblog.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image  # noqa: E402

from images.fields import MAX_PIXELS, RENDITION_WIDTHS, sanitize_image  # noqa: E402
from images.models import ARTICLE_RENDITION_WIDTHS  # noqa: E402

CASES = [("RGB", "JPEG"), ("RGB", "PNG"), ("RGBA", "PNG"), ("RGB", "WEBP"), ("RGBA", "WEBP")]
ROUNDS = int(os.environ.get("BENCH_IMAGE_ROUNDS", "3"))


def image_file(side: int, mode: str, image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (side, side), (200, 40, 90, 128)[: len(mode)]).save(buffer, image_format)
    return buffer.getvalue()


def seconds_to_sanitize(data: bytes, name: str, widths=RENDITION_WIDTHS) -> float:
    best = math.inf
    for _ in range(ROUNDS):
        started = time.perf_counter()
        with contextlib.suppress(ValidationError):
            sanitize_image(SimpleUploadedFile(name, data), rendition_widths=widths)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    side = math.isqrt(MAX_PIXELS)
    print(
        f"| image ({side} × {side} = {side * side / 1e6:.1f} MP) | file "
        "| seconds (poster, cover) | seconds (library image) |"
    )
    print("| --- | --- | --- | --- |")
    for mode, image_format in CASES:
        data = image_file(side, mode, image_format)
        name = f"worst.{image_format.lower()}"
        poster = seconds_to_sanitize(data, name)
        article = seconds_to_sanitize(data, name, ARTICLE_RENDITION_WIDTHS)
        print(f"| {mode} {image_format} | {len(data) // 1024} kB | {poster:.2f} | {article:.2f} |")
    over = image_file(side + 1, "RGBA", "PNG")
    seconds = seconds_to_sanitize(over, "over.png")
    print(
        f"| {side + 1} × {side + 1} RGBA PNG (refused) | {len(over) // 1024} kB "
        f"| {seconds:.3f} | {seconds:.3f} |"
    )
    print(f"\nload average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
