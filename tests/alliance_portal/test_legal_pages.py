"""Impressum, privacy notice and accessibility statement: pages, footer, sitemap, admin."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Version

from alliance_portal.models import LegalPage
from alliance_portal.ops.backups import exported_models
from alliance_portal.publishing.page_cache import current_generation
from alliance_portal.publishing.roles import EDITOR, PUBLISHER
from tests.admin_forms import admin_form, admin_url, errors
from tests.factories import make_alliance, make_legal_page
from tests.load_pages import captured_queries

pytestmark = pytest.mark.django_db

Kind = LegalPage.Kind

# (kind, German address, English address)
ADDRESSES = [
    (Kind.IMPRINT, "/de/impressum/", "/en/imprint/"),
    (Kind.PRIVACY, "/de/datenschutz/", "/en/privacy/"),
    (Kind.ACCESSIBILITY, "/de/barrierefreiheit/", "/en/accessibility/"),
]
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture
def legal_pages(db):
    return {kind: make_legal_page(kind) for kind in Kind}


def footer(html):
    return html.split('<footer class="site-footer">')[1].split("</footer>")[0]


def footer_links(html):
    """(address, text) of the legal links in the footer."""
    legal = re.search(r'<nav class="legal-nav".*?</nav>', footer(html), re.S)
    return re.findall(r'<li><a href="([^"]+)"[^>]*>([^<]+)</a></li>', legal[0]) if legal else []


# --- The pages ----------------------------------------------------------------


@pytest.mark.parametrize(("kind", "german", "english"), ADDRESSES)
def test_legal_page_shows_title_body_and_review_date_in_german(
    client, legal_pages, kind, german, english
):
    response = client.get(german)
    assert response.status_code == 200
    html = response.content.decode()
    title = legal_pages[kind].title_de
    assert '<html lang="de">' in html
    assert f"<title>{title} – Alliance Portal</title>" in html
    assert f"<h1>{title}</h1>" in html
    assert f"<p>Text: {title}</p>" in html
    # The date as German writes it, machine-readable too.
    assert '<time datetime="2025-03-14">14. März 2025</time>' in html


@pytest.mark.parametrize(("kind", "german", "english"), ADDRESSES)
def test_legal_page_shows_title_body_and_review_date_in_english(
    client, legal_pages, kind, german, english
):
    response = client.get(english)
    assert response.status_code == 200
    html = response.content.decode()
    title = legal_pages[kind].title_en
    assert '<html lang="en">' in html
    assert f"<h1>{title}</h1>" in html
    assert f"<p>Text: {title}</p>" in html
    assert 'Last reviewed on <time datetime="2025-03-14">14 March 2025</time>' in html


def test_english_page_without_english_text_shows_the_german_marked(client):
    make_legal_page(Kind.IMPRINT, title_en="", body_en="")
    html = client.get("/en/imprint/").content.decode()
    assert '<span lang="de" class="fallback">Impressum' in html
    assert '<div lang="de" class="fallback"><p>Text: Impressum</p>' in html
    # The footer links it under its German title, marked as German.
    assert '<a href="/en/imprint/" lang="de" aria-current="page">Impressum</a>' in html


@pytest.mark.parametrize(("kind", "german", "english"), ADDRESSES)
def test_language_switcher_and_alternates_link_the_twin(client, legal_pages, kind, german, english):
    html = client.get(german).content.decode()
    assert f'<a href="{english}" hreflang="en" lang="en">' in html
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{english}">' in html
    assert f'<link rel="canonical" href="http://testserver{german}">' in html
    html = client.get(english).content.decode()
    assert f'<a href="{german}" hreflang="de" lang="de">' in html
    assert f'<link rel="alternate" hreflang="de" href="http://testserver{german}">' in html


def test_urls_are_named_by_kind_in_the_active_language(legal_pages):
    for kind, german, english in ADDRESSES:
        with translation.override("de"):
            assert reverse("legal:detail", kwargs={"kind": kind}) == german
            assert legal_pages[kind].get_absolute_url() == german
        with translation.override("en"):
            assert reverse("legal:detail", kwargs={"kind": kind}) == english


@pytest.mark.parametrize(("kind", "german", "english"), ADDRESSES)
def test_missing_legal_page_is_a_404(client, kind, german, english):
    for other in set(Kind) - {kind}:
        make_legal_page(other)
    assert client.get(german).status_code == 404
    assert client.get(english).status_code == 404


def test_address_in_the_other_language_leads_to_the_right_one(client, legal_pages):
    for address, target in [("/de/imprint/", "/de/impressum/"), ("/en/impressum/", "/en/imprint/")]:
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (301, target)


@pytest.mark.parametrize(("language", "target"), [("de", "/de/impressum/"), ("en", "/en/imprint/")])
def test_address_without_language_leads_to_the_visitors_page(client, legal_pages, language, target):
    """The sitemap's x-default address works for visitors of either language."""
    response = client.get("/impressum/", HTTP_ACCEPT_LANGUAGE=language, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == target


def test_accessibility_statement_has_the_feedback_box(client, legal_pages):
    page = legal_pages[Kind.ACCESSIBILITY]
    page.postal_address = "Bündnisbüro\nMusterstraße 1\n10115 Berlin"
    page.save()
    html = client.get("/en/accessibility/").content.decode()
    box = html.split('<section class="legal-feedback"')[1].split("</section>")[0]
    assert 'aria-labelledby="legal-feedback-heading"' in box
    assert '<h2 id="legal-feedback-heading">Feedback / report a barrier</h2>' in box
    assert '<a href="mailto:barrieren@example.org">barrieren@example.org</a>' in box
    assert "<address>Bündnisbüro<br>Musterstraße 1<br>10115 Berlin</address>" in box
    assert "§ 16 of the German Disability Equality Act (BGG)" in box
    assert '<a href="https://www.schlichtungsstelle-bgg.de" lang="de">' in box
    german = client.get("/de/barrierefreiheit/").content.decode()
    assert '<a href="mailto:barrieren@example.org">' in german
    assert '<a href="https://www.schlichtungsstelle-bgg.de">' in german
    for other in ("/de/impressum/", "/en/privacy/"):
        assert "legal-feedback" not in client.get(other).content.decode()


def test_accessibility_statement_needs_a_postal_address():
    page = LegalPage(
        kind=Kind.ACCESSIBILITY,
        title_de="Erklärung zur Barrierefreiheit",
        body_de="<p>Text</p>",
        last_reviewed=date(2025, 3, 14),
    )
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert set(error.value.message_dict) == {"contact_email"}
    page.kind = Kind.IMPRINT
    page.full_clean()


def test_one_page_per_kind(legal_pages):
    duplicate = LegalPage(
        kind=Kind.IMPRINT, title_de="Noch ein Impressum", body_de="x", last_reviewed=date.today()
    )
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_body_is_sanitised_like_other_rich_text(client):
    make_legal_page(
        Kind.IMPRINT,
        body_de=(
            '<p onclick="x()">Anbieter</p><script>alert(1)</script><a href="javascript:x">y</a>'
        ),
    )
    assert LegalPage.objects.get().body_de == "<p>Anbieter</p>y"
    assert "<p>Anbieter</p>y</div>" in client.get("/de/impressum/").content.decode()


# --- Footer -------------------------------------------------------------------


def test_footer_of_the_home_page_links_every_legal_page(client, legal_pages):
    html = client.get("/de/").content.decode()
    assert re.search(r'<nav class="legal-nav" aria-label="[^"]+">', footer(html))
    assert '<ul class="legal-links footer-links">' in footer(html)
    assert footer_links(html) == [
        ("/de/impressum/", "Impressum"),
        ("/de/datenschutz/", "Datenschutzerklärung"),
        ("/de/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ]
    english = client.get("/en/").content.decode()
    assert footer_links(english) == [
        ("/en/imprint/", "Imprint"),
        ("/en/privacy/", "Privacy notice"),
        ("/en/accessibility/", "Accessibility statement"),
    ]


def test_footer_leaves_out_pages_that_do_not_exist(client):
    assert 'class="legal-links"' not in client.get("/de/").content.decode()
    make_legal_page(Kind.PRIVACY)
    html = client.get("/de/").content.decode()
    assert footer_links(html) == [("/de/datenschutz/", "Datenschutzerklärung")]


def test_footer_marks_the_page_shown(client, legal_pages):
    html = client.get("/de/datenschutz/").content.decode()
    assert '<a href="/de/datenschutz/" aria-current="page">' in footer(html)
    assert '<a href="/de/impressum/">' in footer(html)


def test_home_page_queries_do_not_depend_on_the_legal_pages(client, settings):
    """The footer's links cost one query, with no legal page as with three."""
    settings.PAGE_CACHE_SECONDS = 0
    make_alliance()
    current_generation()
    without = captured_queries(client, "/de/")
    for kind in Kind:
        make_legal_page(kind)
    current_generation()
    with_pages = captured_queries(client, "/de/")
    assert len(without) == len(with_pages) == 4
    assert sum("alliance_portal_legalpage" in sql for sql in with_pages) == 1


def test_saving_a_legal_page_drops_the_cached_pages(legal_pages):
    before = current_generation()["token"]
    page = legal_pages[Kind.IMPRINT]
    page.title_de = "Impressum (neu)"
    page.save()
    assert current_generation()["token"] != before


# --- Sitemap ------------------------------------------------------------------


def test_sitemap_lists_legal_pages_in_both_languages(client, legal_pages):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert "http://testserver/sitemap-legal.xml" in sections
    root = ET.fromstring(client.get("/sitemap-legal.xml").content)
    urls = {url.find("s:loc", SITEMAP_NS).text: url for url in root.findall("s:url", SITEMAP_NS)}
    # Sorted by kind: accessibility, imprint, privacy.
    expected = [
        f"http://testserver{address}"
        for _kind, german, english in sorted(ADDRESSES)
        for address in (german, english)
    ]
    assert sorted(urls) == sorted(expected)
    for kind, german, english in ADDRESSES:
        url = urls[f"http://testserver{german}"]
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
        }
        assert alternates == {
            "de": f"http://testserver{german}",
            "en": f"http://testserver{english}",
            # Without a language: LocaleMiddleware leads visitors to theirs.
            "x-default": f"http://testserver{german.removeprefix('/de')}",
        }
        updated = timezone.localdate(legal_pages[kind].updated_at).isoformat()
        assert url.find("s:lastmod", SITEMAP_NS).text == updated


def test_sitemap_without_legal_pages_is_empty(client):
    root = ET.fromstring(client.get("/sitemap-legal.xml").content)
    assert root.findall("s:url", SITEMAP_NS) == []


# --- Demo content, backups ------------------------------------------------------


def test_demo_command_creates_the_three_pages_as_templates(demo_content):
    pages = {page.kind: page for page in LegalPage.objects.all()}
    assert set(pages) == set(Kind)
    assert [pages[kind].title_de for kind in Kind] == [
        "Impressum",
        "Datenschutzerklärung",
        "Erklärung zur Barrierefreiheit",
    ]
    assert [pages[kind].title_en for kind in Kind] == [
        "Imprint",
        "Privacy notice",
        "Accessibility statement",
    ]
    for page in pages.values():
        assert page.body_de.startswith("<p><strong>Vorlage – bitte vervollständigen:</strong>")
        assert page.body_en.startswith("<p><strong>Template – please complete:</strong>")
        assert "[" in page.body_de and "[" in page.body_en
    imprint = pages[Kind.IMPRINT].body_de
    for text in ("§ 5 DDG", "[Name des Anbieters]", "Vertretungsberechtigte", "[E-Mail]"):
        assert text in imprint
    for text in ("Registereintrag", "USt-IdNr."):
        assert text in imprint
    privacy = pages[Kind.PRIVACY].body_de
    for text in (
        "Verantwortliche Stelle",
        "Zwecke und Rechtsgrundlagen",
        "Hosting",
        "Server-Logs",
        "Keine Cookies außer bei der Anmeldung",
        "Kein Tracking",
        "Betroffenenrechte",
        "Aufsichtsbehörde",
    ):
        assert text in privacy
    accessibility = pages[Kind.ACCESSIBILITY]
    for text in (
        "Stand der Vereinbarkeit",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "Feedback",
        "Schlichtungsverfahren",
    ):
        assert text in accessibility.body_de
    assert accessibility.contact_email == "barrierefreiheit@example.org"
    assert accessibility.postal_address.startswith("[Name des Anbieters]")
    assert "Conciliation procedure" in accessibility.body_en


def test_demo_command_changes_no_legal_page_when_run_again(demo_content):
    stamps = dict(LegalPage.objects.values_list("kind", "updated_at"))
    output = StringIO()
    call_command("load_demo_content", stdout=output)
    assert "0 created, 0 changed" in output.getvalue()
    assert dict(LegalPage.objects.values_list("kind", "updated_at")) == stamps


def test_demo_legal_pages_render_in_both_languages(client, demo_content):
    html = client.get("/de/impressum/").content.decode()
    assert "Vorlage – bitte vervollständigen:" in html
    assert '<time datetime="2025-01-01">1. Januar 2025</time>' in html
    html = client.get("/en/accessibility/").content.decode()
    assert "Template – please complete:" in html
    assert '<a href="mailto:barrierefreiheit@example.org">' in html


def test_backups_take_the_legal_pages_along():
    assert LegalPage in exported_models()


# --- Admin and roles --------------------------------------------------------------


def test_admin_change_page_in_german_saves_a_page(admin_client, legal_pages):
    page = legal_pages[Kind.IMPRINT]
    url = admin_url(LegalPage, "change", page.pk)
    html = admin_client.get(url).content.decode()
    assert '<html lang="de"' in html
    assert 'name="title_de"' in html and 'name="title_en"' in html
    assert 'name="body_de"' in html and 'name="body_en"' in html
    fields = admin_form(admin_client, url)
    assert fields["last_reviewed"] == "14.03.2025"  # the German admin's date format
    fields.update(
        {
            "title_de": "Impressum und Anbieterkennzeichnung",
            "body_de": "<p>Anbieter: Bündnisbüro</p>",
            "last_reviewed": "01.06.2025",
        }
    )
    response = admin_client.post(url, fields)
    assert response.status_code == 302, errors(response)
    page.refresh_from_db()
    assert page.title_de == "Impressum und Anbieterkennzeichnung"
    assert page.title_en == "Imprint"
    assert page.body_de == "<p>Anbieter: Bündnisbüro</p>"
    assert page.last_reviewed == date(2025, 6, 1)
    # The change is kept in the history (django-reversion), so it can be undone.
    assert Version.objects.get_for_object(page).count() == 1


def test_admin_list_shows_title_kind_and_review_date(admin_client, legal_pages):
    response = admin_client.get(admin_url(LegalPage, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].list_display[1:4] == ["title", "kind", "last_reviewed"]
    assert response.context["cl"].result_count == 3


def test_editors_and_publishers_edit_legal_pages():
    for role in (EDITOR, PUBLISHER):
        codenames = set(
            Group.objects.get(name=role)
            .permissions.filter(content_type__model="legalpage")
            .values_list("codename", flat=True)
        )
        assert codenames == {
            "add_legalpage",
            "change_legalpage",
            "delete_legalpage",
            "view_legalpage",
        }


def test_footer_shows_the_portal_address_and_contact_from_the_imprint(client, legal_pages):
    imprint = legal_pages[Kind.IMPRINT]
    imprint.postal_address = "Bündnisbüro Aluminium\nAm Bahnhof 3\n40210 Düsseldorf"
    imprint.contact_email = "presse@buendnis.example"
    imprint.save()
    for language in ("de", "en"):
        html = footer(client.get(f"/{language}/press/").content.decode())
        assert (
            '<address class="footer-address">\n  Bündnisbüro Aluminium<br>Am Bahnhof 3<br>'
            "40210 Düsseldorf\n"
            '  <br><a href="mailto:presse@buendnis.example">presse@buendnis.example</a>\n'
            "</address>"
        ) in html


def test_footer_has_no_address_without_one_in_the_imprint(client, legal_pages):
    assert "footer-address" not in client.get("/de/").content.decode()
