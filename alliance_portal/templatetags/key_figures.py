"""Key figures written the way a newsroom writes them, in the active language.

German: ``61.000``, ``22,5 Mrd. €``, ``12,5 %``, ``2 Mio. t``.
English: ``61,000``, ``€22.5 bn``, ``12.5%``, ``2 million tonnes``.

Values of a billion or more are given in billions, of a million or more in
millions, with at most one decimal place (rounded half up, a trailing ``,0``
dropped). Smaller values are written in full with their significant decimals.
A non-breaking space joins number, scale and unit so they never wrap apart.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language

register = template.Library()

NBSP = "\u00a0"
BILLION = Decimal(1_000_000_000)
MILLION = Decimal(1_000_000)
ONE_DECIMAL = Decimal("0.1")

# Spelled out per language, not gettext fragments: order differs (€22.5 bn vs. 22,5 Mrd. €).
FORMATS = {
    "de": {
        "decimal": ",",
        "group": ".",
        # (billions, millions): for currencies and for everything else.
        "scales": {"currency": ("Mrd.", "Mio."), "other": ("Mrd.", "Mio.")},
        "units": {
            "count": "{}",
            "EUR": "{}" + NBSP + "€",
            "GBP": "{}" + NBSP + "£",
            "percent": "{}" + NBSP + "%",
            "tonnes": "{}" + NBSP + "t",
        },
    },
    "en": {
        "decimal": ".",
        "group": ",",
        # "€1.5 m" is unambiguous; a bare "2 m" could be metres, so other units say "million".
        "scales": {"currency": ("bn", "m"), "other": ("billion", "million")},
        "units": {
            "count": "{}",
            "EUR": "€{}",
            "GBP": "£{}",
            "percent": "{}%",
            "tonnes": "{}" + NBSP + "tonnes",
        },
    },
}
FALLBACK_LANGUAGE = "de"
CURRENCIES = {"EUR", "GBP"}
# A per-cent figure of a million is not a thing to abbreviate: it is written in full.
UNSCALED_UNITS = {"percent"}


def _language_format():
    language = (get_language() or FALLBACK_LANGUAGE).split("-")[0].lower()
    return FORMATS.get(language, FORMATS[FALLBACK_LANGUAGE])


def _plain(number, fmt):
    """A non-negative Decimal with grouped thousands and only its significant decimals."""
    digits = format(number, "f")
    whole, _, fraction = digits.partition(".")
    fraction = fraction.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = fmt["group"].join(groups)
    return f"{text}{fmt['decimal']}{fraction}" if fraction else text


def _scaled(number, unit, fmt):
    """The number, and its scale word if it is given in millions or billions."""
    if unit in UNSCALED_UNITS:
        return _plain(number, fmt), None
    billions, millions = fmt["scales"]["currency" if unit in CURRENCIES else "other"]
    if number >= MILLION:
        in_millions = (number / MILLION).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
        # 999 960 000 rounds to 1 000,0 millions: that is 1 billion.
        if number < BILLION and in_millions < 1000:
            return _plain(in_millions, fmt), millions
        in_billions = (number / BILLION).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
        return _plain(in_billions, fmt), billions
    return _plain(number, fmt), None


@register.filter
def figure_value(figure):
    """A key figure's value with scale and unit, e.g. "22,5 Mrd. €" or "€22.5 bn"."""
    value = getattr(figure, "value", None)
    if value is None or value == "":
        return ""
    try:
        value = Decimal(str(value))
    except InvalidOperation:
        return ""
    if not value.is_finite():
        return ""
    fmt = _language_format()
    unit = str(getattr(figure, "unit", "") or "count")
    number, scale = _scaled(abs(value), unit, fmt)
    if scale:
        number = f"{number}{NBSP}{scale}"
    text = fmt["units"].get(unit, "{}" + NBSP + unit).format(number)
    return f"-{text}" if value < 0 else text


@register.filter
def figure_qualifier(figure):
    """The qualifier's label in the active language ("rund", "about"); empty when exact."""
    if not getattr(figure, "qualifier", ""):
        return ""
    return str(figure.get_qualifier_display())
