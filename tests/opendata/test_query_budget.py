"""Each API list (and detail) runs the same number of SQL queries at 1× and at 50× the
load data: no query per item."""

from django.core.cache import caches

from alliance_portal.models import Alliance
from alliance_portal.publishing.page_cache import current_generation
from members.models import Organisation
from news.models import NewsItem
from statements.models import PressStatement
from tests.load_pages import (
    LARGE_SCALE,
    SMALL_SCALE,
    alliance_with_most,
    captured_queries,
    generate_load_data,
)

# Queries per address: the page (and, for a detail, the item), one per prefetched part.
QUERY_BUDGET = {
    "alliances": 1,
    "alliances of an organisation, after a cursor": 1,
    "alliance": 1,
    "organisations": 1,
    "organisations of an alliance, after a cursor": 1,
    "organisation": 1,
    "memberships": 1,
    "memberships of an alliance, updated since": 1,
    "statements": 5,
    "statements of an alliance, after a cursor": 5,
    "statements of an organisation": 5,
    "statement": 5,
    "news": 2,
    "news of an alliance, after a cursor": 2,
    "news item": 2,
    "key figures": 1,
    "key figures of an alliance": 1,
}


def api_addresses(client):
    alliance = alliance_with_most("memberships")
    issuer = alliance_with_most("press_statements")
    news_alliance = alliance_with_most("news_items")
    organisation = Organisation.objects.published().order_by("pk").first()
    statement = PressStatement.objects.published().order_by("-published_at", "-pk").first()
    news_item = NewsItem.objects.published().order_by("-published_at", "-pk").first()

    def cursor(url):
        return client.get(url).json()["next_cursor"]

    api = "/api/v1"
    alliances_after = cursor(f"{api}/alliances/?limit=1") or ""
    organisations_after = cursor(f"{api}/organisations/?alliance={alliance.slug}&limit=5")
    statements_after = cursor(f"{api}/statements/?alliance={issuer.slug}&limit=10")
    news_after = cursor(f"{api}/news/?alliance={news_alliance.slug}&limit=5")
    return {
        "alliances": f"{api}/alliances/",
        "alliances of an organisation, after a cursor": (
            f"{api}/alliances/?organisation={organisation.slug}&limit=1&cursor={alliances_after}"
        ),
        "alliance": f"{api}/alliances/{alliance.slug}/",
        "organisations": f"{api}/organisations/",
        "organisations of an alliance, after a cursor": (
            f"{api}/organisations/?alliance={alliance.slug}&limit=5&cursor={organisations_after}"
        ),
        "organisation": f"{api}/organisations/{organisation.slug}/",
        "memberships": f"{api}/memberships/?lang=en",
        "memberships of an alliance, updated since": (
            f"{api}/memberships/?alliance={alliance.slug}&updated_since=2000-01-01"
        ),
        "statements": f"{api}/statements/",
        "statements of an alliance, after a cursor": (
            f"{api}/statements/?alliance={issuer.slug}&limit=10&cursor={statements_after}"
        ),
        "statements of an organisation": f"{api}/statements/?organisation={organisation.slug}",
        "statement": f"{api}/statements/{statement.slug}/?lang=en",
        "news": f"{api}/news/",
        "news of an alliance, after a cursor": (
            f"{api}/news/?alliance={news_alliance.slug}&limit=5&cursor={news_after}"
        ),
        "news item": f"{api}/news/{news_item.slug}/",
        "key figures": f"{api}/key-figures/",
        "key figures of an alliance": f"{api}/key-figures/?alliance={alliance.slug}",
    }


def measure(client):
    counts = {}
    for name, url in api_addresses(client).items():
        queries = captured_queries(client, url)
        counts[name] = len(queries)
    return counts


def test_every_api_address_runs_a_fixed_number_of_queries(client, demo_content, settings):
    settings.PAGE_CACHE_SECONDS = 0
    generate_load_data(SMALL_SCALE)
    current_generation()
    small = measure(client)
    generate_load_data(LARGE_SCALE, replace=True)
    caches["coordination"].clear()
    current_generation()
    large = measure(client)
    assert Alliance.objects.published().count() > 1
    assert (small, large) == (QUERY_BUDGET, QUERY_BUDGET)
