from django import template

from alliance_portal.publishing.models import published_q
from statements.models import PressStatement, Quote

register = template.Library()


@register.inclusion_tag("statements/includes/_latest_statements.html")
def latest_statements(count=3, alliance=None):
    """The newest released press statements, of one alliance if given: one query."""
    statements = PressStatement.objects.published().select_related("alliance")
    if alliance is not None:
        statements = statements.filter(alliance=alliance)
    return {"statements": statements.order_by("-published_at", "-pk")[:count]}


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
