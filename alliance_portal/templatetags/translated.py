"""Show a translated field, marking German shown in place of missing English."""

from django import template
from django.conf import settings
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()


def shows_fallback(obj, field):
    """True when the visitor's language has no text and German stands in for it."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == settings.LANGUAGE_CODE:
        return False
    return not getattr(obj, f"{field}_{language}", "") and bool(
        getattr(obj, f"{field}_{settings.LANGUAGE_CODE}", "")
    )


@register.simple_tag
def translated(obj, field, paragraphs=False):
    """`{% translated alliance "summary" %}`: the text, as paragraphs if asked.

    German standing in for a missing translation is wrapped in an element with
    lang="de" (so screen readers pronounce it right) and a visible note.
    """
    value = getattr(obj, field) or ""
    # linebreaks() escapes the text itself; the result is safe HTML.
    html = mark_safe(linebreaks(value, autoescape=True)) if paragraphs else value
    if not shows_fallback(obj, field):
        return format_html("{}", html)
    return format_html(
        '<{tag} lang="de" class="fallback">{html} <small class="fallback-note">({note})</small>'
        "</{tag}>",
        tag="div" if paragraphs else "span",
        html=html,
        note=gettext("in German: not yet translated"),
    )
