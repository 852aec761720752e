"""Machinery for the demo content: idempotent upserts and placeholder logos.

Each app that brings demo content has a `demo_content.py` module with a
`load(demo)` function; `manage.py load_demo_content` calls them in the order of
INSTALLED_APPS, so an app can refer to what the apps before it created. To add
content, add to those modules: the `Demo` object below makes every write
idempotent, so a second run adds and changes nothing.
"""

import colorsys
import hashlib
import io
from collections import Counter
from datetime import datetime
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

    def placeholder_logo(self, instance, *, initials, field="logo"):
        """Give `instance` a generated logo unless it has one on storage already.

        Saving it makes its renditions; a logo stored before renditions existed
        gets them now.
        """
        current = getattr(instance, field)
        if current and current.storage.exists(current.name):
            if refresh_stored_image(instance, field):
                self.images += 1
            return
        current.save(
            f"{instance.slug}.png",
            ContentFile(placeholder_png(initials, instance.slug)),
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


def placeholder_alt(name, initials):
    return T(
        f"Platzhalter-Logo für {name.de}: die Buchstaben „{initials}“ auf farbigem Grund",
        f"Placeholder logo for {name.en}: the letters “{initials}” on a coloured background",
    )


def placeholder_png(initials, seed, size=240):
    """A square PNG with `initials` in white on a colour derived from `seed`.

    The seed texts name logos by URLs that cannot be fetched; this stands in
    for them and says so in its alt text. Same input, same bytes.
    """
    hue = int(hashlib.sha256(seed.encode()).hexdigest()[:4], 16) / 0xFFFF
    # Dark enough for white text to meet WCAG contrast.
    red, green, blue = (round(c * 255) for c in colorsys.hls_to_rgb(hue, 0.32, 0.6))
    image = Image.new("RGB", (size, size), (red, green, blue))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size * 0.9 / max(len(initials), 2))
    draw.text((size / 2, size / 2), initials, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
