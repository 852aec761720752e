from django import template

from statements.models import PressStatement

register = template.Library()


@register.inclusion_tag("statements/includes/_latest_statements.html")
def latest_statements(count=3, alliance=None):
    """The newest released press statements, of one alliance if given: one query."""
    statements = PressStatement.objects.published().select_related("alliance")
    if alliance is not None:
        statements = statements.filter(alliance=alliance)
    return {"statements": statements.order_by("-published_at", "-pk")[:count]}
