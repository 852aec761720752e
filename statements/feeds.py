from django.urls import reverse
from django.utils.translation import gettext as _

from alliance_portal.feeds import AllianceFeed
from alliance_portal.web.feeds import FEED_LENGTH, AtomMixin

from .models import PressStatement


class PressFeed(AllianceFeed):
    def title(self, obj):
        if obj is None:
            return _("Alliance Portal: press statements")
        return _("%(alliance)s: press statements") % {"alliance": obj.name}

    def link(self, obj):
        return obj.get_absolute_url() if obj else reverse("press:list")

    def description(self, obj):
        return _("Press statements of industry alliances, as soon as their embargo ends.")

    def items(self, obj):
        # published() also holds back statements under embargo.
        statements = PressStatement.objects.published().select_related("alliance")
        if obj is not None:
            statements = statements.filter(alliance=obj)
        return statements.order_by("-published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return item.headline

    def item_summary(self, item):
        return item.sub_headline or item.lead

    def item_author_name(self, item):
        return item.alliance.name


class PressAtomFeed(AtomMixin, PressFeed):
    pass
