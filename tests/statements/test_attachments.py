"""Attachments of a press statement: a documented list of types, checked by content."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.admin_forms import admin_form
from tests.factories import make_alliance, make_statement
from tests.upload_files import (
    MB,
    SVG_WITH_SCRIPT,
    docx_bytes,
    image_bytes,
    pdf_bytes,
    two_colour_photo_with_gps,
    zip_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement():
    return make_statement(
        headline_de="Gemeinsame Erklärung",
        dateline_place_de="Düsseldorf",
        body_de="Text",
        alliance=make_alliance(),
        status="draft",
    )


@pytest.fixture
def english_admin(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def post_attachment(client, statement, name, data):
    url = reverse("admin:statements_pressstatement_change", args=[statement.pk])
    fields = admin_form(client, url)
    fields.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-statement": str(statement.pk),
            "attachments-0-position": "1",
            "attachments-0-title_de": "Anhang",
            "attachments-0-licence": "frei für die Presse",
            "attachments-0-file": SimpleUploadedFile(name, data),
        }
    )
    return client.post(url, fields)


def files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in Path(folder).rglob("*") if p.is_file())


REFUSED = {
    "PNG named .pdf": (
        "erklaerung.pdf",
        lambda: image_bytes(),
        "image_extension",
        "contains a PNG image, but its name ends in “.pdf”",
    ),
    "PDF named .docx": (
        "erklaerung.docx",
        pdf_bytes,
        "document_extension",
        "is a PDF file, but its name ends in “.docx”",
    ),
    "truncated PDF": (
        "erklaerung.pdf",
        lambda: pdf_bytes()[:-200],
        "damaged_document",
        "is damaged or incomplete",
    ),
    "program": (
        "setup.exe",
        lambda: b"MZ\x90\x00" + bytes(2000),
        "document_type",
        "is of a type that is not accepted as an attachment",
    ),
    "ZIP archive": (
        "fotos.zip",
        lambda: zip_bytes({"foto.jpg": image_bytes(format="JPEG")}),
        "zip",
        "ZIP archives are not accepted as attachments",
    ),
    "Word file with macros": (
        "brief.docx",
        lambda: docx_bytes(macros=True),
        "macros",
        "contains macros",
    ),
    "SVG": ("grafik.svg", lambda: SVG_WITH_SCRIPT, "svg", "SVG is not accepted"),
    "30 MB PDF": (
        "gross.pdf",
        lambda: pdf_bytes()[:-6] + bytes(30 * MB) + b"%%EOF\n",
        "document_too_large",
        "is 30.0\xa0MB; attachments may be at most 25.0\xa0MB",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_refused_attachment_says_why_and_stores_nothing(english_admin, statement, media_root, case):
    name, make_bytes, code, message = REFUSED[case]
    response = post_attachment(english_admin, statement, name, make_bytes())
    assert response.status_code == 200
    [formset] = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "attachments"
    ]
    assert [e.code for e in formset.formset.forms[0].errors.as_data()["file"]] == [code]
    assert message in response.content.decode()
    assert not statement.attachments.exists()
    assert files_under(media_root) == []


@pytest.mark.parametrize(
    "name, make_bytes",
    [("erklaerung.pdf", pdf_bytes), ("hintergrund.docx", docx_bytes)],
)
def test_documents_are_accepted_as_they_are(admin_client, statement, name, make_bytes):
    data = make_bytes()
    assert post_attachment(admin_client, statement, name, data).status_code == 302
    attachment = statement.attachments.get()
    assert Path(attachment.file.path).read_bytes() == data


def test_photo_attachment_loses_its_gps(admin_client, statement):
    response = post_attachment(admin_client, statement, "foto.png", two_colour_photo_with_gps())
    assert response.status_code == 302
    stored = Path(statement.attachments.get().file.path).read_bytes()
    assert b"eXIf" not in stored and b"Kaiserswerther" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (200, 300) and not image.getexif()
