from django import template
from django.utils.translation import get_language

from ..alerts.services import wording

register = template.Library()


@register.inclusion_tag("alerts/includes/_alliance_form.html")
def alert_form(alliance):
    """The compact subscribe form on an alliance's page (no queries)."""
    return {"alliance": alliance, "alert_wording": wording(), "LANGUAGE_CODE": get_language()}
