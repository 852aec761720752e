"""Sharing images: what a link to a statement or an alliance shows in social networks and
messengers (Open Graph `og:image`, Twitter cards): a 1200 × 630 PNG, drawn with Pillow.

A band in the alliance's brand colour carries its logo (on a white tile) and a line
of white text; below come a small heading, the title (the statement's headline or the
alliance's name), for an alliance its summary, and at the foot the portal's name.
Text is wrapped and made smaller until it fits; a word too long for a line (German
compounds) is broken with a hyphen, and what still does not fit ends in "…".

Everything is drawn at twice the size and scaled down, for smooth edges. The font is
the portal's own, Inter (static/fonts/inter): its Latin subset, and the Latin Extended
one for characters the first lacks.

`cached_png` keeps each image under its content's version (the views name what the
image shows: the item, its language, its last change, the brand colour), so it is
drawn once per version, not per request.
"""

import functools
import hashlib
import io
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.core.exceptions import ValidationError
from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from ..publishing.cache_outage import guarded
from .branding import DEFAULT_BRAND_COLOUR, normalise_colour

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
PORTAL_NAME = "Alliance Portal"
# Change when the drawing changes: images made before are then made anew.
DRAWING_VERSION = 1
CACHE_SECONDS = 30 * 24 * 60 * 60

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts" / "inter"
FONT_FILES = ("inter-latin-wght-normal.woff2", "inter-latin-ext-wght-normal.woff2")
BOLD, SEMIBOLD, REGULAR = 700, 600, 400

WHITE = (255, 255, 255)
INK = (29, 35, 48)  # site.css --ink
MUTED = (74, 82, 99)  # site.css --muted
SCALE = 2  # drawn at twice the size, then scaled down

MARGIN = 64
BAND_HEIGHT = 196
TILE = 148  # the logo's white tile in the band
ELLIPSIS = "…"


@dataclass
class ShareCard:
    """What a sharing image shows."""

    title: str
    band_text: str
    colour: str = DEFAULT_BRAND_COLOUR
    heading: str = ""
    summary: str = ""
    logo: bytes | None = None


# --- Fonts --------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def fonts(size, weight):
    """Inter at `size` pixels and `weight`: the Latin font, then the Latin Extended one."""
    loaded = []
    for name in FONT_FILES:
        font = ImageFont.truetype(str(FONT_DIR / name), size)
        font.set_variation_by_axes([weight])
        loaded.append(font)
    return tuple(loaded)


@functools.lru_cache(maxsize=4096)
def _has_glyph(font, char):
    """Whether `font` draws `char` itself rather than its "missing glyph" box."""
    missing = font.getmask("\ue000")  # a private-use character: no font of ours has it
    mask = font.getmask(char)
    return mask.size != missing.size or bytes(mask) != bytes(missing)


def runs(text, size, weight):
    """`text` cut into (text, font) runs, each character in the first font that has it."""
    choices = fonts(size, weight)
    result = []
    for char in text:
        font = next((f for f in choices if _has_glyph(f, char)), choices[0])
        if result and result[-1][1] is font:
            result[-1][0] += char
        else:
            result.append([char, font])
    return [(run, font) for run, font in result]


def measure(text, size, weight):
    return sum(font.getlength(run) for run, font in runs(text, size, weight))


# --- Wrapping -----------------------------------------------------------------


def _pieces(word):
    """Where a word may break without adding a hyphen: after its own hyphens and slashes."""
    pieces, current = [], ""
    for char in word:
        current += char
        if char in "-/\u2010\u2013" and len(current) > 1:
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _break_long(piece, size, weight, width):
    """A piece wider than a line, cut into lines that end in a hyphen."""
    lines = []
    while measure(piece, size, weight) > width and len(piece) > 1:
        cut = len(piece) - 1
        while cut > 1 and measure(piece[:cut] + "-", size, weight) > width:
            cut -= 1
        lines.append(piece[:cut] + "-")
        piece = piece[cut:]
    return lines, piece


