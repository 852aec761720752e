"""The read API (/api/v1/): languages, cursors, filters, caching headers, CORS, and a
JSON 400 naming the parameter for anything that is not valid."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.utils import timezone

from alliance_portal.models import Alliance
from statements.models import PressStatement, Quote
from tests.factories import make_alliance, make_news_item, make_organisation, make_statement

API = "/api/v1"


def get(client, url, status=200, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    return response


def walk(client, url):
    """Every item of a list, page by page, following `next`."""
    items, pages = [], 0
    while url:
        body = get(client, url).json()
        items += body["items"]
        url, pages = body["next"], pages + 1
    return items, pages


def test_the_index_names_every_list_the_docs_and_the_download(client, db):
    index = get(client, f"{API}/").json()
    assert set(index["lists"]) >= {
        "alliances",
        "organisations",
        "memberships",
        "statements",
        "news",
        "key-figures",
    }
    assert index["openapi"] == "http://testserver/api/v1/openapi.json"
    assert index["download"] == "http://testserver/api/v1/download.zip"
    assert "CC BY 4.0" in index["licence"]


def test_texts_come_in_the_language_asked_for_by_parameter_or_header(client, demo_content):
    url = f"{API}/alliances/deutsche-aluminium-allianz/"
    german = get(client, url).json()
    english = get(client, f"{url}?lang=en")
    by_header = get(client, url, accept_language="en-GB,en;q=0.9")
    assert german["name"] == "Deutsche Aluminium-Allianz"
    assert english.json()["name"] == "German Aluminium Alliance"
    assert english["Content-Language"] == "en"
    assert by_header.json() == english.json()
    assert "Accept-Language" in by_header["Vary"]
    assert english.json()["url"] == "http://testserver/en/alliances/deutsche-aluminium-allianz/"
    # ?lang= wins over the header.
    assert get(client, f"{url}?lang=de", accept_language="en").json()["name"] == german["name"]


def test_a_statement_carries_its_quotes_with_speaker_and_organisation(client, demo_content):
    statement = PressStatement.objects.published().get(
        slug="aluminiumbuendnis-nrw-gemeinsame-erklaerung"
    )
    body = get(client, f"{API}/statements/{statement.slug}/?lang=en").json()
    quotes = statement.quotes.order_by("position", "pk")
    assert [q["speaker_name"] for q in body["quotes"]] == [q.speaker_name for q in quotes]
    assert len(body["quotes"]) == 6
    # Each quote links to its own anchor, not all to the first.
    anchors = [q["url"].rsplit("#", 1)[1] for q in body["quotes"]]
    assert anchors == [q.anchor for q in quotes] and len(set(anchors)) == 6
    assert body["pdf"].endswith(f"/en/press/{statement.slug}/pdf/")
    assert body["released_at"].startswith("2021-11-30")
    linked = [q for q in quotes if q.organisation_id]
    for quote in body["quotes"]:
        if quote["on_behalf_of_id"]:
            assert quote["on_behalf_of_id"].startswith("organisation-")
    assert linked, "the demo quotes name the organisations their speakers spoke for"


def test_key_figures_keep_their_exact_value(client, demo_content):
    figures = get(client, f"{API}/key-figures/?alliance=deutsche-aluminium-allianz&lang=en")
    values = {f["label"]: f["value"] for f in figures.json()["items"]}
    assert values["Annual turnover"] == "22500000000"
    assert values["Employees"] == "61000"


def test_cursor_pages_walk_every_item_once_newest_first(client, db):
    alliance = make_alliance()
    moment = timezone.now() - timedelta(days=1)
    # Several at the very same moment: the id breaks the tie.
    made = [
        make_statement(alliance=alliance, published_at=moment - timedelta(hours=i % 3))
        for i in range(11)
    ]
    items, pages = walk(client, f"{API}/statements/?limit=3")
    assert pages == 4
    expected = sorted(made, key=lambda s: (s.published_at, s.pk), reverse=True)
    assert [item["id"] for item in items] == [f"statement-{s.pk}" for s in expected]


def test_a_cursor_stays_right_when_an_item_is_published_meanwhile(client, db):
    alliance = make_alliance()
    for i in range(4):
        make_statement(alliance=alliance, published_at=timezone.now() - timedelta(days=i + 1))
    first = get(client, f"{API}/statements/?limit=2").json()
    make_statement(alliance=alliance, headline_de="Ganz neu")
    second = get(client, first["next"]).json()
    ids = [i["id"] for i in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 4


def test_filters_by_alliance_organisation_and_update_time(client, db):
    nrw, daa = make_alliance(slug="nrw"), make_alliance(slug="daa")
    trimet = make_organisation(slug="trimet")
    signed = make_statement(alliance=nrw)
    signed.signatories.add(trimet)
    quoted = make_statement(alliance=daa)
    Quote.objects.create(statement=quoted, text_de="Gut so.", speaker_name="A", organisation=trimet)
    other = make_statement(alliance=daa)
    make_news_item(alliances=[nrw])

    def ids(url):
        return {item["id"] for item in get(client, url).json()["items"]}

    assert ids(f"{API}/statements/?alliance=nrw") == {f"statement-{signed.pk}"}
    assert ids(f"{API}/statements/?organisation=trimet") == {
        f"statement-{signed.pk}",
        f"statement-{quoted.pk}",
    }
    assert ids(f"{API}/statements/?alliance=nobody") == set()
    assert len(ids(f"{API}/news/?alliance=nrw")) == 1
    later = timezone.now() + timedelta(minutes=5)
    with time_machine.travel(later):
        other.save()
    since = (later - timedelta(seconds=1)).isoformat()
    response = client.get(f"{API}/statements/", {"updated_since": since})
    assert {item["id"] for item in response.json()["items"]} == {f"statement-{other.pk}"}
    assert ids(f"{API}/statements/?updated_since=2000-01-01") == {
        f"statement-{s.pk}" for s in (signed, quoted, other)
    }


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("lang=xx", "lang"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=WyJuZXdzIixbMV1d:1abc:forged", "cursor"),
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=2026-02-30", "updated_since"),
        ("updated_since=1700000000", "updated_since"),
        ("limit=0", "limit"),
        ("limit=10000", "limit"),
        ("limit=zwei", "limit"),
        ("alliance=%00", "alliance"),
        ("alliance=" + "a" * 200, "alliance"),
        ("aliance=nrw", "aliance"),
        ("utm_source=newsletter", "utm_source"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(client, db, query, parameter):
    response = get(client, f"{API}/statements/?{query}", status=400)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    named = [problem["name"] for problem in response.json()["parameters"]]
    assert named == [parameter]
    assert response.json()["parameters"][0]["message"]


def test_a_cursor_of_another_list_is_refused(client, db):
    alliance = make_alliance()
    for _ in range(3):
        make_statement(alliance=alliance)
    cursor = get(client, f"{API}/statements/?limit=1").json()["next_cursor"]
    problem = get(client, f"{API}/news/?cursor={cursor}", status=400).json()["parameters"][0]
    assert problem["name"] == "cursor"
    assert "statements" in problem["message"]


def test_details_refuse_list_parameters_and_unknown_slugs(client, db):
    alliance = make_alliance(slug="nrw")
    assert (
        get(client, f"{API}/alliances/nrw/?limit=3", status=400).json()["parameters"][0]["name"]
        == "limit"
    )
    assert "error" in get(client, f"{API}/alliances/niemand/", status=404).json()
    get(client, f"{API}/alliances/{'x' * 300}/", status=400)
    assert alliance.slug == "nrw"


def test_answers_carry_etag_and_last_modified_and_revalidate_with_304(client, demo_content):
    url = f"{API}/alliances/"
    first = get(client, url)
    assert first["ETag"] and first["Last-Modified"]
    assert get(client, url, if_none_match=first["ETag"], status=304).content == b""
    get(client, url, if_modified_since=first["Last-Modified"], status=304)
    Alliance.objects.filter(slug="deutsche-aluminium-allianz").first().save()
    changed = get(
        client, url, if_none_match=first["ETag"], if_modified_since=first["Last-Modified"]
    )
    assert changed.status_code == 200


def test_any_site_may_read_it_by_cors_but_only_read(client, db):
    response = get(client, f"{API}/alliances/", origin="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        f"{API}/alliances/",
        headers={"origin": "https://example.org", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 200
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    # Pages are not the API: no CORS there.
    assert "Access-Control-Allow-Origin" not in client.get(
        "/de/", headers={"origin": "https://example.org"}
    )


def test_the_page_cache_covers_the_api_and_lifts_an_embargo_on_time(client, settings, db):
    settings.PAGE_CACHE_SECONDS = 600
    for alias in ("default", "coordination"):
        caches[alias].clear()
    alliance = make_alliance()
    release = timezone.now() + timedelta(hours=2)
    statement = make_statement(
        alliance=alliance, headline_de="Sperrfrist bis zwei Uhr", published_at=release
    )
    url = f"{API}/statements/"
    assert get(client, url)["X-Cache"] == "miss"
    cached = get(client, url, origin="https://example.org")
    assert cached["X-Cache"] == "hit" and cached.json()["items"] == []
    assert cached["Access-Control-Allow-Origin"] == "*"
    # Each cursor and language is a page of its own in the cache.
    assert get(client, f"{url}?lang=en")["X-Cache"] == "miss"
    get(client, f"{API}/statements/{statement.slug}/", status=404)
    with time_machine.travel(release + timedelta(seconds=1)):
        released = get(client, url)
        assert released["X-Cache"] == "miss"
        assert [item["headline"] for item in released.json()["items"]] == [
            "Sperrfrist bis zwei Uhr"
        ]
        get(client, f"{API}/statements/{statement.slug}/")
