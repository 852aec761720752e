"""The XSS corpus (tests/xss_corpus.py) is inert on public pages, in feeds and in PDFs.

Every payload is saved into every text field of an alliance, an organisation, a press
statement and a quote, in German and English. The pages are parsed as a browser parses
them (lexbor), the feeds as XML with the HTML of their descriptions parsed again, the
PDFs by pypdf. The browser itself runs them in tests/e2e/test_xss_browser.py.
"""

import io
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser

from alliance_portal import richtext as rich_text
from alliance_portal.models import Alliance
from alliance_portal.richtext.fields import RichTextField
from alliance_portal.web.feeds import NOT_XML
from members.models import Organisation
from statements.models import PressStatement, Quote
from tests.xss_corpus import (
    PAYLOADS,
    SEARCH_WORDS,
    as_pdf_shows_it,
    html_problems,
    pdf_problems,
    pdf_text,
    save_corpus,
    text_fields,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en"]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def corpus():
    return save_corpus()


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def all_pages_of(client, url):
    """A paginated list, page after page."""
    pages, number = [], 1
    while True:
        response = client.get(url, {"page": number})
        if response.status_code == 404:
            return pages
        assert response.status_code == 200, (url, number)
        pages.append((f"{url}?page={number}", response.content.decode()))
        number += 1


def h1_text(html):
    return LexborHTMLParser(html).css_first("h1").text(deep=True)


def assert_inert(url, html):
    problems = html_problems(html)
    assert not problems, f"{url}:\n" + "\n".join(problems)


def test_the_corpus_reaches_every_text_field_in_both_languages(corpus):
    assert len(PAYLOADS) >= 30
    payload = "<script>alert('XSS')</script>"
    item = next(item for item in corpus if item.payload == payload)
    for instance in (item.alliance, item.organisation, item.statement, item.quote):
        instance.refresh_from_db()
        names = {field.name for field in text_fields(type(instance))}
        assert {"name_de", "name_en"} & names or {"text_de", "headline_de"} & names
        for field in text_fields(type(instance)):
            value = getattr(instance, field.attname)
            if isinstance(field, RichTextField):
                # Rich text is cleaned on the way in: this payload leaves nothing.
                assert "<script" not in (value or "")
            elif field.name.endswith(("_de", "_en")) and not field.choices:
                assert value in (payload, "", None, "Harmloser Text"), field.name
    assert item.alliance.name_en == payload
    assert item.statement.headline_en == payload
    assert item.quote.speaker_function_en == payload
    assert item.organisation.description_de == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_are_inert(client, corpus, language):
    pages = [(f"/{language}/", get_page(client, f"/{language}/"))]
    for list_url in ("alliances", "organisations", "press"):
        pages += all_pages_of(client, f"/{language}/{list_url}/")
    for word in SEARCH_WORDS:
        url = f"/{language}/search/?q={word}"
        html = get_page(client, url)
        assert "<mark>" in html, f"{url} found nothing"
        pages.append((url, html))
    for url, html in pages:
        assert_inert(url, html)
    for item in corpus:
        for obj in (item.alliance, item.organisation, item.statement):
            url = f"/{language}{obj.get_absolute_url()[3:]}"
            html = get_page(client, url)
            assert_inert(url, html)
        # What visitors see of a plain field is the payload itself, as text.
        assert h1_text(html) == item.statement.headline, url


def feed_texts(xml):
    """(title, description HTML) of every item of an RSS 2.0 or Atom feed."""
    root = ET.fromstring(xml)
    if root.tag == f"{ATOM}feed":
        return [
            (entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}summary") or "")
            for entry in root.iter(f"{ATOM}entry")
        ]
    return [
        (item.findtext("title"), item.findtext("description") or "") for item in root.iter("item")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_feeds_are_inert(client, corpus, language):
    urls = [f"/{language}/feeds/press/", f"/{language}/feeds/press/atom/"]
    for item in corpus:
        slug = item.alliance.slug
        urls += [
            f"/{language}/feeds/{slug}/press/",
            f"/{language}/feeds/{slug}/press/atom/",
            f"/{language}/feeds/{slug}/news/",
            f"/{language}/feeds/{slug}/news/atom/",
        ]
    # (less the control characters XML cannot carry)
    headlines = {NOT_XML.sub("", item.statement.headline) for item in corpus}
    seen = set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        for title, description in feed_texts(response.content):
            # Titles are plain text: the payload, character for character.
            assert title in headlines, (url, title[:80])
            seen.add(title)
            problems = html_problems(description, document=False)
            assert not problems, f"{url}: {title[:60]!r}:\n" + "\n".join(problems)
            # Descriptions are HTML: the plain text in them is escaped, so it reads as written.
            assert LexborHTMLParser(f"<p>{description}</p>").css_first("p").text()
    assert seen == headlines


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdfs_are_inert_and_show_the_payload_as_text(client, corpus, language):
    for item in corpus:
        url = f"/{language}{item.statement.get_absolute_url()[3:]}pdf/"
        response = client.get(url)
        assert response.status_code == 200, url
        reader = PdfReader(io.BytesIO(response.content))
        problems = pdf_problems(reader)
        assert not problems, f"{url}: " + ", ".join(problems)
        text = pdf_text(reader)
        assert as_pdf_shows_it(item.statement.headline) in text, url
        assert as_pdf_shows_it(item.quote.speaker_name) in text, url


def test_rich_text_written_past_the_model_is_cleaned_or_escaped_on_the_page(client, corpus):
    """QuerySet.update() goes through the field too; raw SQL does not, and the page
    cleans what it marks safe once more."""
    statement = corpus[0].statement
    hostile = '<p>Hallo <img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a></p>'
    PressStatement.objects.filter(pk=statement.pk).update(body_de=hostile)
    statement.refresh_from_db()
    assert statement.body_de == "<p>Hallo x</p>"

    with connection.cursor() as cursor:
        table = PressStatement._meta.db_table
        cursor.execute(f"UPDATE {table} SET body_de = %s WHERE id = %s", [hostile, statement.pk])
    html = get_page(client, statement.get_absolute_url())
    assert_inert(statement.get_absolute_url(), html)
    assert "<p>Hallo x</p>" in html


@pytest.mark.parametrize("model", [Alliance, Organisation, PressStatement, Quote])
def test_every_rich_text_field_is_cleaned_on_save(model):
    fields = [f for f in text_fields(model) if isinstance(f, RichTextField)]
    if model is Quote:
        assert not fields  # quotes are someone's exact words: plain text
        return
    assert fields
    for field in fields:
        assert rich_text.clean(PAYLOADS[0]) == ""
        assert field.get_db_prep_save(PAYLOADS[0], connection) == ""
