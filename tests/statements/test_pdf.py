"""The press statement as PDF: rendered with ReportLab, read back with pypdf."""

import io
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from PIL import Image
from pypdf import PdfReader

from alliance_portal.publishing.models import Publishable
from statements.models import Quote
from statements.pdf import render_statement_pdf, statement_pdf_filename
from tests import factories
from tests.factories import make_alliance, make_organisation, make_person

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
RELEASED_AT = datetime(2021, 11, 30, 11, 0, tzinfo=BERLIN)
ALLIANCE_DE = "Aluminiumbündnis Nordrhein-Westfalen"
ALLIANCE_EN = "North Rhine-Westphalia Aluminium Alliance"
HEADLINE_DE = "Gemeinsam für eine starke und wettbewerbsfähige Aluminiumindustrie"
HEADLINE_EN = "Together for a strong and competitive aluminium industry"

# (speaker, function de/en, organisation de/en, text de/en, key phrase de/en)
QUOTES = [
    (
        "Prof. Dr. Andreas Pinkwart",
        ("Wirtschaftsminister", "Minister for Economic Affairs"),
        ("Wirtschaftsministerium NRW", "NRW Ministry of Economic Affairs"),
        (
            "Nordrhein-Westfalen ist der wichtigste Aluminium-Standort in Deutschland, hier "
            "wird bundesweit der größte Umsatz erwirtschaftet.",
            "North Rhine-Westphalia is the most important location for aluminium in Germany.",
        ),
        ("„Nordrhein-Westfalen ist der wichtigste", "“North Rhine-Westphalia is the most"),
    ),
    (
        "Philipp Schlüter",
        ("Vorstandsvorsitzender", "CEO"),
        ("TRIMET", "TRIMET"),
        (
            "Als regionales „Know-how-Cluster“ in NRW möchten wir das volle Potenzial der "
            "Aluminiumindustrie entfalten.",
            "As a regional “know-how cluster” in NRW we want to unfold the full potential of "
            "the aluminium industry.",
        ),
        ("regionales „Know-how-Cluster“ in NRW", "regional “know-how cluster” in NRW"),
    ),
    (
        "Volker Backs",
        ("Geschäftsführer", "Managing Director"),
        ("Speira", "Speira"),
        (
            "Hiesiges Aluminium ist deutlich ökologischer, in Richtung der CO₂-freien "
            "Gesellschaft.",
            "Aluminium made here is considerably more ecological, towards a CO₂-free society.",
        ),
        ("in Richtung der CO₂-freien Gesellschaft.“", "towards a CO₂-free society.”"),
    ),
    (
        "Dr. Hinrich Mählmann",
        ("Präsident", "President"),
        ("Aluminium Deutschland", "Aluminium Deutschland"),
        (
            "Beim Recycling setzen wir schon heute Maßstäbe, die weltweit gelten.",
            "In recycling we already set standards that apply worldwide.",
        ),
        ("setzen wir schon heute Maßstäbe", "we already set standards"),
    ),
    (
        "Manuel Bloemers",
        ("Zweigbüro", "Branch office"),
        ("IG Metall", "IG Metall"),
        (
            "Allein in NRW stehen Investitionen von über 1 Mrd. € an, die Beschäftigten "
            "brauchen Perspektiven.",
            "In NRW alone investments of more than €1 billion are due, and employees need "
            "prospects.",
        ),
        ("Investitionen von über 1 Mrd. € an", "investments of more than €1 billion"),
    ),
    (
        "Manuel Rendla",
        ("Vertreter", "Representative"),
        ("IG BCE", "IG BCE"),
        (
            # Typed with its own quotation marks and in two paragraphs.
            "„Die IG BCE steht zu den Klimaschutzzielen.\n\n"
            "Dazu benötigen die Beschäftigten verlässliche Rahmenbedingungen.“",
            "IG BCE stands by the climate targets.\n\n"
            "For that, employees need reliable conditions.",
        ),
        ("verlässliche Rahmenbedingungen.“", "employees need reliable conditions.”"),
    ),
]


