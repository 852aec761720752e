"""RSS and Atom feeds: valid, in each language, and only with released items."""

from datetime import timedelta

import feedparser
import pytest
import time_machine
from django.utils import timezone

from alliance_portal.models import Alliance
from tests.factories import make_news_item, make_statement

pytestmark = pytest.mark.django_db

FEEDS = [
    "/{lang}/feeds/news/",
    "/{lang}/feeds/news/atom/",
    "/{lang}/feeds/press/",
    "/{lang}/feeds/press/atom/",
    "/{lang}/feeds/deutsche-aluminium-allianz/news/",
    "/{lang}/feeds/aluminiumbuendnis-nrw/press/atom/",
]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("url", FEEDS)
def test_feeds_parse_without_errors_in_each_language(client, demo_content, url, lang):
    feed = parse(client, url.format(lang=lang))
    assert feed.entries
    assert feed.feed.language == lang
    for entry in feed.entries:
        assert entry.link.startswith(f"http://testserver/{lang}/")


def test_feed_titles_follow_the_language(client, demo_content):
    german = parse(client, "/de/feeds/press/")
    english = parse(client, "/en/feeds/press/")
    assert german.entries[0].title.startswith("Aluminiumbündnis Nordrhein-Westfalen")
    assert english.entries[0].title.startswith("North Rhine-Westphalia Aluminium Alliance")


def test_alliance_feed_holds_only_its_own_items(client, demo_content):
    feed = parse(client, "/en/feeds/uk-aluminium-alliance/news/")
    assert [e.title for e in feed.entries] == [
        "ALFED founds a British aluminium alliance to promote industrial growth, "
        "decarbonisation and investment"
    ]
    assert client.get("/en/feeds/no-such-alliance/news/").status_code == 404


def test_feeds_hold_only_released_published_items(client, demo_content):
    alliance = Alliance.objects.get(slug="aluminiumbuendnis-nrw")
    release = timezone.now() + timedelta(hours=3)
    make_statement(
        headline_de="Sperrfrist-Meldung",
        dateline_place_de="Köln",
        body_de="Text",
        alliance=alliance,
        status="published",
        published_at=release,
    )
    make_statement(
        headline_de="Entwurfs-Meldung",
        dateline_place_de="Köln",
        body_de="Text",
        alliance=alliance,
        status="draft",
    )
    make_news_item(title_de="Entwurfsnachricht", teaser_de="x", status="draft")
    urls = ["/de/feeds/press/", "/de/feeds/press/atom/", "/de/feeds/aluminiumbuendnis-nrw/press/"]
    for url in urls + ["/de/feeds/news/"]:
        titles = [entry.title for entry in parse(client, url).entries]
        assert not any("Sperrfrist" in t or "Entwurf" in t for t in titles), url
    # At its release time the statement appears by itself; the draft never does.
    with time_machine.travel(release + timedelta(minutes=1)):
        for url in urls:
            titles = [entry.title for entry in parse(client, url).entries]
            assert "Sperrfrist-Meldung" in titles, url
            assert "Entwurfs-Meldung" not in titles, url
