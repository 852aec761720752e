"""`{% brand_stylesheet %}`: the link to the alliances' brand colours (web/branding.py)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from alliance_portal.publishing.page_cache import derived_value

register = template.Library()


@register.simple_tag
def brand_stylesheet():
    """<link> to /brand.css under its current version, read from the content generation:
    no query. Without a current generation (the page cache off or unreachable) the
    address has no version, and browsers revalidate it."""
    url = reverse("brand-css")
    version = derived_value("brand-css")
    if version:
        url = f"{url}?v={version}"
    return format_html('<link rel="stylesheet" href="{}">', url)
