"""A journalist's way through the press room in a real browser: press list → statement →
quote anchor → PDF download → press kit download."""

import io
import json
import zipfile

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser

HEADLINE = "Aluminiumbündnis Nordrhein-Westfalen: Gemeinsam für eine starke"


def test_journalist_reads_quotes_and_downloads_pdf_and_press_kit(page, site, tmp_path):
    assert page.goto(f"{site}/de/press/").ok
    page.get_by_role("main").get_by_role("link", name=HEADLINE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(HEADLINE)
    expect(page.locator(".dateline")).to_have_text("Düsseldorf, 30. November 2021")

    # The third quote has its own address; following it lands on that quote.
    page.get_by_role("link", name="Link zu Zitat 3").click()
    assert page.url.endswith("#quote-3")
    quote = page.locator("#quote-3")
    expect(quote).to_be_in_viewport()
    expect(quote.locator("figcaption")).to_contain_text("Volker Backs, Geschäftsführer, Speira")

    with page.expect_download() as pdf_download:
        # The PDF opens inline in a browser; ask for it as a download, as a click with Alt does.
        page.get_by_role("link", name="PDF", exact=True).click(modifiers=["Alt"])
    pdf_path = tmp_path / pdf_download.value.suggested_filename
    pdf_download.value.save_as(pdf_path)
    assert pdf_path.name == "2021-11-30-aluminiumbuendnis-nrw-gemeinsame-erklaerung-de.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(pdf_path).pages)
    assert "Volker Backs" in text and "Tim Stappen" in text

    with page.expect_download() as kit_download:
        page.get_by_role("link", name="Pressemappe").click()
    kit_path = tmp_path / kit_download.value.suggested_filename
    kit_download.value.save_as(kit_path)
    with zipfile.ZipFile(kit_path) as kit:
        manifest = json.loads(kit.read("manifest.json"))
        assert {entry["path"] for entry in manifest["files"]} <= set(kit.namelist())
        assert PdfReader(io.BytesIO(kit.read(manifest["files"][0]["path"]))).pages
