import xml.etree.ElementTree as ET

import pytest

from alliance_portal.web.sitemaps import LanguagePairs, PortalSitemap
from tests.factories import make_news_item

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client, url):
    root = ET.fromstring(client.get(url).content)
    return [
        loc.text for loc in root.findall("s:url/s:loc", NS) or root.findall("s:sitemap/s:loc", NS)
    ]


def test_sitemap_pages_list_every_item_once_in_each_language(client, monkeypatch):
    monkeypatch.setattr(PortalSitemap, "limit", 3)  # addresses per page
    items = [
        make_news_item(title_de=f"Meldung {number}", teaser_de="x", status="published")
        for number in range(4)
    ]
    pages = [url for url in locations(client, "/sitemap.xml") if "sitemap-news" in url]
    assert pages == [f"http://testserver/sitemap-news.xml{page}" for page in ("", "?p=2", "?p=3")]
    listed = [location for page in pages for location in locations(client, page)]
    assert listed == [
        f"http://testserver/{language}/news/{item.slug}/"
        for item in items
        for language in ("de", "en")
    ]
    assert client.get("/sitemap-news.xml?p=4").status_code == 404


def test_language_pairs_cut_any_slice_as_a_list_would():
    pairs = LanguagePairs(["a", "b", "c"], ["de", "en"])
    every = [(item, language) for item in "abc" for language in ("de", "en")]
    assert pairs.count() == 6
    for start in range(7):
        for stop in range(start, 8):
            assert pairs[start:stop] == every[start:stop], (start, stop)
