"""Feeds of the whole portal or of one alliance: the base of the news and press feeds."""

from django.shortcuts import get_object_or_404

from .models import Alliance
from .web.feeds import PortalFeed


class AllianceFeed(PortalFeed):
    """A feed of the whole portal, or of one published alliance (`<slug:alliance>`)."""

    def get_object(self, request, alliance=None):
        if alliance is None:
            return None
        return get_object_or_404(Alliance.objects.published(), slug=alliance)
