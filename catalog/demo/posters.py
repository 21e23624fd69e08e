"""Poster images for demo shows, drawn with Pillow: a vertical gradient and the title."""

import io
import textwrap

from PIL import Image, ImageColor, ImageDraw, ImageFont

# 2:3, the usual poster ratio; wide enough for every rendition (up to 640 px).
POSTER_SIZE = (800, 1200)
TITLE_FONT_SIZE = 84
SUBTITLE_FONT_SIZE = 42
MARGIN = 64


def gradient(size: tuple[int, int], top: str, bottom: str) -> Image.Image:
    """A top-to-bottom blend of two colours, built from one column stretched sideways."""
    width, height = size
    top_rgb, bottom_rgb = ImageColor.getrgb(top), ImageColor.getrgb(bottom)
    column = Image.new("RGB", (1, height))
    for y in range(height):
        share = y / (height - 1)
        column.putpixel(
            (0, y),
            tuple(round(a + (b - a) * share) for a, b in zip(top_rgb, bottom_rgb, strict=True)),
        )
    return column.resize((width, height))


def _shadowed_text(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, font) -> None:
    """White text over a dark offset copy, readable on light and dark gradients alike."""
    x, y = xy
    draw.text((x + 3, y + 3), text, font=font, fill=(0, 0, 0))
    draw.text((x, y), text, font=font, fill=(255, 255, 255))


def draw_poster(title: str, subtitle: str, colours: tuple[str, str]) -> bytes:
    """Return a PNG poster with the title wrapped near the bottom, the way real key art places it.

    Pillow's bundled font is used so the demo draws the same on any machine, fonts
    installed or not.
    """
    image = gradient(POSTER_SIZE, *colours)
    draw = ImageDraw.Draw(image)
    title_font = ImageFont.load_default(size=TITLE_FONT_SIZE)
    subtitle_font = ImageFont.load_default(size=SUBTITLE_FONT_SIZE)

    lines = textwrap.wrap(title, width=14)
    line_height = TITLE_FONT_SIZE + 12
    y = POSTER_SIZE[1] - MARGIN - SUBTITLE_FONT_SIZE - 24 - line_height * len(lines)
    for line in lines:
        _shadowed_text(draw, (MARGIN, y), line, title_font)
        y += line_height
    _shadowed_text(draw, (MARGIN, y + 24), subtitle, subtitle_font)

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
