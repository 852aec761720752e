from django import template
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from alliance_portal.publishing.models import published_q
from statements.models import PressStatement, Quote
from statements.quotation import active_language, quoted, text_language

register = template.Library()


@register.simple_tag
def quotation(quote):
    """`{% quotation quote %}`: the quote's text as paragraphs, in the quotation marks
    of the language it is in, the one place where pages put marks around a quote.

    German standing in for a missing English text keeps German marks and is wrapped,
    as `{% translated %}` does, in an element with lang="de" and a visible note.
    """
    language = text_language(quote, "text")
    # linebreaks() escapes the text itself; the result is safe HTML.
    html = mark_safe(linebreaks(quoted(quote.text, language), autoescape=True))
    if language == active_language():
        return html
    return format_html(
        '<div lang="{language}" class="fallback">{html} '
        '<small class="fallback-note">({note})</small></div>',
        language=language,
        html=html,
        note=gettext("in German: not yet translated"),
    )


@register.inclusion_tag("statements/includes/_latest_statements.html")
def latest_statements(count=3, alliance=None):
    """The newest released press statements, of one alliance if given: one query."""
    statements = PressStatement.objects.published().select_related("alliance")
    if alliance is not None:
        statements = statements.filter(alliance=alliance)
    return {
        "statements": statements.order_by("-published_at", "-pk")[:count],
        "hide_alliance": alliance is not None,
    }


# An organisation may have hundreds of quotes: its page shows the most recent ones.
QUOTES_SHOWN = 10


@register.inclusion_tag("statements/includes/_recent_quotes.html")
def recent_quotes(organisation):
    """The organisation's most recent quotes in released statements: one query.
    One more than shown tells whether there are more."""
    quotes = list(
        Quote.objects.filter(published_q("statement__"), organisation=organisation)
        .select_related("statement")
        .order_by("-statement__published_at", "-statement_id", "position")[: QUOTES_SHOWN + 1]
    )
    return {"quotes": quotes[:QUOTES_SHOWN], "more_quotes": len(quotes) > QUOTES_SHOWN}
