"""The sitemap: an index (`/sitemap.xml`) of one sitemap per kind of page, in pages.

Django's sitemaps list every item in every language in memory before they cut out a
page; with a hundred thousand statements that is seconds per request. Here a page
reads only its own items from the database (`LanguagePairs`), and the index counts
the items of each kind without reading them.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.module_loading import module_has_submodule

from ..publishing.parameters import PageNumberField, Parameters, declares


class LanguagePairs:
    """(item, language) for every item and language, as an i18n sitemap pages them,
    without reading the items: a slice reads just the items it covers, and for a
    queryset finds their keys first (`PublicationQuerySet.slice_by_keys`)."""

    def __init__(self, items, languages):
        self.items = items
        self.languages = list(languages)

    def count(self):
        is_query = isinstance(self.items, QuerySet)
        return (self.items.count() if is_query else len(self.items)) * len(self.languages)

    def __getitem__(self, pairs):
        per_item = len(self.languages)
        first, last = pairs.start // per_item, -(-pairs.stop // per_item)
        if isinstance(self.items, QuerySet):
            items = self.items.slice_by_keys(first, last)
        else:
            items = self.items[first:last]
        expanded = [(item, language) for item in items for language in self.languages]
        skipped = first * per_item
        return expanded[pairs.start - skipped : pairs.stop - skipped]


class PortalSitemap(Sitemap):
    """Every page in German and English, each listing the other as its alternate."""

    i18n = True
    alternates = True
    x_default = True
    limit = 2000  # addresses per sitemap page: a thousand items in two languages

    @property
    def paginator(self):
        languages = self.languages or [code for code, _name in settings.LANGUAGES]
        return Paginator(LanguagePairs(self.items(), languages), self.limit)

    def get_latest_lastmod(self):
        # The index would read every item for it; each page's addresses carry their own.
        return None


class StaticPagesSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "alliances:list", "organisations:list", "news:list", "press:list"]

    def location(self, item):
        return reverse(item)


def collected_sitemaps():
    """{section: sitemap} of the static pages, then of every app in INSTALLED_APPS order.

    Each app lists its own in a `sitemaps.py` module with a dict `SITEMAPS`, so the
    project's URLs name no app's sitemap (as `search.searchables()` finds search).
    """
    found = {"pages": StaticPagesSitemap}
    for app in apps.get_app_configs():
        if module_has_submodule(app.module, "sitemaps"):
            found.update(import_module(f"{app.name}.sitemaps").SITEMAPS)
    return found


class SitemapPageParameters(Parameters):
    p = PageNumberField()


# Django's view of one sitemap page, its `?p=` declared and checked first.
sitemap_section = declares(SitemapPageParameters)(sitemap_views.sitemap)
