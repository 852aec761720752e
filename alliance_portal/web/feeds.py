"""Shared behaviour of the portal's RSS 2.0 and Atom feeds."""

import re

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language

FEED_LENGTH = 30
# Characters XML 1.0 cannot carry; Django's feed writer refuses to write them at all.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(values):
    """The feed's or an item's values without characters XML cannot carry."""
    return {
        key: NOT_XML.sub("", value) if isinstance(value, str) else value
        for key, value in values.items()
    }


class PortalFeed(Feed):
    """A feed in the visitor's language, of dated public items."""

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = get_language()
        # Text typed by staff may hold a stray control character: leave it out
        # rather than fail the whole feed.
        feed.feed = xml_safe(feed.feed)
        feed.items = [xml_safe(item) for item in feed.items]
        return feed

    def item_summary(self, item):
        """The item's summary as plain text (never rich-text HTML)."""
        raise NotImplementedError

    def item_description(self, item):
        # Feed readers read a description (RSS) or summary (Atom, type="html") as HTML:
        # escaped, the plain text shows as written and no markup in it can run.
        return escape(self.item_summary(item))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.published_at, item.updated_at)


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
