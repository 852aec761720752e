"""Machinery for the demo content: idempotent upserts and generated logos.

Each app that brings demo content has a `demo_content.py` module with a
`load(demo)` function; `manage.py load_demo_content` calls them in the order of
INSTALLED_APPS, so an app can refer to what the apps before it created. To add
content, add to those modules: the `Demo` object below makes every write
idempotent, so a second run adds and changes nothing.
"""

import colorsys
import hashlib
import io
import re
from collections import Counter
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from .. import richtext
from ..uploads.maintenance import refresh_stored_image

BERLIN = ZoneInfo("Europe/Berlin")
# A fixed publish time keeps re-runs from changing anything.
DEMO_PUBLISHED_AT = datetime(2025, 1, 1, 9, 0, tzinfo=BERLIN)


class T(NamedTuple):
    """A translated value: German (the default language) and English."""

    de: str
    en: str


def as_html(value):
    """A translated rich-text value as the HTML the field stores: plain text becomes
    paragraphs, HTML is sanitised. Written so, a second run finds nothing to change."""
    return T(richtext.clean(value.de), richtext.clean(value.en))


def expand_translations(values):
    """`name=T("…", "…")` becomes `name_de="…", name_en="…"`."""
    expanded = {}
    for field, value in values.items():
        if isinstance(value, T):
            expanded[f"{field}_de"] = value.de
            expanded[f"{field}_en"] = value.en
        else:
            expanded[field] = value
    return expanded


class Demo:
    """Writes demo rows so that running the loader twice changes nothing."""

    def __init__(self):
        self.created = Counter()
        self.changed = Counter()
        self.unchanged = Counter()
        self.images = 0

    def upsert(self, model, lookup, **values):
        """Create the row `lookup` names, or bring it to `values` if it differs."""
        values = expand_translations(values)
        label = model._meta.verbose_name_plural
        instance = model._default_manager.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            instance.full_clean()
            instance.save()
            self.created[label] += 1
            return instance
        changed = [
            name
            for name, value in values.items()
            if self._stored(instance, name) != self._comparable(value)
        ]
        if not changed:
            self.unchanged[label] += 1
            return instance
        for name in changed:
            setattr(instance, name, values[name])
        instance.full_clean()
        instance.save()
        self.changed[label] += 1
        return instance

    def demo_logo(self, instance, *, wordmark, colour=None, field="logo"):
        """Give `instance` the demo logo of the current version (`DEMO_LOGO_VERSION`).

        A logo of this version on storage stays (and gets any missing renditions);
        a demo logo of an earlier version, or a missing file, is replaced once, under
        a new name; a logo someone uploaded stays.
        """
        current = getattr(instance, field)
        stored = bool(current) and current.storage.exists(current.name)
        if stored and not is_outdated_demo_logo(current.name, instance.slug):
            if refresh_stored_image(instance, field):
                self.images += 1
            return
        current.save(
            demo_logo_name(instance.slug),
            ContentFile(logo_png(wordmark, instance.slug, colour=colour)),
            save=False,
        )
        instance.save(update_fields=[field, current.field.width_field, current.field.height_field])
        self.images += 1

    def summary(self):
        return (
            f"{sum(self.created.values())} created, {sum(self.changed.values())} changed, "
            f"{sum(self.unchanged.values())} unchanged, {self.images} images generated"
        )

    @staticmethod
    def _stored(instance, name):
        field = instance._meta.get_field(name)
        return getattr(instance, field.attname)

    @staticmethod
    def _comparable(value):
        # Related objects compare by primary key, as they are stored.
        return getattr(value, "pk", value)


def logo_alt(name):
    return T(f"Logo von {name.de}", f"Logo of {name.en}")


def wordmark(data):
    """What a demo logo spells: the short name if it is short, else the initials."""
    short_name = data.get("short_name", "")
    return short_name if 0 < len(short_name) <= 12 else data["initials"]


# --- Demo logos ---------------------------------------------------------------

# Raise it when the drawing changes: the next `load_demo_content` replaces the demo
# logos of earlier versions (version 1 drew initials on a coloured square).
DEMO_LOGO_VERSION = 2
LOGO_SIZE = 240  # the largest box a page shows a logo in (120 CSS px), at 2x
INTER = (
    Path(__file__).resolve().parent.parent
    / "static"
    / "fonts"
    / "inter"
    / "inter-latin-wght-normal.woff2"
)
# What Django's storage adds to a name that is taken: "_" and seven characters.
_TAKEN_SUFFIX = r"(_[A-Za-z0-9]{7})?"


def demo_logo_name(slug):
    return f"{slug}-logo-v{DEMO_LOGO_VERSION}.png"


