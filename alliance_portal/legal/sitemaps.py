from ..web.sitemaps import PortalSitemap
from .models import LegalPage


class LegalPageSitemap(PortalSitemap):
    changefreq = "yearly"

    def items(self):
        # Three rows at most: a list, read once per sitemap request.
        return list(LegalPage.objects.only("kind", "updated_at").order_by("kind"))

    def location(self, page):
        return page.get_absolute_url()

    def lastmod(self, page):
        # Any change, the date of review included, is saved and so changes this.
        return page.updated_at
