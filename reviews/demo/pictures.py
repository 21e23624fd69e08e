"""Article images for the demo reviews, drawn with Pillow: simple scenes, not screenshots.

The demo needs pictures it may publish anywhere, so it draws its own (as the catalog
draws its posters) instead of shipping stills from the shows.
"""

import io

from PIL import ImageDraw

from catalog.demo.posters import gradient

# 16:9, wide enough for every article rendition (up to 1600 px).
SCENE_SIZE = (1600, 900)
HORIZON = 640


def draw_domes(sky: tuple[str, str], ground: str) -> bytes:
    """A city of glass domes and towers with lit windows on a plain, under a dusk sky."""
    image = gradient(SCENE_SIZE, *sky)
    draw = ImageDraw.Draw(image)
    width, height = SCENE_SIZE
    for index, x in enumerate(range(80, width, 190)):
        tower_height = 120 + (index * 73) % 260
        draw.rectangle((x, HORIZON - tower_height, x + 70, HORIZON), fill=(28, 30, 48))
        for window_y in range(HORIZON - tower_height + 20, HORIZON - 20, 36):
            draw.rectangle((x + 16, window_y, x + 30, window_y + 14), fill=(255, 214, 140))
            draw.rectangle((x + 42, window_y, x + 56, window_y + 14), fill=(255, 214, 140))
    for centre, radius in ((360, 260), (900, 340), (1370, 220)):
        draw.ellipse(
            (centre - radius, HORIZON - radius, centre + radius, HORIZON + radius),
            outline=(190, 230, 255),
            width=6,
        )
    # The ground last: it hides the lower half of each dome's circle.
    draw.rectangle((0, HORIZON, width, height), fill=ground)
    return _png(image)


def draw_planet_duel(sky: tuple[str, str], planet: str) -> bytes:
    """A red planet filling the sky over a ridge where a lone armoured figure stands."""
    image = gradient(SCENE_SIZE, *sky)
    draw = ImageDraw.Draw(image)
    width, height = SCENE_SIZE
    draw.ellipse((700, -260, 1500, 540), fill=planet)
    draw.ellipse((880, 60, 1040, 120), fill=(150, 40, 30))
    draw.ellipse((1120, 260, 1320, 330), fill=(150, 40, 30))
    draw.polygon(
        [(0, height), (0, 720), (520, 610), (900, 700), (width, 640), (width, height)],
        fill=(20, 16, 24),
    )
    # The figure: a helmet, a body and a red visor line.
    draw.ellipse((470, 470, 530, 530), fill=(60, 60, 72))
    draw.rectangle((462, 525, 538, 640), fill=(60, 60, 72))
    draw.line((478, 498, 522, 498), fill=(255, 60, 60), width=6)
    return _png(image)


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
