"""Shared behaviour of the portal's RSS 2.0 and Atom feeds."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language

from .models import Alliance

FEED_LENGTH = 30


class PortalFeed(Feed):
    """A feed in the visitor's language, optionally of one alliance (`<slug:alliance>`)."""

    def get_object(self, request, alliance=None):
        if alliance is None:
            return None
        return get_object_or_404(Alliance.objects.published(), slug=alliance)

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = get_language()
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
