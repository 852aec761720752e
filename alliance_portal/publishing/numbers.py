"""Numbers in the admin, typed and shown the way the admin's language writes them.

German: `21.500`, `87,5`, `1.234.567,89`; English: `21,500`, `87.5`, `1,234,567.89`.
A space (also a no-break or narrow no-break space, as DIN 5008 and Word write them) may
group thousands in either language. Anything else (`21.50` in German, `1e5`, `zwölf`,
`87,5 %`) is refused with a message that shows the expected form, never guessed at:
a browser number field or Django's lenient parsing once turned `87,5` into 875.

Every admin form gets these fields for every decimal and integer column
(`NUMBER_FORMFIELDS`, used by the admin bases in `admin.py`).
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# (decimal separator, thousands separator) per language; German for any other.
SEPARATORS = {"de": (",", "."), "en": (".", ",")}
SPACES = " \u00a0\u202f"
MINUS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash (Word's "minus")


def separators():
    language = (get_language() or "de").split("-")[0]
    return SEPARATORS.get(language, SEPARATORS["de"])


def number_pattern(decimal, group):
    """Digits in groups of three (or not grouped at all), then decimals."""
    groups = "[" + re.escape(group + SPACES) + "]"
    return re.compile(
        rf"\A(?P<sign>[+{re.escape(MINUS)}]?)"
        rf"(?P<whole>[0-9]{{1,3}}(?:{groups}[0-9]{{3}})+|[0-9]+)"
        rf"(?:{re.escape(decimal)}(?P<fraction>[0-9]+))?\Z"
    )


def parse_number(text):
    """The Decimal `text` stands for in the active language, or None if it is not one."""
    decimal, group = separators()
    match = number_pattern(decimal, group).match(text.strip())
    if match is None:
        return None
    digits = re.sub("[^0-9]", "", match["whole"])
    if match["fraction"]:
        digits += "." + match["fraction"]
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    return -value if match["sign"] and match["sign"] in MINUS else value


def format_number(value, *, grouped=True):
    """`value` written in the active language: 21500 → "21.500", 87.500 → "87,5"."""
    decimal, group = separators()
    text = format(Decimal(value), "f")
    sign = "-" if text.startswith("-") else ""
    whole, _point, fraction = text.lstrip("-").partition(".")
    fraction = fraction.rstrip("0")
    if grouped:
        whole = f"{int(whole):,}".replace(",", group)
    return f"{sign}{whole}{decimal + fraction if fraction else ''}"


class LocalizedNumberInput(forms.TextInput):
    """A text box (not a browser number field, which reads `87,5` its own way)."""

    def __init__(self, *, grouped, inputmode, attrs=None):
        self.grouped = grouped
        super().__init__(attrs={"inputmode": inputmode, "size": 14, **(attrs or {})})

    def format_value(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, str):  # what was typed, shown back as typed after an error
            return value
        return format_number(value, grouped=self.grouped)


class LocalizedDecimalField(forms.DecimalField):
    default_error_messages = {
        "invalid": _("Enter a number such as 21,500 or 87.5."),
    }

    def __init__(self, **kwargs):
        kwargs.pop("localize", None)
        kwargs["widget"] = LocalizedNumberInput(grouped=True, inputmode="decimal")
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = parse_number(str(value))
        if value is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value

    def widget_attrs(self, widget):
        # No min/max/step attributes: they belong to number inputs.
        return forms.Field.widget_attrs(self, widget)


class LocalizedIntegerField(forms.IntegerField):
    """Whole numbers (years, positions): shown without grouping, so 2024 stays 2024."""

    default_error_messages = {
        "invalid": _("Enter a whole number such as 2024."),
    }

    def __init__(self, **kwargs):
        kwargs.pop("localize", None)
        kwargs["widget"] = LocalizedNumberInput(grouped=False, inputmode="numeric")
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_number(str(value))
        if number is None or number != number.to_integral_value():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(number)

    def widget_attrs(self, widget):
        return forms.Field.widget_attrs(self, widget)


NUMBER_FORMFIELDS = {
    models.DecimalField: {"form_class": LocalizedDecimalField},
    models.IntegerField: {"form_class": LocalizedIntegerField},
}