def wrap(text, size, weight, width):
    """The lines of `text` at this size within `width` pixels."""
    lines, line = [], ""
    for word in text.split():
        for index, piece in enumerate(_pieces(word)):
            joined = (f"{line} {piece}" if index == 0 else line + piece) if line else piece
            if measure(joined, size, weight) <= width:
                line = joined
                continue
            if line:
                lines.append(line)
            broken, piece = _break_long(piece, size, weight, width)
            lines.extend(broken)
            line = piece
    if line:
        lines.append(line)
    return lines


def shorten(line, size, weight, width):
    """`line` cut to end in "…" within `width`."""
    while line and measure(line + ELLIPSIS, size, weight) > width:
        line = line[:-1]
    return line.rstrip(" -") + ELLIPSIS


def fit(text, *, sizes, weight, width, max_lines):
    """(size, lines): the largest of `sizes` at which `text` takes at most `max_lines`
    lines; at the smallest, the lines that fit, the last one shortened with "…"."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    for size in sizes:
        lines = wrap(text, size, weight, width)
        if len(lines) <= max_lines:
            return size, lines
    if max_lines <= 0:
        return size, []
    kept = lines[:max_lines]
    kept[-1] = shorten(kept[-1], size, weight, width)
    return size, kept


# --- Drawing ------------------------------------------------------------------


def _rgb(colour):
    try:
        colour = normalise_colour(colour)
    except ValidationError:
        colour = DEFAULT_BRAND_COLOUR
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _draw_line(draw, x, baseline, text, size, weight, fill):
    for run, font in runs(text, size, weight):
        draw.text((x, baseline), run, font=font, fill=fill, anchor="ls")
        x += font.getlength(run)


def _draw_lines(draw, x, top, lines, size, weight, fill, leading=1.22):
    """Draw `lines` from `top`; returns the y below the last one."""
    ascent, _descent = fonts(size, weight)[0].getmetrics()
    line_height = round(size * leading)
    baseline = top + ascent
    for line in lines:
        _draw_line(draw, x, baseline, line, size, weight, fill)
        baseline += line_height
    return top + line_height * len(lines)


def _open_logo(data):
    try:
        with Image.open(io.BytesIO(data)) as logo:
            logo.load()
            return logo.convert("RGBA")
    except (OSError, UnidentifiedImageError, ValueError) as error:
        logger.warning("A logo could not be drawn into a sharing image: %s", error)
        return None


def _paste_logo(image, draw, data, left, top):
    """The logo on a white tile; returns whether there was one to show."""
    logo = _open_logo(data) if data else None
    if logo is None:
        return False
    tile, padding = TILE * SCALE, 14 * SCALE
    draw.rounded_rectangle((left, top, left + tile, top + tile), radius=16 * SCALE, fill=WHITE)
    logo.thumbnail((tile - 2 * padding, tile - 2 * padding), Image.Resampling.LANCZOS)
    x = left + (tile - logo.width) // 2
    y = top + (tile - logo.height) // 2
    image.paste(logo, (x, y), logo)
    return True


def render(card):
    """The sharing image of `card` as PNG bytes."""
    s = SCALE
    colour = _rgb(card.colour)
    image = Image.new("RGB", (WIDTH * s, HEIGHT * s), WHITE)
    draw = ImageDraw.Draw(image)
    inner = (WIDTH - 2 * MARGIN) * s

    # The band: logo and a line of white text.
    draw.rectangle((0, 0, WIDTH * s, BAND_HEIGHT * s), fill=colour)
    tile_top = (BAND_HEIGHT - TILE) // 2 * s
    text_left = MARGIN * s
    if _paste_logo(image, draw, card.logo, MARGIN * s, tile_top):
        text_left += (TILE + 36) * s
    band_width = WIDTH * s - MARGIN * s - text_left
    size, lines = fit(
        card.band_text,
        sizes=[n * s for n in (46, 42, 38, 34, 30, 27)],
        weight=BOLD,
        width=band_width,
        max_lines=2,
    )
    block = round(size * 1.22) * len(lines)
    _draw_lines(draw, text_left, (BAND_HEIGHT * s - block) // 2, lines, size, BOLD, WHITE)

    # The body: heading, title and summary, above the foot.
    top = (BAND_HEIGHT + 40) * s
    bottom = (HEIGHT - 100) * s
    if card.heading:
        size, lines = fit(card.heading, sizes=[26 * s], weight=SEMIBOLD, width=inner, max_lines=1)
        top = _draw_lines(draw, MARGIN * s, top, lines, size, SEMIBOLD, MUTED) + 14 * s
    room = bottom - top
    title_sizes = [n * s for n in (66, 60, 56, 52, 48, 44, 40, 36, 33, 30)]
    summary_size = 28 * s
    summary_line = round(summary_size * 1.3)
    # The title takes what it needs; a summary gets the rest, at least two lines.
    title_room = room - (2 * summary_line + 16 * s if card.summary else 0)
    for size in title_sizes:
        max_lines = max(1, title_room // round(size * 1.15))
        lines = wrap(card.title, size, BOLD, inner)
        if len(lines) <= max_lines:
            break
    else:
        size, lines = fit(
            card.title,
            sizes=title_sizes[-1:],
            weight=BOLD,
            width=inner,
            max_lines=max(1, title_room // round(title_sizes[-1] * 1.15)),
        )
    top = _draw_lines(draw, MARGIN * s, top, lines, size, BOLD, INK, leading=1.15)
    if card.summary:
        top += 16 * s
        _size, lines = fit(
            card.summary,
            sizes=[summary_size],
            weight=REGULAR,
            width=inner,
            max_lines=max(0, (bottom - top) // summary_line),
        )
        _draw_lines(draw, MARGIN * s, top, lines, summary_size, REGULAR, MUTED, leading=1.3)

    # The foot: the portal's name (unless it is the title), and rules in the brand colour.
    if card.title != PORTAL_NAME:
        foot = (HEIGHT - 66) * s
        draw.rectangle((MARGIN * s, foot, (MARGIN + 40) * s, foot + 8 * s), fill=colour)
        _draw_lines(draw, (MARGIN + 56) * s, foot - 16 * s, [PORTAL_NAME], 30 * s, BOLD, INK)
    draw.rectangle((0, (HEIGHT - 10) * s, WIDTH * s, HEIGHT * s), fill=colour)

    image = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def default_card():
    """The portal's own sharing image, for pages without one: static/img/share-default.png,
    made by `manage.py make_default_share_image`. In both languages, as it is one file."""
    return ShareCard(
        title=PORTAL_NAME,
        band_text="Industrie-Allianzen · Industry alliances",
        summary=(
            "Wer dabei ist, was sie fordern und was sie sagen. "
            "Who is in them, what they want and what they said."
        ),
    )


# --- Caching ------------------------------------------------------------------


def cached_png(version, make):
    """`make()`'s PNG, kept under `version` (what the image shows, as a tuple of
    strings): made once per version while the cache answers."""
    parts = "\n".join(map(str, (DRAWING_VERSION, *version)))
    key = f"share-image:{hashlib.sha256(parts.encode()).hexdigest()}"
    png = guarded(lambda: cache.get(key))
    if png is None:
        png = make()
        guarded(lambda: cache.set(key, png, timeout=CACHE_SECONDS))
    return png


def read_file(field_file):
    """The bytes of an image field's file, or None when it has none or cannot be read."""
    if not field_file:
        return None
    try:
        with field_file.storage.open(field_file.name, "rb") as file:
            return file.read()
    except OSError as error:
        logger.warning("Cannot read %s for a sharing image: %s", field_file.name, error)
        return None
