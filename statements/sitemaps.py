from alliance_portal.web.sitemaps import PortalSitemap

from .models import PressStatement


class PressSitemap(PortalSitemap):
    def items(self):
        # The list index's order: a deep sitemap page is found in the index alone.
        return PressStatement.objects.published().order_by("published_at", "pk")

    def lastmod(self, statement):
        return statement.updated_at


SITEMAPS = {"press": PressSitemap}
