"""Quotation marks around quotes: never stored, always shown in the text's own language.

A quote is stored as the bare words. Marks typed or pasted around the whole text
(„…“, “…”, "…", »…«, «…», ‚…‘, '…' and their kin) are removed on every way into
the database (`QuoteTextField`: form and model validation, `save()`,
`QuerySet.update()`, `bulk_create`/`bulk_update`, fixtures). Marks inside the text
stay: only a pair that encloses all of it is taken off.

Everything that shows a quote — the statement page, an organisation's recent quotes,
the PDF and the press kit's text file — puts the marks back with `quote_marks()` of
the language the text is in (`text_language()`): German text keeps German marks
on an English page, where it stands in for a missing translation.
"""

from django.conf import settings
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import get_language

from alliance_portal.templatetags.translated import shows_fallback

# The marks each language puts around a quote.
QUOTE_MARKS = {"de": ("„", "“"), "en": ("“", "”")}

# (opening, closing): the pairs an editor may type or paste around a whole quote.
ENCLOSING_PAIRS = (
    ("„", "“"),  # German
    ("„", "”"),  # German opening, English closing (a word processor's guess)
    ("“", "”"),  # English
    ("”", "”"),  # Swedish, or a word processor's guess
    ('"', '"'),
    ("»", "«"),  # German guillemets
    ("«", "»"),  # French and Swiss guillemets
    ("‚", "‘"),  # German single marks
    ("‚", "’"),
    ("‘", "’"),  # English single marks
    ("'", "'"),
    ("›", "‹"),
    ("‹", "›"),
)
# Marks that are apostrophes when a letter or digit stands on both sides (don't, geht’s).
APOSTROPHES = "'’‘"


def without_quote_marks(text):
    """The text without surrounding whitespace and without quotation marks that
    enclose all of it (also several pairs: "„…“"). Other text is returned as is."""
    if not isinstance(text, str):
        return text
    text = text.strip()
    while any(_encloses(text, *pair) for pair in ENCLOSING_PAIRS):
        text = text[1:-1].strip()
    return text


def _encloses(text, opening, closing):
    """True when `text` opens with `opening` and the `closing` that matches it ends it."""
    if len(text) < 2 or text[0] != opening or text[-1] != closing:
        return False
    depth = 0
    last = len(text) - 1
    for index, char in enumerate(text):
        if char not in (opening, closing):
            continue
        if char in APOSTROPHES and 0 < index < last and _between_letters(text, index):
            continue
        if char == opening and (opening != closing or depth == 0):
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return index == last
    return False


def _between_letters(text, index):
    return text[index - 1].isalnum() and text[index + 1].isalnum()


def quote_marks(language):
    """(opening, closing) quotation marks of a language; English ones for others."""
    return QUOTE_MARKS.get(language, QUOTE_MARKS["en"])


def active_language():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def text_language(obj, field="text"):
    """The language of the text `obj.<field>` shows in the active language: that
    language, or German where German stands in for a missing translation."""
    return settings.LANGUAGE_CODE if shows_fallback(obj, field) else active_language()


def quoted(text, language):
    """The text in the quotation marks of `language`, as plain text."""
    opening, closing = quote_marks(language)
    return f"{opening}{without_quote_marks(text or '')}{closing}"


class QuoteTextField(models.TextField):
    """A quote's text, stored without the quotation marks around it.

    Its migrations see a plain TextField.
    """

    def to_python(self, value):
        return without_quote_marks(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        stripped = without_quote_marks(value)
        # Keep the instance in step with the database. Not through modeltranslation's
        # descriptor on the untranslated field (`text`): it would write the visitor's
        # language, which may hold the German fallback text.
        if stripped != value and isinstance(
            getattr(type(model_instance), self.attname, None), DeferredAttribute
        ):
            setattr(model_instance, self.attname, stripped)
        return stripped

    def get_db_prep_save(self, value, connection):
        return super().get_db_prep_save(without_quote_marks(value), connection)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs
