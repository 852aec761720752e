"""Brand colours: each alliance's colour, checked for contrast, and the stylesheet that
brings the colours to the pages.

- `BrandColourField` stores a colour as lowercase `#rrggbb`; it accepts `#rgb` and
  `#rrggbb` in any case. `validate_brand_colour` refuses a colour on which white
  text (what the pages draw on the brand band) falls short of WCAG AA, 4.5:1.
- Public pages carry no inline styles (the Content-Security-Policy has
  `style-src 'self'`), so the colours come in a stylesheet of their own,
  `/brand.css`: one rule per published alliance, `.brand-<slug>{--brand:#rrggbb}`.
  Elements about an alliance carry its `brand_class`; site.css reads `var(--brand)`.
- The stylesheet's address names its version, a digest of its content:
  `/brand.css?v=<digest>`, which browsers may keep for a year. The digest is made
  with each content generation of the page cache (`page_cache.derive_with_generation`),
  so a page names it without a query.
"""

import hashlib
import json
import math
import re

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# The portal's own accent (site.css --accent): alliances without a colour of their
# own look like the portal.
DEFAULT_BRAND_COLOUR = "#0b5cad"
WHITE = "#ffffff"
# WCAG 2.x, success criterion 1.4.3 (AA) for normal text.
MINIMUM_CONTRAST = 4.5

COLOUR_PATTERN = re.compile(r"#?([0-9a-f]{3}|[0-9a-f]{6})", re.IGNORECASE)
# What a SlugField admits; anything else never becomes part of a class name.
SAFE_SLUG = re.compile(r"[A-Za-z0-9_-]+")


# --- Colours and their contrast ---------------------------------------------


def normalise_colour(value):
    """ "#ABC" → "#aabbcc", " #0B5CAD " → "#0b5cad"; a ValidationError for anything else."""
    match = COLOUR_PATTERN.fullmatch((value or "").strip())
    if match is None:
        raise ValidationError(
            _("Enter a colour as # and six hexadecimal digits, such as %(example)s."),
            code="invalid_colour",
            params={"example": DEFAULT_BRAND_COLOUR},
        )
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


def relative_luminance(colour):
    """WCAG 2.x relative luminance of a `#rrggbb` colour, 0 (black) to 1 (white)."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second=WHITE):
    """WCAG 2.x contrast ratio of two `#rrggbb` colours, 1 to 21."""
    lighter, darker = sorted(map(relative_luminance, (first, second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def format_ratio(ratio):
    """The ratio with one decimal, rounded down (4.49 is "4.4", never "4.5"), in the
    active language's notation ("4,4" in German)."""
    return number_format(math.floor(ratio * 10) / 10, decimal_pos=1)


def validate_brand_colour(value):
    """Refuse a colour on which white text does not reach WCAG AA contrast."""
    colour = normalise_colour(value)
    ratio = contrast_ratio(colour, WHITE)
    if ratio < MINIMUM_CONTRAST:
        raise ValidationError(
            _(
                "White text on %(colour)s only reaches a contrast ratio of %(ratio)s:1; "
                "WCAG AA asks for at least %(minimum)s:1. Please choose a darker colour."
            ),
            code="low_contrast",
            params={
                "colour": colour,
                "ratio": format_ratio(ratio),
                "minimum": number_format(MINIMUM_CONTRAST, decimal_pos=1),
            },
        )


# --- Fields -----------------------------------------------------------------


class ColourInput(forms.MultiWidget):
    """A colour picker and the same colour as text, without JavaScript.

    Both are sent; the one the editor changed wins (the text if both were), told
    from the colour the form showed, which a hidden input carries along.
    """

    def __init__(self, attrs=None):
        widgets = {
            "picker": forms.TextInput(attrs={"type": "color"}),
            "text": forms.TextInput(
                attrs={"size": 8, "maxlength": 7, "spellcheck": "false", "autocomplete": "off"}
            ),
            "shown": forms.HiddenInput(),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        return [value, value, value]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        picker, _text, shown = context["widget"]["subwidgets"]
        # The picker only shows a valid colour; the text shows what was typed.
        try:
            picker["value"] = normalise_colour(picker["value"])
        except ValidationError:
            picker["value"] = DEFAULT_BRAND_COLOUR
        picker["attrs"].pop("maxlength", None)
        picker["attrs"]["aria-label"] = _("Colour picker")
        for attr in ("maxlength", "required", "aria-describedby"):
            shown["attrs"].pop(attr, None)
        return context

    def id_for_label(self, id_):
        # The field's label names the text box; the picker has a label of its own.
        return f"{id_}_1" if id_ else id_

    def value_from_datadict(self, data, files, name):
        if self.value_omitted_from_data(data, files, name) and name in data:
            return data[name]  # a client that posts the field by its own name
        picker, text, shown = (
            (widget.value_from_datadict(data, files, f"{name}{suffix}") or "").strip()
            for widget, suffix in zip(self.widgets, self.widgets_names, strict=True)
        )
        if text.lower() != shown.lower() or not picker:
            return text
        if picker.lower() != shown.lower():
            return picker
        return text

    def value_omitted_from_data(self, data, files, name):
        return all(
            widget.value_omitted_from_data(data, files, f"{name}{suffix}")
            for widget, suffix in zip(self.widgets, self.widgets_names, strict=True)
        )


class BrandColourFormField(forms.CharField):
    widget = ColourInput

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_colour(value) if value else value


class BrandColourField(models.CharField):
    """A brand colour as lowercase `#rrggbb`, dark enough for white text."""

    default_validators = [validate_brand_colour]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("default", DEFAULT_BRAND_COLOUR)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 7:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        try:
            return normalise_colour(value)
        except ValidationError:
            return value  # the validator says what is wrong with it

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": BrandColourFormField, **kwargs})


# --- The stylesheet ---------------------------------------------------------


def brand_class(slug):
    """`brand-<slug>`: the class that gives an element its alliance's `--brand`."""
    return f"brand-{slug}" if slug and SAFE_SLUG.fullmatch(slug) else ""


def make_stylesheet():
    """The rules of every published alliance's colour, in one query."""
    alliance = apps.get_model("alliance_portal", "Alliance")
    rows = alliance.objects.published().order_by("slug").values_list("slug", "brand_colour")
    rules = []
    for slug, colour in rows:
        class_name = brand_class(slug)
        try:
            colour = normalise_colour(colour)
        except ValidationError:
            continue  # written past the model: no rule rather than a broken one
        if class_name:
            rules.append(f".{class_name}{{--brand:{colour}}}\n")
    if settings.SITE_URL:
        # Printed pages write a link's address after it (site.css, @media print):
        # with the portal's own address in front, a reader can type it in.
        rules.insert(0, f":root{{--site-url:{json.dumps(settings.SITE_URL)}}}\n")
    return "/* Brand colours of the published alliances (alliance_portal/web/branding.py). */\n" + (
        "".join(rules)
    )


def stylesheet_version(css):
    return hashlib.sha256(css.encode()).hexdigest()[:16]


def current_stylesheet_version():
    """The digest of the stylesheet as the public sees it now (one query)."""
    return stylesheet_version(make_stylesheet())
