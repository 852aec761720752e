"""The public site across apps: every page, both languages, nothing unpublished, fixed queries."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.utils import timezone
from PIL import Image

from alliance_portal.models import Alliance
from alliance_portal.publishing.page_cache import current_generation
from members.models import Membership
from statements.models import Quote
from tests.factories import make_alliance, make_news_item, make_organisation, make_statement
from tests.load_pages import (
    LARGE_SCALE,
    SMALL_SCALE,
    captured_queries,
    generate_load_data,
    load_data_pages,
)

pytestmark = pytest.mark.django_db

DAA = "/{lang}/alliances/deutsche-aluminium-allianz/"
PAGES = {
    "home": "/{lang}/",
    "alliance list": "/{lang}/alliances/",
    "alliance detail": DAA,
    "organisation list": "/{lang}/organisations/",
    "organisation detail": "/{lang}/organisations/ig-metall/",
    "news list": "/{lang}/news/",
    "news detail": "/{lang}/news/alfed-gruendet-uk-aluminium-alliance/",
    "article": "/{lang}/news/articles/aluminium-als-klimaneutraler-energietraeger/",
    "press list": "/{lang}/press/",
    "press detail": "/{lang}/press/aluminiumbuendnis-nrw-gemeinsame-erklaerung/",
    "search": "/{lang}/search/?q=Aluminium",
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_renders_the_demo_content(client, demo_content, page, lang):
    response = client.get(PAGES[page].format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert '<link rel="alternate" hreflang="de"' in html
    assert '<link rel="alternate" hreflang="en"' in html
    assert '<link rel="canonical"' in html
    assert '<meta property="og:title"' in html


def test_alliance_page_shows_seed_000_in_german(client, demo_content):
    html = client.get(DAA.format(lang="de")).content.decode()
    for fact in (
        "Deutsche Aluminium-Allianz",
        "Gründungsmitglied",
        "Aluminium Deutschland e.V.",
        "IG Metall",
        "IGBCE",
        "Behörde für Wirtschaft, Arbeit und Innovation der Freien und Hansestadt Hamburg",
        "61.000",
        "22,5\u00a0Mrd.\u00a0€",
        "Ökologisch",
        "Ökonomisch",
        "Sozial",
        "sichere, erneuerbare und bezahlbare Energieversorgung",
        "verstärkte Forschungs- und Innovationsförderung",
        "faire internationale Wettbewerbsbedingungen",
        "Gegründet am 8. Oktober 2024",
    ):
        assert fact in html, fact


def test_alliance_page_shows_seed_000_in_english(client, demo_content):
    html = client.get(DAA.format(lang="en")).content.decode()
    for fact in (
        "German Aluminium Alliance",
        "Founding member",
        "Ministry of Economic Affairs of the State of North Rhine-Westphalia",
        "61,000",
        "€22.5\u00a0bn",
        "Ecological",
        "Economic",
        "Social",
        "a secure, renewable and affordable energy supply",
        "stronger support for research and innovation",
        "fair international conditions of competition",
    ):
        assert fact in html, fact
    structured = json.loads(
        html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    )
    assert structured["@type"] == "Organization"
    assert structured["foundingDate"] == "2024-10-08"
    assert len(structured["member"]) == 8


def test_english_page_marks_german_shown_for_missing_translation(client, demo_content):
    html = client.get(PAGES["article"].format(lang="en")).content.decode()
    assert '<span lang="de" class="fallback">Innovation im Fokus' in html
    assert "in German: not yet translated" in html
    german = client.get(PAGES["article"].format(lang="de")).content.decode()
    assert 'class="fallback"' not in german


def test_article_reads_repaired_characters(client, demo_content):
    html = client.get(PAGES["article"].format(lang="de")).content.decode()
    for word in ("Energieträger", "für", "CO₂", "Maßstäbe"):
        assert word in html
    assert "√" not in html


def test_press_statement_has_quote_anchors_and_markup(client, demo_content):
    html = client.get(PAGES["press detail"].format(lang="de")).content.decode()
    for number in range(1, 7):
        assert f'id="quote-{number}"' in html
    assert html.count('itemtype="https://schema.org/Quotation"') == 6
    assert "Düsseldorf" in html and "30. November 2021" in html
    assert 'href="mailto:tim.stappen@alu-d.de"' in html
    assert 'href="tel:+492114796-276"' in html


def test_key_figures_download_as_csv_and_json(client, demo_content):
    csv_response = client.get(DAA.format(lang="de") + "key-figures.csv")
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    lines = csv_response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "label,qualifier,value,unit,year,scope,source,source_url"
    assert lines[1].startswith("Beschäftigte,about,61000,count,2024,")
    data = json.loads(client.get(DAA.format(lang="en") + "key-figures.json").content)
    assert [(f["label"], f["value"], f["year"]) for f in data["key_figures"]] == [
        ("Employees", "61000", 2024),
        ("Annual turnover", "22500000000", 2024),
    ]
    assert client.get(DAA.format(lang="en") + "key-figures.xlsx").status_code == 404


@pytest.mark.parametrize(
    "query", ["", "a", "!!!", "?*&%", "x" * 5000, "Aluminium " * 300, "<script>", "' OR 1=1 --"]
)
def test_search_answers_any_query_sensibly(client, demo_content, query):
    response = client.get("/de/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html.split("<main")[1]


def test_search_groups_results_and_highlights(client, demo_content):
    html = client.get("/en/search/", {"q": "aluminium"}).content.decode()
    assert "Alliances" in html and "Press statements" in html
    assert "<mark>" in html.lower()
    assert "Please enter at least two" in client.get("/en/search/?q=a").content.decode()


def hidden_content():
    """A draft and a future-dated item of every kind, all named 'Geheim…'."""
    future = timezone.now() + timedelta(hours=2)
    hidden = []
    for status, when in (("draft", timezone.now()), ("published", future)):
        alliance = make_alliance(name_de="Geheimallianz", status=status, published_at=when)
        organisation = make_organisation(
            name_de="Geheimorganisation", status=status, published_at=when
        )
        news = make_news_item(
            title_de="Geheimnachricht",
            teaser_de="Geheim",
            status=status,
            published_at=when,
            alliances=[Alliance.objects.get(slug="deutsche-aluminium-allianz")],
        )
        statement = make_statement(
            headline_de="Geheimerklärung",
            dateline_place_de="Berlin",
            body_de="Geheimer Text über Aluminium",
            alliance=Alliance.objects.get(slug="deutsche-aluminium-allianz"),
            status=status,
            published_at=when,
        )
        Quote.objects.create(
            statement=statement,
            text_de="Geheimzitat",
            speaker_name="Jemand",
            organisation=Membership.objects.first().organisation,
            position=9,
        )
        Membership.objects.create(
            alliance=Alliance.objects.get(slug="deutsche-aluminium-allianz"),
            organisation=organisation,
        )
        Membership.objects.create(
            alliance=alliance, organisation=Membership.objects.first().organisation
        )
        hidden += [alliance, organisation, news, statement]
    return hidden


def test_drafts_and_future_items_appear_nowhere_public(client, demo_content):
    hidden = hidden_content()
    organisation_with_quotes = Membership.objects.first().organisation
    pages = [url.format(lang=lang) for url in PAGES.values() for lang in ("de", "en")]
    pages += [
        organisation_with_quotes.get_absolute_url(),
        "/de/search/?q=Geheim",
        "/de/search/?q=Geheimallianz",
        "/de/search/?q=Geheimerklärung",
        "/sitemap-alliances.xml",
        "/sitemap-organisations.xml",
        "/sitemap-news.xml",
        "/sitemap-press.xml",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        if "/search/" in url:
            # The page repeats the query; no result may show a hidden item.
            html = "".join(part.split("</ul>")[0] for part in html.split('class="results"')[1:])
        assert "Geheim" not in html, url
    for item in hidden:
        assert client.get(item.get_absolute_url()).status_code == 404, item


SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def test_sitemap_index_lists_a_sitemap_per_kind_of_page(client, demo_content):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    assert [loc.text for loc in root.findall("s:sitemap/s:loc", SITEMAP_NS)] == [
        f"http://testserver/sitemap-{section}.xml"
        for section in ("pages", "alliances", "legal", "organisations", "news", "articles", "press")
    ]


def test_sitemap_lists_both_languages_with_alternates(client, demo_content):
    def locations(section):
        root = ET.fromstring(client.get(f"/sitemap-{section}.xml").content)
        return root, [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]

    root, alliances = locations("alliances")
    assert "http://testserver/de/alliances/deutsche-aluminium-allianz/" in alliances
    assert "http://testserver/en/alliances/deutsche-aluminium-allianz/" in alliances
    _root, press = locations("press")
    assert "http://testserver/en/press/aluminiumbuendnis-nrw-gemeinsame-erklaerung/" in press
    ns = SITEMAP_NS
    first = root.find("s:url", ns)
    languages = {link.get("hreflang") for link in first.findall("x:link", ns)}
    assert languages == {"de", "en", "x-default"}


def test_robots_txt_points_to_the_sitemap(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_favicon_ico_is_the_portal_icon_kept_for_a_week(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 600  # the page cache must not make it max-age=0
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response["Cache-Control"] == "public, max-age=604800"
    icon = Image.open(BytesIO(response.content))
    assert icon.format == "ICO"
    assert icon.info["sizes"] == {(16, 16), (32, 32), (48, 48)}
    # img/favicon.svg's design: white "AP" on the portal's blue (#0b5cad).
    icon.size = (32, 32)
    pixels = icon.convert("RGB")
    assert pixels.getpixel((3, 16)) == (0x0B, 0x5C, 0xAD)
    assert max(pixels.getpixel((x, 16)) for x in range(32)) > (0xF0, 0xF0, 0xF0)
    assert client.head("/favicon.ico").status_code == 200
    assert client.post("/favicon.ico").status_code == 405


def test_public_pages_link_the_icon_in_both_formats(client, db):
    html = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html


# One per kind of result (five kinds). On PostgreSQL (alliance_portal/search.py) also,
# per kind, the estimate that chooses how to find its newest matches and a savepoint
# (SAVEPOINT, RELEASE), and around them all the time limit, set and reset, in a
# transaction (here a savepoint too, as tests run in a transaction).
SEARCH_QUERIES = 5 * (1 + 1 + 2) + 2 + 2 if connection.vendor == "postgresql" else 5

# Queries per page, the same whatever the amount of content (see the test below). The
# footer of every HTML page reads the legal pages in one query (templatetags/legal.py).
QUERY_BUDGET = {
    "home": 4,
    "alliance list": 5,
    "alliance list, filtered": 5,
    "alliance detail": 15,
    "organisation list": 4,
    "organisation list, last page": 4,
    "organisation list in English, last page": 4,
    "organisation list, filtered": 4,
    "organisation list of an alliance, last page": 5,
    "organisation detail": 4,
    "news list": 8,
    "news list, last page": 8,
    "news list of an alliance, last page": 9,
    "news list of a year, last page": 8,
    "news detail": 3,
    "article": 4,
    "press list": 6,
    "press list, last page": 6,
    "press list of an alliance": 7,
    "press list of a year, last page": 6,
    "press detail": 6,
    "statement PDF": 5,
    "news feed": 1,
    "press feed": 1,
    "news feed of an alliance": 2,
    "press feed of an alliance": 2,
    "search": SEARCH_QUERIES + 1,
    "search in English": SEARCH_QUERIES + 1,
    "legal page": 2,
    "sitemap index": 6,  # a count per kind of page (the fixed pages need none)
    "sitemap of statements": 2,
    "sitemap of legal pages": 1,
}


def test_every_public_page_runs_a_fixed_number_of_queries(client, demo_content, settings):
    """The demo content plus load data at one size, then at fifty times that size: every
    page runs the same queries, however many items there are (no query per item)."""
    settings.PAGE_CACHE_SECONDS = 0  # measure the views, not a page cache
    generate_load_data(SMALL_SCALE)
    # A new content generation costs two queries per publishable model, once
    # per change of content, not per page (alliance_portal/page_cache.py).
    current_generation()
    small = {page: len(captured_queries(client, url)) for page, url in load_data_pages().items()}
    generate_load_data(LARGE_SCALE, replace=True)
    current_generation()
    large = {page: len(captured_queries(client, url)) for page, url in load_data_pages().items()}
    assert (small, large) == (QUERY_BUDGET, QUERY_BUDGET)


@pytest.mark.parametrize("page", ["news detail", "press detail"])
def test_news_and_statements_describe_themselves_as_news_articles(client, demo_content, page):
    html = client.get(PAGES[page].format(lang="en")).content.decode()
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "NewsArticle"
    assert data["inLanguage"] == "en"
    assert data["datePublished"][:4] in ("2021", "2025")


def test_news_and_press_filters_survive_pagination(client, demo_content):
    alliance = Alliance.objects.get(slug="uk-aluminium-alliance")
    for number in range(25):
        make_news_item(
            title_de=f"Meldung {number}", teaser_de="x", status="published", alliances=[alliance]
        )
    response = client.get("/de/news/", {"alliance": alliance.slug})
    assert len(response.context["news_items"]) == 20
    assert 'href="?alliance=uk-aluminium-alliance&amp;page=2"' in response.content.decode()
    page_two = client.get("/de/news/", {"alliance": alliance.slug, "page": 2})
    assert len(page_two.context["news_items"]) == 6  # 25 new + the seed 002 item
    assert client.get("/de/press/", {"alliance": "gibt-es-nicht"}).status_code == 404
    assert client.get("/de/press/", {"year": "2021"}).context["statements"][0].slug == (
        "aluminiumbuendnis-nrw-gemeinsame-erklaerung"
    )
