"""Draws the portal's PNG icons from img/favicon.svg's design, with Pillow.

The SVG: a 32 × 32 square with corners of radius 6 in #0b5cad, and "AP" in white, bold
Arial 16 px, centred, its baseline at 22 px. Here in Liberation Sans Bold (Arial's
metrics; DejaVu Sans Bold where it is missing), drawn 4 × larger and scaled down so that
edges are smooth. `manage.py draw_icons` writes them; the PNGs are committed, so a
server never needs the fonts.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BLUE = (0x0B, 0x5C, 0xAD, 255)
WHITE = (255, 255, 255, 255)
FONTS = (
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)
SUPERSAMPLING = 4
# The SVG's proportions, of its 32 px.
CORNER_RADIUS = 6 / 32
FONT_SIZE = 16 / 32
BASELINE = 22 / 32
# The letters lie inside the central circle of 80 % that a launcher's mask always shows
# (their farthest corner 196 px from the centre of 512, the circle's radius 205): the
# "square" icon is also a maskable one.


def font_path():
    for path in FONTS:
        if Path(path).exists():
            return path
    raise FileNotFoundError(
        "No bold sans-serif font: install fonts-liberation (or fonts-dejavu-core)."
    )


def draw_icon(size, shape):
    """An RGBA image of size × size. shape "round": the SVG's rounded square on a
    transparent ground; "square": the blue to the edges, no transparency."""
    big = size * SUPERSAMPLING
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if shape == "round":
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * CORNER_RADIUS, fill=BLUE)
    elif shape == "square":
        draw.rectangle((0, 0, big - 1, big - 1), fill=BLUE)
    else:
        raise ValueError(f"Unknown icon shape {shape!r}.")
    font = ImageFont.truetype(font_path(), round(big * FONT_SIZE))
    draw.text((big / 2, big * BASELINE), "AP", font=font, fill=WHITE, anchor="ms")
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    if shape == "square":
        image = image.convert("RGB")
    return image


def write_icon(path, size, shape):
    image = draw_icon(size, shape)
    image.save(path, format="PNG", optimize=True)
    return image
