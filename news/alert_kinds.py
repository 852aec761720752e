"""News items go to their subscribers by e-mail when published (alliance_portal/alerts)."""

from alliance_portal.alerts.kinds import AlertKind
from alliance_portal.mailing.messages import site_address

from .models import NewsItem


def load(pk):
    return NewsItem.objects.prefetch_related("alliances").get(pk=pk)


def context(item):
    return {
        "item": item,
        "alliances": list(item.alliances.all()),
        "page_url": site_address() + item.get_absolute_url(),
    }


ALERTS = [
    AlertKind(
        model=NewsItem,
        topic="news",
        template="alerts/mail/news",
        load=load,
        alliance_ids=lambda item: [alliance.pk for alliance in item.alliances.all()],
        context=context,
    )
]
