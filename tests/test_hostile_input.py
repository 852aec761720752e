"""Hostile query parameters: never a 500, and every error page in the visitor's language.

Each public page declares its parameters (alliance_portal/publishing/parameters.py). The
fuzz test sends generated values for every declared parameter of every public page,
and raw, mis-encoded query strings; the regression tests keep the addresses that once
answered 500.
"""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_portal.publishing.parameters import parameters_of

pytestmark = pytest.mark.django_db

NRW = "aluminiumbuendnis-nrw"
STATEMENT = "aluminiumbuendnis-nrw-gemeinsame-erklaerung"
PUBLIC_PATHS = [
    "/{lang}/",
    "/{lang}/alliances/",
    f"/{{lang}}/alliances/{NRW}/",
    f"/{{lang}}/alliances/{NRW}/key-figures.csv",
    "/{lang}/organisations/",
    "/{lang}/organisations/ig-metall/",
    "/{lang}/news/",
    "/{lang}/news/alfed-gruendet-uk-aluminium-alliance/",
    "/{lang}/press/",
    f"/{{lang}}/press/{STATEMENT}/",
    f"/{{lang}}/press/{STATEMENT}/pdf/",
    "/{lang}/search/",
    "/{lang}/feeds/press/",
    f"/{{lang}}/feeds/{NRW}/news/atom/",
    "/sitemap.xml",
    "/sitemap-press.xml",
    "/robots.txt",
]
# What each language's error pages say (400 and 404).
ERROR_WORDS = {
    "de": ("Diese Adresse kann nicht gelesen werden", "Seite nicht gefunden"),
    "en": ("This address cannot be read", "Page not found"),
}


def url_language(path):
    """The language the page must speak: its prefix, else German (no Accept-Language)."""
    return "en" if path.startswith("/en/") else "de"


def assert_answered(response, path):
    """No 500; an error page in the visitor's language."""
    assert response.status_code in (200, 400, 404), (path, response.status_code)
    if response.status_code in (400, 404):
        html = response.content.decode()
        language = url_language(path)
        assert f'<html lang="{language}">' in html, (path, html[:300])
        assert any(words in html for words in ERROR_WORDS[language]), (path, html[:600])


# Values that broke pages once, and their relatives: NUL, digits that are not ASCII,
# years beyond Python's dates, numbers beyond any integer column, control characters,
# lone surrogates (as UTF-8 cannot carry them, browsers send replacement bytes).
HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from("\x00\x01\x1f\x7f²①٣߁\u200b\ufeff%&=?#/\\'\"<>"), max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        ["0", "00000", "10000", "1899", "2101", "last", "-1", "1e9", " 2021", "２０２１"]
    ),
)
ALL_PATHS = [
    path.format(lang=lang)
    for path in PUBLIC_PATHS
    for lang in (("de", "en") if "{lang}" in path else ("de",))
]
PATHS = st.sampled_from(ALL_PATHS)


@settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=PATHS, data=st.data())
def test_no_declared_parameter_value_gets_a_500(client, demo_content, path, data):
    declared = list(parameters_of(path).base_fields) or ["page"]
    name = data.draw(st.sampled_from([*declared, "utm_source"]), label="parameter")
    value = data.draw(HOSTILE_TEXT, label="value")
    assert_answered(client.get(path, {name: value}), path)


@settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=PATHS, raw=st.binary(max_size=24), data=st.data())
def test_no_raw_query_string_gets_a_500(client, demo_content, path, raw, data):
    """Bytes as a browser or a script may send them, percent-encoded or not valid UTF-8."""
    declared = list(parameters_of(path).base_fields) or ["q"]
    name = data.draw(st.sampled_from(declared), label="parameter")
    query = f"{name}={quote(raw, safe='')}&{name}={raw.decode('latin-1')}"
    assert_answered(client.get(path, QUERY_STRING=query), path)


# The addresses that answered 500 before (issue 13), and the answer each gets now.
REGRESSIONS = [
    ("/de/alliances/?kind=%00", 400),
    ("/de/alliances/?country=%00", 400),
    ("/de/organisations/?alliance=%00", 400),
    ("/de/organisations/?kind=%00", 400),
    ("/de/organisations/?country=%00", 400),
    ("/de/news/?alliance=%00", 400),
    ("/de/press/?alliance=%00", 400),
    ("/de/search/?q=a%00b", 400),
    ("/en/search/?q=%00", 400),
    ("/de/news/?year=0", 400),
    ("/de/news/?year=10000", 400),
    ("/de/news/?year=99999999999999999999", 400),
    ("/de/press/?year=0", 400),
    ("/de/press/?year=10000", 400),
    ("/de/press/?year=99999999999999999999", 400),
    ("/de/news/?year=%C2%B2", 400),
    ("/de/news/?year=%E2%91%A0", 400),
    ("/en/press/?year=%C2%B2", 400),
    ("/en/press/?year=%E2%91%A0", 400),
    ("/de/news/?page=%C2%B2", 400),
    ("/de/news/?page=0", 400),
    ("/de/news/?page=99", 404),
    ("/de/alliances/?page=99999999999999999999", 400),
    ("/sitemap-news.xml?p=%00", 400),
    ("/sitemap-news.xml?p=99", 404),
    # Not declared: ignored.
    ("/de/news/?utm_source=%00", 200),
    ("/de/alliances/?kind=", 200),
]


def test_addresses_that_once_answered_500(client, demo_content):
    for address, status in REGRESSIONS:
        path, _, query = address.partition("?")
        response = client.get(path, QUERY_STRING=query)
        assert response.status_code == status, address
        assert_answered(response, path)


def test_the_400_page_names_the_parameter_and_the_expected_form(client, demo_content):
    german = client.get("/de/news/", {"year": "zwölf"}).content.decode()
    assert "<code>year</code> ist „zwölf“; erwartet: eine Jahreszahl mit vier Ziffern" in german
    english = client.get("/en/news/", {"year": "zwölf"}).content.decode()
    assert "<code>year</code> is “zwölf”; expected a year of four digits, such as 2024." in english


def test_tracking_parameters_leave_links_alone(client, demo_content):
    html = client.get("/de/news/", {"utm_source": "newsletter", "year": "2021"}).content.decode()
    assert "utm_source" not in html
    assert 'href="/en/news/?year=2021"' in html  # the language switch keeps the filter
