"""Press statements go to their subscribers by e-mail when released (alliance_portal/alerts)."""

from django.db.models import Prefetch
from django.urls import reverse

from alliance_portal.alerts.kinds import AlertKind
from alliance_portal.mailing.messages import site_address

from .models import PressStatement, Quote
from .quotation import quoted, text_language


def load(pk):
    return (
        PressStatement.objects.select_related("alliance")
        .prefetch_related(Prefetch("quotes", queryset=Quote.objects.order_by("position", "pk")))
        .get(pk=pk)
    )


def context(statement):
    """What the mail shows, in the active language."""
    site = site_address()
    slug = {"slug": statement.slug}
    return {
        "statement": statement,
        "alliance": statement.alliance,
        "quotes": [
            {"text": quoted(quote.text, text_language(quote, "text")), "quote": quote}
            for quote in statement.quotes.all()
        ],
        "page_url": site + statement.get_absolute_url(),
        "pdf_url": site + reverse("press:pdf", kwargs=slug),
        "press_kit_url": site + reverse("press:press-kit", kwargs=slug),
    }


ALERTS = [
    AlertKind(
        model=PressStatement,
        topic="press_statements",
        template="alerts/mail/statement",
        load=load,
        alliance_ids=lambda statement: [statement.alliance_id],
        context=context,
    )
]