def is_outdated_demo_logo(name, slug):
    """True for a demo logo of an earlier version: `<slug>.png` (version 1) or
    `<slug>-logo-v<n>.png`, maybe with a storage suffix; not for uploaded logos."""
    stem = PurePosixPath(name).stem
    match = re.fullmatch(rf"{re.escape(slug)}(?:-logo-v(\d+))?{_TAKEN_SUFFIX}", stem)
    return match is not None and int(match.group(1) or 1) < DEMO_LOGO_VERSION


def seed_colour(seed):
    """A dark colour of its own for each seed, dark enough for white text (WCAG AA)."""
    hue = int(hashlib.sha256(seed.encode()).hexdigest()[:4], 16) / 0xFFFF
    red, green, blue = (round(c * 255) for c in colorsys.hls_to_rgb(hue, 0.28, 0.6))
    return f"#{red:02x}{green:02x}{blue:02x}"


def _rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _tint(rgb, amount):
    """`rgb` mixed with white: 0 keeps it, 1 is white."""
    return tuple(round(c + (255 - c) * amount) for c in rgb)


def _bars(draw, box, main, light):
    left, top, right, bottom = box
    height = (bottom - top) / 5
    for row, (share, fill) in enumerate(((1.0, main), (0.78, light), (0.56, main))):
        width = (right - left) * share
        x = left + ((right - left) - width) / 2
        y = top + row * height * 1.8 + height * 0.3
        draw.rounded_rectangle((x, y, x + width, y + height), radius=height / 2, fill=fill)


def _letter_a(draw, box, main, light):
    left, top, right, bottom = box
    middle = (left + right) / 2
    stroke = (right - left) * 0.16
    draw.line(
        [(left + stroke / 2, bottom), (middle, top + stroke / 2), (right - stroke / 2, bottom)],
        fill=main,
        width=round(stroke),
        joint="curve",
    )
    bar = top + (bottom - top) * 0.64
    draw.rounded_rectangle(
        (left + (right - left) * 0.24, bar, right - (right - left) * 0.24, bar + stroke * 0.8),
        radius=stroke * 0.4,
        fill=light,
    )


def _rings(draw, box, main, light):
    left, top, right, bottom = box
    radius = (right - left) * 0.27
    width = round(radius * 0.3)
    middle = (left + right) / 2
    centres = [
        (middle - radius * 0.9, bottom - radius - width),
        (middle + radius * 0.9, bottom - radius - width),
        (middle, top + radius + width / 2),
    ]
    for (x, y), fill in zip(centres, (main, light, main), strict=True):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=fill, width=width)


def _hexagon(draw, box, main, light):
    left, top, right, bottom = box
    x, y = (left + right) / 2, (top + bottom) / 2
    radius = min(right - left, bottom - top) / 2
    draw.regular_polygon((x, y, radius), 6, rotation=30, fill=main)
    draw.regular_polygon((x, y, radius * 0.62), 6, rotation=30, fill=(255, 255, 255))
    draw.regular_polygon((x, y, radius * 0.36), 6, rotation=30, fill=light)


def _sunrise(draw, box, main, light):
    left, top, right, bottom = box
    radius = (right - left) / 2
    middle = (left + right) / 2
    base = bottom - (bottom - top) * 0.14
    draw.pieslice(
        (middle - radius, base - radius, middle + radius, base + radius), 180, 360, fill=main
    )
    gap = (bottom - top) * 0.07
    for step in (1, 2):
        y = base - radius * 0.3 * step
        draw.rectangle((left, y, right, y + gap), fill=(255, 255, 255))
    draw.rounded_rectangle((left, base + gap, right, bottom), radius=gap / 2, fill=light)


EMBLEMS = (_bars, _letter_a, _rings, _hexagon, _sunrise)


def _wordmark_font(text, size, width):
    """Inter Bold at the largest size up to `size` at which `text` fits `width`."""
    while True:
        font = ImageFont.truetype(str(INTER), size)
        font.set_variation_by_axes([700])
        if font.getlength(text) <= width or size <= 12:
            return font
        size -= 4


def logo_png(wordmark, seed, colour=None, size=LOGO_SIZE):
    """A square demo logo: an emblem chosen by `seed` over `wordmark`, in `colour` (a
    dark colour of the seed's own if none), on white. Drawn at twice the size and
    scaled down for smooth edges. Same input, same bytes."""
    main = _rgb(colour or seed_colour(seed))
    light = _tint(main, 0.45)
    big = size * 2
    image = Image.new("RGB", (big, big), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    emblem = EMBLEMS[int(hashlib.sha256(seed.encode()).hexdigest()[4:8], 16) % len(EMBLEMS)]
    side = big * 0.5
    emblem(draw, ((big - side) / 2, big * 0.1, (big + side) / 2, big * 0.1 + side), main, light)
    font = _wordmark_font(wordmark, round(big * 0.2), big * 0.86)
    draw.text((big / 2, big * 0.84), wordmark, font=font, fill=main, anchor="ms")
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
