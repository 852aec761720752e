"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_address_is_set(app_configs, **kwargs):
    if settings.SITE_URL:
        return []
    return [
        Warning(
            "DJANGO_SITE_URL is not set.",
            hint=(
                "Set it to the portal's public address (https://alliances.example.org). "
                "Without it, pages name whatever Host a request came with in their "
                "canonical links, feeds and sitemaps, and the page cache keeps a copy of "
                "each page per host and port."
            ),
            id="alliance_portal.W001",
        )
    ]
