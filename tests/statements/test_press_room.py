"""The press room's doors: embargoes hold at each, previews are marked, kits are complete."""

import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import signing
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser

from alliance_portal.models import Alliance
from members.models import Organisation
from statements import views
from statements.models import Attachment, PressStatement, PreviewLink, Quote
from tests.factories import make_statement

pytestmark = pytest.mark.django_db

RELEASE_IN = timedelta(hours=6)


@pytest.fixture
def embargoed(demo_content):
    """A statement of the NRW alliance, released in six hours, quoting IG Metall."""
    statement = make_statement(
        headline_de="Sperrfrist: Neues Aluminiumwerk",
        headline_en="Embargoed: new aluminium plant",
        dateline_place_de="Essen",
        body_de="Ein geheimes Vorhaben.",
        body_en="A secret plan.",
        alliance=Alliance.objects.get(slug="aluminiumbuendnis-nrw"),
        status="published",
        published_at=timezone.now() + RELEASE_IN,
    )
    Quote.objects.create(
        statement=statement,
        position=1,
        text_de="Sperrfristzitat",
        speaker_name="Erika Muster",
        organisation=Organisation.objects.get(slug="ig-metall"),
    )
    statement.signatories.add(Organisation.objects.get(slug="ig-metall"))
    return statement


def doors(statement):
    """Every public place where a statement can show up, and how to tell it is there."""
    return {
        "page": (statement.get_absolute_url(), None),
        "pdf": (f"{statement.get_absolute_url()}pdf/", None),
        "press kit": (f"{statement.get_absolute_url()}press-kit.zip", None),
        "list": ("/de/press/", "Sperrfrist: Neues"),
        "home": ("/de/", "Sperrfrist: Neues"),
        "alliance page": ("/de/alliances/aluminiumbuendnis-nrw/", "Sperrfrist: Neues"),
        "organisation page": ("/de/organisations/ig-metall/", "Sperrfristzitat"),
        "search": ("/de/search/?q=Aluminiumwerk", 'href="/de/press/sperrfrist'),
        "feed": ("/de/feeds/press/", "Sperrfrist: Neues"),
        "alliance feed": ("/de/feeds/aluminiumbuendnis-nrw/press/atom/", "Sperrfrist: Neues"),
        "sitemap": ("/sitemap-press.xml", statement.slug),
    }


def test_embargo_holds_at_every_door_and_lifts_by_itself(client, embargoed):
    for door, (url, marker) in doors(embargoed).items():
        response = client.get(url)
        if marker is None:
            assert response.status_code == 404, door
        else:
            assert response.status_code == 200, door
            assert marker not in response.content.decode(), door
    with time_machine.travel(embargoed.published_at + timedelta(seconds=1)):
        for door, (url, marker) in doors(embargoed).items():
            response = client.get(url)
            assert response.status_code == 200, door
            if marker is not None:
                assert marker in response.content.decode(), door


