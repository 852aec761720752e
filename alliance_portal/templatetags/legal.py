"""The footer's links to the legal pages, and the portal's address from the imprint."""

from django import template
from django.conf import settings

from alliance_portal.legal.models import LegalPage

from .translated import shows_fallback

register = template.Library()

FOOTER_ORDER = list(LegalPage.Kind)


@register.inclusion_tag("includes/_legal_links.html", takes_context=True)
def legal_links(context):
    """Links to the legal pages there are, imprint first: one query, however many exist.

    A kind without a page is left out; with none, nothing is shown. A German title
    standing in for a missing English one is marked as German.
    """
    match = getattr(context.get("request"), "resolver_match", None)
    current = match.kwargs.get("kind") if match and match.view_name == "legal:detail" else None
    pages = sorted(
        LegalPage.objects.only("kind", "title", "contact_email", "postal_address"),
        key=lambda page: FOOTER_ORDER.index(page.kind),
    )
    imprint = next((page for page in pages if page.kind == LegalPage.Kind.IMPRINT), None)
    return {
        # The portal's address and contact, in the footer: the imprint's.
        "imprint": imprint,
        "legal_links": [
            {
                "url": page.get_absolute_url(),
                "title": page.title,
                "lang": settings.LANGUAGE_CODE if shows_fallback(page, "title") else "",
                "current": page.kind == current,
            }
            for page in pages
        ],
    }
