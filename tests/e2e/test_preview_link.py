"""A preview link in a real browser: a Publisher copies its full address from the
statement's admin page (under the admin's Content-Security-Policy), and the journalist
who gets it reads the embargoed statement and downloads its PDF and press kit."""

import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from alliance_portal.models import Alliance
from statements.models import PreviewLink, Quote
from tests.factories import make_statement

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-2024"


@pytest.fixture
def link(site):
    statement = make_statement(
        headline_de="Sperrfrist: Neues Aluminiumwerk",
        dateline_place_de="Essen",
        body_de="Ein geheimes Vorhaben.",
        alliance=Alliance.objects.get(slug="aluminiumbuendnis-nrw"),
        published_at=timezone.now() + timedelta(hours=6),
    )
    Quote.objects.create(
        statement=statement, position=1, text_de="„Wir bauen.“", speaker_name="Erika Muster"
    )
    return PreviewLink.objects.create(
        statement=statement,
        recipient="Redaktion Rheinische Post",
        expires_at=timezone.now() + timedelta(days=2),
    )


def test_publisher_copies_the_link_and_the_journalist_gets_page_pdf_and_kit(
    browser, context, site, link, django_user_model, tmp_path
):
    django_user_model.objects.create_superuser("redaktion", "r@example.org", PASSWORD)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = context.new_page()
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Benutzername").fill("redaktion")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    page.goto(f"{site}/admin/statements/pressstatement/{link.statement_id}/change/")
    address = f"{site}/de/press/preview/{link.token}/"
    field = page.get_by_label("Vorschau-Link für Redaktion Rheinische Post")
    expect(field).to_have_value(address)
    button = page.locator(".preview-link").get_by_role("button", name="Kopieren")
    expect(button).to_be_visible()  # its script ran: the policy let it
    button.click()
    expect(page.locator(".preview-link [role=status]")).to_have_text("Kopiert.")
    assert page.evaluate("() => navigator.clipboard.readText()") == address
    assert not script_errors

    # The journalist has no session: the address alone opens the statement.
    journalist = browser.new_context(locale="de-DE", accept_downloads=True)
    reader = journalist.new_page()
    assert reader.goto(address).ok
    expect(reader.get_by_role("heading", level=1)).to_have_text("Sperrfrist: Neues Aluminiumwerk")
    expect(reader.locator("blockquote")).to_have_text("„Wir bauen.“")

    with reader.expect_download() as pdf_download:
        reader.get_by_role("link", name="PDF", exact=True).click(modifiers=["Alt"])
    pdf_path = tmp_path / "statement.pdf"
    pdf_download.value.save_as(pdf_path)
    assert "Sperrfrist bis" in PdfReader(pdf_path).pages[0].extract_text()

    with reader.expect_download() as kit_download:
        reader.get_by_role("link", name="Pressemappe").click()
    assert kit_download.value.suggested_filename == f"{link.statement.slug}-press-kit.zip"
    kit_path = tmp_path / "kit.zip"
    kit_download.value.save_as(kit_path)
    released = timezone.localtime(link.statement.published_at)
    with zipfile.ZipFile(kit_path) as kit:
        assert f"{link.statement.slug}-de.pdf" in kit.namelist()
        assert {info.date_time[:5] for info in kit.infolist()} == {released.timetuple()[:5]}
    journalist.close()