def test_a_draft_stays_hidden_even_after_its_time(client, embargoed):
    embargoed.status = "draft"
    embargoed.save()
    with time_machine.travel(embargoed.published_at + timedelta(days=1)):
        for door, (url, marker) in doors(embargoed).items():
            response = client.get(url)
            if marker is None:
                assert response.status_code == 404, door
            else:
                assert marker not in response.content.decode(), door


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_staff_preview_and_pdf_are_marked_embargoed(admin_client, embargoed):
    page = admin_client.get(embargoed.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sperrfrist bis" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-store" in page["Cache-Control"]
    pdf = admin_client.get(f"{embargoed.get_absolute_url()}pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert "no-store" in pdf["Cache-Control"]
    assert "Sperrfrist bis" in pdf_text(pdf.content)


@pytest.fixture
def link(embargoed):
    return PreviewLink.objects.create(
        statement=embargoed,
        recipient="Redaktion Rheinische Post",
        expires_at=timezone.now() + timedelta(days=2),
    )


def test_preview_link_opens_the_marked_unindexed_page_and_pdf(client, link):
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sperrfrist: Neues Aluminiumwerk" in html
    assert "Sperrfrist bis" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    pdf = client.get(f"{link.get_absolute_url()}pdf/")
    assert pdf.status_code == 200
    assert "Sperrfrist bis" in pdf_text(pdf.content)


def test_tampered_preview_link_is_404(client, link):
    token = link.token
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    assert client.get(f"/de/press/preview/{tampered}/").status_code == 404
    # A validly signed token for another id is no use either: the signature covers the id.
    forged = f"{link.pk + 1}{token[len(str(link.pk)) :]}"
    assert client.get(f"/de/press/preview/{forged}/").status_code == 404


def test_expired_preview_link_is_404(client, link):
    with time_machine.travel(link.expires_at + timedelta(seconds=1)):
        assert client.get(link.get_absolute_url()).status_code == 404
        assert client.get(f"{link.get_absolute_url()}pdf/").status_code == 404


def test_revoked_preview_link_is_404(client, admin_client, link):
    assert client.get(link.get_absolute_url()).status_code == 200
    admin_client.post(
        "/admin/statements/previewlink/",
        {"action": "revoke", "_selected_action": [link.pk]},
    )
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert client.get(link.get_absolute_url()).status_code == 404
    assert client.get(f"{link.get_absolute_url()}pdf/").status_code == 404


STATEMENT = "/{lang}/press/aluminiumbuendnis-nrw-gemeinsame-erklaerung/"


def test_pdf_is_made_once_per_version_and_language(client, demo_content, monkeypatch):
    calls = []

    def counting_render(statement):
        calls.append(statement.pk)
        return real_render(statement)

    real_render = views.render_statement_pdf
    monkeypatch.setattr(views, "render_statement_pdf", counting_render)
    first = client.get(STATEMENT.format(lang="de") + "pdf/")
    second = client.get(STATEMENT.format(lang="de") + "pdf/")
    assert first.content == second.content and len(calls) == 1
    assert 'filename="2021-11-30-' in first["Content-Disposition"]
    client.get(STATEMENT.format(lang="en") + "pdf/")
    assert len(calls) == 2
    statement = PressStatement.objects.get(slug="aluminiumbuendnis-nrw-gemeinsame-erklaerung")
    statement.sub_headline_de = "Geänderte Unterzeile"
    statement.save()
    changed = client.get(STATEMENT.format(lang="de") + "pdf/")
    assert len(calls) == 3
    assert "Geänderte Unterzeile" in pdf_text(changed.content)


def test_press_kit_matches_its_manifest(client, demo_content):
    statement = PressStatement.objects.get(slug="aluminiumbuendnis-nrw-gemeinsame-erklaerung")
    attachment = Attachment(
        statement=statement,
        position=1,
        title_de="Unterzeichnung",
        credit_de="Foto: Aluminium Deutschland",
        licence="frei für die Presse",
    )
    attachment.file.save("unterzeichnung.txt", ContentFile(b"Bilddaten " * 1000), save=True)
    response = client.get(STATEMENT.format(lang="de") + "press-kit.zip")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.testzip() is None
    manifest = json.loads(archive.read("manifest.json"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(archive.namelist()) == set(listed) | {"manifest.json"}
    for path, entry in listed.items():
        data = archive.read(path)
        assert len(data) == entry["size"], path
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], path
    slug = statement.slug
    assert {f"{slug}-de.pdf", f"{slug}-en.pdf", f"{slug}-de.txt", f"{slug}-en.txt"} <= set(listed)
    assert "contacts/tim-stappen.vcf" in listed
    assert len([p for p in listed if p.startswith("logos/")]) == 6
    attached = listed["attachments/01-" + attachment.file.name.rsplit("/", 1)[-1]]
    assert attached["licence"] == "frei für die Presse"
    assert attached["credit"] == "Foto: Aluminium Deutschland"
    text = archive.read(f"{slug}-de.txt").decode("utf-8")
    assert "Düsseldorf" in text and "„Nordrhein-Westfalen ist der wichtigste" in text
    vcard = archive.read("contacts/tim-stappen.vcf").decode()
    assert "TEL;TYPE=WORK,VOICE:+49 211 4796-276" in vcard
    assert "EMAIL;TYPE=INTERNET:tim.stappen@alu-d.de" in vcard
    assert "Nordrhein-Westfalen ist der wichtigste" in pdf_text(archive.read(f"{slug}-de.pdf"))


def test_bench_pdf_reports_cold_and_cached_times(demo_content):
    from io import StringIO

    from django.core.management import call_command

    output = StringIO()
    call_command("bench_pdf", runs=2, stdout=output)
    text = output.getvalue()
    assert "cold render" in text and "cached, via the view" in text


@pytest.mark.parametrize(
    "lang, words",
    [
        ("de", ["Düsseldorf, 30. November 2021", "Wirtschafts- und Innovationsminister"]),
        ("en", ["Düsseldorf, 30 November 2021", "Minister for Economic Affairs and Innovation"]),
    ],
)
def test_demo_statement_pdf_has_all_six_speakers_and_the_contact(client, demo_content, lang, words):
    text = pdf_text(client.get(STATEMENT.format(lang=lang) + "pdf/").content)
    for speaker in (
        "Prof. Dr. Andreas Pinkwart",
        "Philipp Schlüter",
        "Volker Backs",
        "Dr. Hinrich Mählmann",
        "Manuel Bloemers",
        "Manuel Rendla",
        "Tim Stappen",
        "+49 211 4796-276",
        "tim.stappen@alu-d.de",
        *words,
    ):
        assert speaker in text, speaker
    assert "CO₂" in text


# --- Preview links: one address per link, with the PDF and the press kit ---------


def downloads(html):
    """The preview page's download links: (address, text)."""
    paragraph = LexborHTMLParser(html).css_first(".downloads")
    return [(a.attributes["href"], a.text()) for a in paragraph.css("a")]


def test_preview_link_keeps_one_address(client, link):
    first = link.get_absolute_url()
    assert PreviewLink.objects.get(pk=link.pk).get_absolute_url() == first
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert PreviewLink.objects.get(pk=link.pk).token == link.token
        assert downloads(client.get(first).content.decode()) == downloads(
            client.get(first).content.decode()
        )
    assert first == f"/de/press/preview/{link.token}/"


def test_preview_page_offers_the_pdf_and_the_press_kit(client, link):
    html = client.get(link.get_absolute_url()).content.decode()
    assert downloads(html) == [
        (f"/de/press/preview/{link.token}/pdf/", "PDF"),
        (
            f"/de/press/preview/{link.token}/press-kit.zip",
            "Pressemappe (ZIP: PDF, Text, Bilder, Logos, Kontakte)",
        ),
    ]


def open_zip(response):
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_preview_press_kit_is_complete_and_for_the_journalist_only(client, link):
    statement = link.statement
    response = client.get(f"{link.get_absolute_url()}press-kit.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{statement.slug}-press-kit.zip"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    archive = open_zip(response)
    assert archive.testzip() is None
    slug = statement.slug
    assert set(archive.namelist()) == {
        f"{slug}-de.pdf",
        f"{slug}-de.txt",
        f"{slug}-en.pdf",
        f"{slug}-en.txt",
        "logos/ig-metall.png",
        "manifest.json",
    }
    assert "Sperrfrist bis" in pdf_text(archive.read(f"{slug}-de.pdf"))
    assert "„Sperrfristzitat“\n— Erika Muster" in archive.read(f"{slug}-de.txt").decode()
    # The PDF beside it is never cached either.
    assert "no-store" in client.get(f"{link.get_absolute_url()}pdf/")["Cache-Control"]


def test_preview_press_kit_is_404_for_a_tampered_expired_or_revoked_link(client, link):
    kit = f"{link.get_absolute_url()}press-kit.zip"
    assert client.get(kit.replace(link.token, link.token[:-2] + "xx")).status_code == 404
    with time_machine.travel(link.expires_at + timedelta(seconds=1)):
        assert client.get(kit).status_code == 404
    link.revoked_at = timezone.now()
    link.save()
    assert client.get(kit).status_code == 404


def test_preview_link_sent_before_tokens_were_stable_works_until_it_expires(client, link):
    # Links sent to journalists earlier carry a timestamped token (signing.dumps).
    old = signing.dumps(link.pk, salt="statements.preview-link")
    assert old != link.token
    urls = [f"/de/press/preview/{old}/", f"/de/press/preview/{old}/pdf/"]
    urls.append(f"/de/press/preview/{old}/press-kit.zip")
    for url in urls:
        assert client.get(url).status_code == 200, url
    with time_machine.travel(link.expires_at + timedelta(seconds=1)):
        for url in urls:
            assert client.get(url).status_code == 404, url
    link.revoked_at = timezone.now()
    link.save()
    for url in urls:
        assert client.get(url).status_code == 404, url
    # Signed for something else, or with another salt: no use.
    for token in (
        signing.dumps(link.pk, salt="another.purpose"),
        signing.Signer(salt="another.purpose").sign_object(link.pk),
        signing.Signer(salt="statements.preview-link.stable").sign_object("1"),
    ):
        assert client.get(f"/de/press/preview/{token}/").status_code == 404


# --- Press kit: every file dated with the statement's release time ---------------


def zip_dates(archive):
    return {info.filename: info.date_time for info in archive.infolist()}


def test_press_kit_files_carry_the_release_time(client, demo_content):
    statement = PressStatement.objects.get(slug="aluminiumbuendnis-nrw-gemeinsame-erklaerung")
    statement.published_at = datetime(2021, 11, 30, 10, 30, 15, tzinfo=UTC)
    statement.save()
    archive = open_zip(client.get(STATEMENT.format(lang="de") + "press-kit.zip"))
    # 11:30 in Berlin, to the two seconds ZIP can tell.
    assert set(zip_dates(archive).values()) == {(2021, 11, 30, 11, 30, 14)}
    assert len(archive.infolist()) > 10
    for info in archive.infolist():
        assert info.compress_type == zipfile.ZIP_DEFLATED, info.filename
        assert info.external_attr >> 16 == 0o100644, info.filename


def test_press_kit_of_an_embargoed_statement_is_dated_with_its_release(client, link):
    released = timezone.localtime(link.statement.published_at, ZoneInfo("Europe/Berlin"))
    archive = open_zip(client.get(f"{link.get_absolute_url()}press-kit.zip"))
    expected = (*released.timetuple()[:5], released.second // 2 * 2)
    assert set(zip_dates(archive).values()) == {expected}


def test_press_kit_dates_before_1980_are_1980(client, embargoed):
    embargoed.published_at = datetime(1975, 6, 1, 12, 0, tzinfo=UTC)
    embargoed.save()
    archive = open_zip(client.get(f"{embargoed.get_absolute_url()}press-kit.zip"))
    assert set(zip_dates(archive).values()) == {(1980, 1, 1, 0, 0, 0)}
