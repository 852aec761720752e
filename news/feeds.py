from django.urls import reverse
from django.utils.translation import gettext as _

from alliance_portal.feeds import AllianceFeed
from alliance_portal.web.feeds import FEED_LENGTH, AtomMixin

from .models import NewsItem


class NewsFeed(AllianceFeed):
    def title(self, obj):
        if obj is None:
            return _("Alliance Portal: news")
        return _("%(alliance)s: news") % {"alliance": obj.name}

    def link(self, obj):
        return obj.get_absolute_url() if obj else reverse("news:list")

    def description(self, obj):
        return _("The latest news of industry alliances.")

    def items(self, obj):
        items = NewsItem.objects.published()
        if obj is not None:
            items = items.filter(alliances=obj)
        # One alliance's news are found through links: keys first keeps the search narrow.
        return items.order_by("-published_at", "-pk").slice_by_keys(0, FEED_LENGTH)

    def item_title(self, item):
        return item.title

    def item_summary(self, item):
        return item.teaser


class NewsAtomFeed(AtomMixin, NewsFeed):
    pass