def png(colour="#0b5cad", size=(120, 60)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def make_statement(*, body_de=None, body_en=None, **overrides):
    alliance = make_alliance(
        name_de=ALLIANCE_DE,
        name_en=ALLIANCE_EN,
        summary_de="Ein Bündnis für Aluminium.",
        summary_en="An alliance for aluminium.",
        logo=ContentFile(png(), "nrw.png"),
        logo_alt_de="Logo",
    )
    association = make_organisation(
        name_de="Aluminium Deutschland e. V.",
        logo=ContentFile(png("#222283"), "ad.png"),
        logo_alt_de="Logo",
    )
    union = make_organisation(name_de="IG Metall")  # no logo
    contact = make_person(
        name="Tim Stappen",
        function_de="Pressesprecher",
        function_en="Press officer",
        organisation=association,
        email="tim.stappen@alu-d.de",
        phone="+49 211 4796-276",
    )
    values = {
        "headline_de": HEADLINE_DE,
        "headline_en": HEADLINE_EN,
        "sub_headline_de": "Die Bündnispartner unterzeichnen eine gemeinsame Erklärung",
        "sub_headline_en": "The alliance partners sign a joint declaration",
        "dateline_place_de": "Düsseldorf",
        "dateline_place_en": "Düsseldorf",
        "lead_de": "Mit der heute unterzeichneten Erklärung haben die Partner ihr Bekenntnis "
        "zum Standort unterstrichen.",
        "lead_en": "With the declaration signed today the partners have underlined their "
        "commitment.",
        "body_de": body_de or "Die Erklärung ist der Startschuss.\n\nDer Ausbau steht im Fokus.",
        "body_en": body_en or "The declaration is the starting signal.\n\nThe expansion is key.",
        "boilerplate_de": "Das Bündnis vereint Industrie, Gewerkschaften und Politik.",
        "boilerplate_en": "The alliance unites industry, trade unions and government.",
        "alliance": alliance,
        "status": Publishable.Status.PUBLISHED,
        "published_at": RELEASED_AT,
    }
    values.update(overrides)
    statement = factories.make_statement(**values)
    statement.signatories.set([association, union])
    statement.press_contacts.set([contact])
    for position, (speaker, function, organisation, text, _) in enumerate(QUOTES):
        Quote.objects.create(
            statement=statement,
            position=position,
            speaker_name=speaker,
            speaker_function_de=function[0],
            speaker_function_en=function[1],
            speaker_organisation_de=organisation[0],
            speaker_organisation_en=organisation[1],
            text_de=text[0],
            text_en=text[1],
        )
    return statement


def render(statement, language):
    with translation.override(language):
        return render_statement_pdf(statement)


def read(data):
    return PdfReader(io.BytesIO(data))


def page_texts(data):
    """Each page's text, with runs of whitespace (line breaks too) made single spaces."""
    return [" ".join(page.extract_text().split()) for page in read(data).pages]


def long_body(paragraphs=45):
    sentence = "Die Aluminiumindustrie in Nordrhein-Westfalen beschäftigt viele Menschen. "
    return "\n\n".join(f"Absatz {n}. " + sentence * 5 for n in range(1, paragraphs + 1))


@pytest.fixture
def statement():
    return make_statement()


@pytest.mark.parametrize(
    ("language", "headline", "dateline", "contact_function", "words"),
    [
        (
            "de",
            HEADLINE_DE,
            "Düsseldorf, 30. November 2021",
            "Pressesprecher",
            ["PRESSEMITTEILUNG", "Pressekontakt", f"Über {ALLIANCE_DE}", "Telefon", "E-Mail"],
        ),
        (
            "en",
            HEADLINE_EN,
            "Düsseldorf, 30 November 2021",
            "Press officer",
            ["PRESS RELEASE", "Press contact", f"About {ALLIANCE_EN}", "Phone", "E-mail"],
        ),
    ],
)
def test_pdf_holds_the_statement_in_the_active_language(
    statement, language, headline, dateline, contact_function, words
):
    data = render(statement, language)
    assert data.startswith(b"%PDF-")
    text = " ".join(page_texts(data))

    assert headline in text
    assert dateline in text
    index = 0 if language == "de" else 1
    for speaker, function, organisation, _, phrase in QUOTES:
        assert phrase[index] in text
        assert f"— {speaker}, {function[index]}, {organisation[index]}" in text
    assert "Tim Stappen" in text
    assert contact_function in text
    assert "+49 211 4796-276" in text
    assert "tim.stappen@alu-d.de" in text
    for word in words:
        assert word in text
    boilerplate = {"de": "Das Bündnis vereint", "en": "The alliance unites"}[language]
    assert boilerplate in text
    # The other language's texts stay out.
    other = HEADLINE_EN if language == "de" else HEADLINE_DE
    assert other not in text


def test_special_characters_survive_and_the_font_is_embedded(statement):
    data = render(statement, "de")
    text = " ".join(page_texts(data))
    for fragment in ("CO₂", "Maßstäbe", "€", "„", "“", "Schlüter", "Mählmann", "—"):
        assert fragment in text
    # A quote typed with its own quotation marks does not get a second pair.
    assert "„„" not in text and "““" not in text
    assert "„Die IG BCE steht zu den Klimaschutzzielen." in text

    reader = read(data)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts, "no fonts in the PDF"
    # Only DejaVu Sans, embedded as a subset: no system or standard fonts.
    assert all("DejaVuSans" in name for name in fonts), fonts.keys()
    assert any(name.endswith("+DejaVuSans") for name in fonts)
    assert any(name.endswith("+DejaVuSans-Bold") for name in fonts)
    for font in fonts.values():
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_english_quotes_use_english_quotation_marks(statement):
    text = " ".join(page_texts(render(statement, "en")))
    assert "“IG BCE stands by the climate targets." in text
    assert "„" not in text


@pytest.mark.parametrize("language", ["de", "en"])
def test_long_statement_has_header_and_page_numbers_on_every_page(language):
    statement = make_statement(body_de=long_body(), body_en=long_body())
    pages = page_texts(render(statement, language))
    total = len(pages)
    assert total >= 3
    alliance = ALLIANCE_DE if language == "de" else ALLIANCE_EN
    page_label = {"de": "Seite {n} von {total}", "en": "Page {n} of {total}"}[language]
    for number, text in enumerate(pages, start=1):
        assert alliance in text
        assert page_label.format(n=number, total=total) in text
        assert "Embargo" not in text and "Sperrfrist" not in text


@pytest.mark.parametrize(
    ("language", "time"),
    [
        ("de", "1. März 2099, 09:30 Uhr (CET)"),
        ("en", "1 March 2099, 09:30 (CET)"),
    ],
)
def test_embargoed_statement_carries_the_banner_on_every_page(language, time):
    statement = make_statement(
        body_de=long_body(25),
        body_en=long_body(25),
        published_at=datetime(2099, 3, 1, 9, 30, tzinfo=BERLIN),
    )
    assert not statement.is_published
    pages = page_texts(render(statement, language))
    assert len(pages) >= 2
    banner = {"de": "Sperrfrist bis {}", "en": "Embargoed until {}"}[language].format(time)
    for text in pages:
        assert banner in text


def test_draft_past_its_release_time_is_marked_as_draft(statement):
    statement.status = Publishable.Status.DRAFT
    statement.save()
    for language, banner in [("de", "Entwurf: nicht zur Veröffentlichung"), ("en", "Draft")]:
        for text in page_texts(render(statement, language)):
            assert banner in text
            assert "Sperrfrist" not in text and "Embargoed" not in text


def test_logos_are_drawn_and_missing_files_are_left_out(statement):
    def images_on_first_page(data):
        resources = read(data).pages[0]["/Resources"]
        return len(resources.get("/XObject", {}))

    # The alliance's logo in the header and one signatory's; the other has none.
    assert images_on_first_page(render(statement, "de")) == 2

    statement.alliance.logo.storage.delete(statement.alliance.logo.name)
    for organisation in statement.signatories.all():
        if organisation.logo:
            organisation.logo.storage.delete(organisation.logo.name)
    statement.alliance.refresh_from_db()
    data = render(statement, "de")
    assert images_on_first_page(data) == 0
    assert HEADLINE_DE in " ".join(page_texts(data))


def test_unreadable_logo_is_left_out(statement):
    # Uploads are checked by content, so an unreadable logo is one damaged on storage.
    alliance = statement.alliance
    Path(alliance.logo.path).write_bytes(b"not an image")
    data = render(statement, "de")
    assert ALLIANCE_DE in page_texts(data)[0]


def test_text_is_escaped_not_read_as_markup(statement):
    statement.headline_de = "Tom & Jerry <b>fett</b> & <br/> „Zitat“"
    statement.body_de = "Erste Zeile\nzweite Zeile & <i>mehr</i>\n\nZweiter Absatz"
    statement.save()
    text = " ".join(page_texts(render(statement, "de")))
    assert "Tom & Jerry <b>fett</b> & <br/> „Zitat“" in text
    assert "Erste Zeile zweite Zeile & <i>mehr</i>" in text
    assert "Zweiter Absatz" in text


def test_same_statement_gives_the_same_bytes(statement):
    assert render(statement, "de") == render(statement, "de")
    assert render(statement, "de") != render(statement, "en")


def test_pdf_metadata(statement):
    info = read(render(statement, "en")).metadata
    assert info.title == HEADLINE_EN
    assert info.author == ALLIANCE_EN


def test_filename_has_date_slug_and_language(statement):
    statement.slug = "aluminiumbuendnis-nordrhein-westfalen-gemeinsam-fur-eine-starke"
    with translation.override("de"):
        assert statement_pdf_filename(statement) == (
            "2021-11-30-aluminiumbuendnis-nordrhein-westfalen-gemeinsam-fur-eine-starke-de.pdf"
        )
    with translation.override("en"):
        assert statement_pdf_filename(statement) == (
            "2021-11-30-aluminiumbuendnis-nordrhein-westfalen-gemeinsam-fur-eine-starke-en.pdf"
        )


def test_filename_uses_the_local_release_date(statement):
    # 23:30 UTC on 29 November is 00:30 on 30 November in Berlin.
    statement.published_at = datetime(2021, 11, 29, 23, 30, tzinfo=ZoneInfo("UTC"))
    with timezone.override(BERLIN), translation.override("de"):
        assert statement_pdf_filename(statement).startswith("2021-11-30-")


def test_filename_made_from_a_long_headline_is_short_and_ascii():
    statement = make_statement(
        headline_de="Größere Überschrift über äußerst lange Verhandlungen " * 4,
        published_at=timezone.now() - timedelta(days=1),
    )
    with translation.override("de"):
        name = statement_pdf_filename(statement)
    assert name.isascii()
    assert len(name) <= 100
    assert name.endswith("-de.pdf")
    assert "--" not in name
    # The slug is in German transliteration (ß → ss, ö → oe).
    assert name.startswith(f"{timezone.localdate(statement.published_at).isoformat()}-groessere-")


def signatories_block(first_page, label, dateline):
    """The first page's text between the signatories' label and the dateline."""
    assert first_page.count(f" {label} ") == 1
    return first_page.split(f" {label} ")[1].split(f" {dateline}")[0]


def words(*names):
    return sorted(" ".join(names).split())


def test_pdf_names_every_signatory_with_its_logo_where_it_has_one(statement):
    # Aluminium Deutschland (logo) and IG Metall (none) sign already; two more.
    statement.signatories.add(
        make_organisation(
            name_de="Wirtschaftsvereinigung Metalle",
            logo=ContentFile(png("#aa3300", (200, 50)), "wvm.png"),
            logo_alt_de="Logo",
        ),
        make_organisation(name_de="IG BCE"),
    )
    names = ["Aluminium Deutschland e. V.", "IG BCE", "IG Metall", "Wirtschaftsvereinigung Metalle"]
    for language, label, dateline in [
        ("de", "Unterzeichner", "Düsseldorf, 30. November 2021"),
        ("en", "Signatories", "Düsseldorf, 30 November 2021"),
    ]:
        data = render(statement, language)
        block = signatories_block(page_texts(data)[0], label, dateline)
        if language == "de":
            assert block == " ".join(names)  # in the order of their names
        else:
            assert words(block) == words(*names)
        # The alliance's logo in the header, and the two signatories' that have one.
        assert len(read(data).pages[0]["/Resources"]["/XObject"]) == 3


def test_pdf_names_signatories_whose_logo_is_missing_or_unreadable(statement):
    association = statement.signatories.get(name_de="Aluminium Deutschland e. V.")
    Path(association.logo.path).write_bytes(b"not an image")
    speira = make_organisation(
        name_de="Speira GmbH", logo=ContentFile(png(), "speira.png"), logo_alt_de="Logo"
    )
    speira.logo.storage.delete(speira.logo.name)
    statement.signatories.add(speira)
    data = render(statement, "de")
    block = signatories_block(page_texts(data)[0], "Unterzeichner", "Düsseldorf, 30. November")
    assert block == "Aluminium Deutschland e. V. IG Metall Speira GmbH"
    assert len(read(data).pages[0]["/Resources"]["/XObject"]) == 1  # the alliance's logo


def test_pdf_without_signatories_has_no_signatories_label(statement):
    statement.signatories.clear()
    first_page = page_texts(render(statement, "de"))[0]
    assert "Unterzeichner" not in first_page
    assert f"{HEADLINE_DE} Düsseldorf, 30. November 2021 {HEADLINE_DE}" in first_page
