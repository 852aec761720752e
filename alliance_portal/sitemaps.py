from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Alliance


class PortalSitemap(Sitemap):
    """Every page in German and English, each listing the other as its alternate."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "alliances:list", "organisations:list", "news:list", "press:list"]

    def location(self, item):
        return reverse(item)


class AllianceSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self):
        return Alliance.objects.published().order_by("pk")

    def lastmod(self, alliance):
        return alliance.updated_at
