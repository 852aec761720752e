from alliance_portal.web.sitemaps import PortalSitemap

from .models import Article, NewsItem


class NewsSitemap(PortalSitemap):
    def items(self):
        # The list index's order: a deep sitemap page is found in the index alone.
        return NewsItem.objects.published().order_by("published_at", "pk")

    def lastmod(self, item):
        return item.updated_at


class ArticleSitemap(PortalSitemap):
    def items(self):
        return Article.objects.published().order_by("pk")

    def lastmod(self, article):
        return article.updated_at


SITEMAPS = {"news": NewsSitemap, "articles": ArticleSitemap}
