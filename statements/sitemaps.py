from alliance_portal.sitemaps import PortalSitemap

from .models import PressStatement


class PressSitemap(PortalSitemap):
    def items(self):
        return PressStatement.objects.published().order_by("pk")

    def lastmod(self, statement):
        return statement.updated_at
