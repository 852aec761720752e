"""Show a translated field, marking German shown in place of missing English."""

from django import template
from django.conf import settings
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from alliance_portal import richtext
from alliance_portal.publishing.translation_status import proper_names

register = template.Library()


def shows_fallback(obj, field):
    """True when the visitor's language has no text and German stands in for it.

    Never for a proper name (an organisation's name): without a name of its own in
    the visitor's language, an organisation goes by its German name, which is no
    stand-in for a missing translation.
    """
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == settings.LANGUAGE_CODE or field in proper_names(type(obj)):
        return False
    return not getattr(obj, f"{field}_{language}", "") and bool(
        getattr(obj, f"{field}_{settings.LANGUAGE_CODE}", "")
    )


@register.simple_tag
def translated(obj, field, paragraphs=False, rich=False):
    """`{% translated alliance "summary" %}`: the text, as paragraphs if asked.

    `rich=True` is for rich-text fields: their HTML, cleaned once more on the way out
    (rows written past the model, by raw SQL say, cannot slip through), is the only
    markup marked safe. Plain text is always escaped.

    German standing in for a missing translation is wrapped in an element with
    lang="de" (so screen readers pronounce it right) and a visible note. Proper names
    get neither: a name is the same in every language (WCAG 3.1.2 exempts proper
    names from marking their language).
    """
    value = getattr(obj, field) or ""
    if rich:
        html = mark_safe(richtext.clean(value))
    elif paragraphs:
        # linebreaks() escapes the text itself; the result is safe HTML.
        html = mark_safe(linebreaks(value, autoescape=True))
    else:
        html = value
    if not shows_fallback(obj, field):
        return format_html("{}", html)
    return format_html(
        '<{tag} lang="de" class="fallback">{html} <small class="fallback-note">({note})</small>'
        "</{tag}>",
        tag="div" if paragraphs or rich else "span",
        html=html,
        note=gettext("in German: not yet translated"),
    )


@register.filter
def plain_text(value):
    """Rich text as one line of plain text, for meta descriptions and the like."""
    return richtext.to_plain_line(value)
