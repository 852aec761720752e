"""Every kind of public page, found in the demo content plus `generate_load_data`'s rows.

The query-budget test (tests/test_public_pages.py) and the query-plan test
(tests/test_query_plans.py) visit these at two sizes; each page is chosen by a rule
(the largest alliance, the organisation with the most quotes…), so that it is the
same kind of page at both.
"""

from io import StringIO

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from alliance_portal.models import Alliance
from members.models import Organisation
from news.models import Article, NewsItem
from statements.models import PressStatement

# The "1×" and "50×" sizes: fractions of the full load data (100,000 statements).
SMALL_SCALE = 0.0002
LARGE_SCALE = SMALL_SCALE * 50


def generate_load_data(scale, replace=False):
    call_command("generate_load_data", scale=scale, replace=replace, stdout=StringIO())


def alliance_with_most(relation):
    return (
        Alliance.objects.published()
        .annotate(number=Count(relation))
        .order_by("-number", "pk")
        .first()
    )


def load_data_pages():
    """{page name: URL} of every public page, in German unless the name says otherwise."""
    alliance = alliance_with_most("memberships")
    news_alliance = alliance_with_most("news_items")
    issuer = alliance_with_most("press_statements")
    organisation = (
        Organisation.objects.published()
        .annotate(quote_count=Count("quotes"))
        .order_by("-quote_count", "pk")
        .first()
    )
    news_item = NewsItem.objects.published().order_by("-published_at", "-pk").first()
    statement = PressStatement.objects.published().order_by("-published_at", "-pk").first()
    article = Article.objects.published().order_by("pk").first()
    year = news_item.published_at.year
    sector = alliance.sector.slug if alliance.sector else ""
    return {
        "home": "/de/",
        "alliance list": "/de/alliances/",
        "alliance list, filtered": f"/de/alliances/?kind={alliance.kind}&sector={sector}",
        "alliance detail": alliance.get_absolute_url(),
        "organisation list": "/de/organisations/",
        "organisation list, last page": "/de/organisations/?page=last",
        "organisation list in English, last page": "/en/organisations/?page=last",
        "organisation list, filtered": f"/de/organisations/?kind={organisation.kind}",
        "organisation list of an alliance, last page": (
            f"/de/organisations/?alliance={alliance.slug}&page=last"
        ),
        "organisation detail": organisation.get_absolute_url(),
        "news list": "/de/news/",
        "news list, last page": "/de/news/?page=last",
        "news list of an alliance, last page": f"/de/news/?alliance={news_alliance.slug}&page=last",
        "news list of a year, last page": f"/de/news/?year={year}&page=last",
        "news detail": news_item.get_absolute_url(),
        "article": article.get_absolute_url(),
        "press list": "/de/press/",
        "press list, last page": "/de/press/?page=last",
        "press list of an alliance": f"/de/press/?alliance={issuer.slug}",
        "press list of a year, last page": f"/de/press/?year={year}&page=last",
        "press detail": statement.get_absolute_url(),
        "statement PDF": f"{statement.get_absolute_url()}pdf/",
        "news feed": "/de/feeds/news/",
        "press feed": "/de/feeds/press/atom/",
        "news feed of an alliance": f"/de/feeds/{news_alliance.slug}/news/",
        "press feed of an alliance": f"/de/feeds/{issuer.slug}/press/",
        "search": "/de/search/?q=Aluminium",
        "search in English": "/en/search/?q=aluminium+energy",
        "legal page": "/de/impressum/",
        "sitemap index": "/sitemap.xml",
        "sitemap of statements": "/sitemap-press.xml",
        "sitemap of legal pages": "/sitemap-legal.xml",
    }


def captured_queries(client, url):
    """The SQL of one request for `url`, which must succeed; the cache is emptied first
    (PDFs are cached), so the view's own queries are measured."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]
