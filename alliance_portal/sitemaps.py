from .legal.sitemaps import LegalPageSitemap
from .models import Alliance
from .web.sitemaps import PortalSitemap


class AllianceSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return Alliance.objects.published().order_by("pk")

    def lastmod(self, alliance):
        return alliance.updated_at


SITEMAPS = {"alliances": AllianceSitemap, "legal": LegalPageSitemap}
