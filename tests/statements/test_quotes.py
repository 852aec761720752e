"""Quotes: stored without the quotation marks around them, shown with the marks of
the language their text is in — on the statement page, the organisation page, in
the PDF and in the press kit's text file alike."""

import importlib
import io
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser

from statements.models import Quote
from statements.press_kit import stream_press_kit
from statements.quotation import without_quote_marks
from tests.admin_forms import admin_form
from tests.factories import make_alliance, make_organisation, make_statement

pytestmark = pytest.mark.django_db

STRIPPED = {
    "German marks": ("„Wir bauen das Werk.“", "Wir bauen das Werk."),
    "English marks": ("“We build the plant.”", "We build the plant."),
    "straight marks": ('"We build the plant."', "We build the plant."),
    "German guillemets": ("»Wir bauen das Werk.«", "Wir bauen das Werk."),
    "French guillemets": ("«Nous construisons l’usine.»", "Nous construisons l’usine."),
    "German single marks": ("‚Wir bauen das Werk.‘", "Wir bauen das Werk."),
    "straight single marks": ("'We build the plant.'", "We build the plant."),
    "English single marks": ("‘We build the plant.’", "We build the plant."),
    "German opening, English closing": ("„Wir bauen das Werk.”", "Wir bauen das Werk."),
    "whitespace around and inside": ("  \n„ Wir bauen das Werk. “\n ", "Wir bauen das Werk."),
    "two paragraphs": ("„Erstens.\n\nZweitens.“", "Erstens.\n\nZweitens."),
    "a quote inside the quote": (
        "„Er sagte: ‚Wir bauen.‘ Und so kam es.“",
        "Er sagte: ‚Wir bauen.‘ Und so kam es.",
    ),
    "marks inside the quote": (
        "„Als „Know-how-Cluster“ wachsen wir.“",
        "Als „Know-how-Cluster“ wachsen wir.",
    ),
    "an apostrophe inside": ("'We don't stop.'", "We don't stop."),
    "two pairs around it": ('"„Wir bauen das Werk.“"', "Wir bauen das Werk."),
    "only whitespace to lose": ("  Wir bauen das Werk. ", "Wir bauen das Werk."),
}

KEPT = {
    "marks inside only": "Als „Know-how-Cluster“ wachsen wir.",
    "two quotations, not one": "„Know-how“ ist unser „Kapital“",
    "two straight quotations": '"Know-how" and "capital"',
    "two single quotations with apostrophes": "'Don't' and 'won't'",
    "an opening mark only": "„Wir bauen das Werk.",
    "a closing mark only": "Wir bauen das Werk.“",
    "marks that do not pair": "„Wir bauen das Werk.«",
    "a closing mark before the full stop": "„Wir bauen das Werk“.",
}


@pytest.mark.parametrize(("typed", "stored"), STRIPPED.values(), ids=STRIPPED.keys())
def test_quote_marks_around_the_whole_text_are_removed(typed, stored):
    assert without_quote_marks(typed) == stored


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
def test_marks_that_do_not_enclose_the_whole_text_stay(text):
    assert without_quote_marks(text) == text


def test_empty_texts_stay_empty():
    assert without_quote_marks("") == ""
    assert without_quote_marks(None) is None
    assert without_quote_marks("„“") == ""


# --- Every way into the database ---------------------------------------------------


@pytest.fixture
def statement():
    return make_statement(alliance=make_alliance(), status="published")


def stored(quote):
    return Quote.objects.values_list("text_de", "text_en").get(pk=quote.pk)


def test_saving_removes_the_marks_in_both_languages(statement):
    quote = Quote.objects.create(
        statement=statement,
        speaker_name="Erika Muster",
        text_de="„Wir bauen das Werk.“",
        text_en="“We build the plant.”",
    )
    assert stored(quote) == ("Wir bauen das Werk.", "We build the plant.")
    assert (quote.text_de, quote.text_en) == ("Wir bauen das Werk.", "We build the plant.")

    quote.text_de = "»Wir bauen es.«"
    quote.save()
    assert stored(quote) == ("Wir bauen es.", "We build the plant.")


def test_validation_removes_the_marks(statement):
    quote = Quote(statement=statement, speaker_name="Erika Muster", text_de=" ‚Wir bauen.‘ ")
    quote.full_clean()
    assert quote.text_de == "Wir bauen."


def test_marks_alone_are_no_quote(statement):
    quote = Quote(statement=statement, speaker_name="Erika Muster", text_de="„“")
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "text_de" in error.value.message_dict


def test_update_and_bulk_writes_remove_the_marks(statement):
    quote = Quote.objects.create(statement=statement, speaker_name="A", text_de="Zitat")
    Quote.objects.filter(pk=quote.pk).update(text_de="„Geändert.“", text_en='"Changed."')
    assert stored(quote) == ("Geändert.", "Changed.")

    [created] = Quote.objects.bulk_create(
        [Quote(statement=statement, speaker_name="B", text_de="«Neu.»", text_en="‘New.’")]
    )
    assert stored(created) == ("Neu.", "New.")

    created.text_de = "„Wieder geändert.“"
    Quote.objects.bulk_update([created], ["text_de"])
    assert stored(created) == ("Wieder geändert.", "New.")


def test_the_admin_stores_a_pasted_quote_without_its_marks(admin_client, statement):
    url = reverse("admin:statements_pressstatement_change", args=[statement.pk])
    fields = admin_form(admin_client, url)
    fields.update(
        {
            "quotes-TOTAL_FORMS": "1",
            "quotes-0-statement": str(statement.pk),
            "quotes-0-position": "1",
            "quotes-0-speaker_name": "Erika Muster",
            "quotes-0-text_de": "„Wir bauen das Werk.“",
            "quotes-0-text_en": "“We build the plant.”",
        }
    )
    response = admin_client.post(url, fields)
    assert response.status_code == 302
    assert list(statement.quotes.values_list("text_de", "text_en")) == [
        ("Wir bauen das Werk.", "We build the plant.")
    ]


def test_the_migration_strips_quotes_stored_with_their_marks(statement):
    marked = Quote.objects.create(statement=statement, speaker_name="A", text_de="x")
    plain = Quote.objects.create(
        statement=statement, speaker_name="B", text_de="Als „Cluster“ wachsen wir."
    )
    # Written as rows were before: past the field.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Quote._meta.db_table} SET text = %s, text_de = %s, text_en = %s "
            "WHERE id = %s",
            ["„Alt.“", "„Alt.“", "“Old.”", marked.pk],
        )
    assert stored(marked) == ("„Alt.“", "“Old.”")

    migration = importlib.import_module("statements.migrations.0012_quotes_without_quotation_marks")
    migration.strip_quote_marks(apps, None)

    assert stored(marked) == ("Alt.", "Old.")
    assert Quote.objects.values_list("text", flat=True).get(pk=marked.pk) == "Alt."
    assert stored(plain) == ("Als „Cluster“ wachsen wir.", None)


# --- Shown with the marks of the text's language, the same everywhere --------------


@pytest.fixture
def quoted_statement():
    """A statement quoting an organisation three times: pasted with marks in both
    languages, in German only, and with a quotation inside the quote."""
    organisation = make_organisation(name_de="Zitierfreudig AG")
    statement = make_statement(
        headline_de="Gemeinsame Erklärung",
        headline_en="Joint declaration",
        alliance=make_alliance(),
        status="published",
    )
    for position, (text_de, text_en) in enumerate(
        [
            ("„Wir bauen das Werk.“", "“We build the plant.”"),
            ("»Nur auf Deutsch.«", ""),
            ("Ein „Know-how-Cluster“ für NRW.", "A ‘know-how cluster’ for NRW."),
        ],
        start=1,
    ):
        Quote.objects.create(
            statement=statement,
            position=position,
            speaker_name=f"Sprecherin {position}",
            organisation=organisation,
            text_de=text_de,
            text_en=text_en,
        )
    return statement


SHOWN = {
    "de": ["„Wir bauen das Werk.“", "„Nur auf Deutsch.“", "„Ein „Know-how-Cluster“ für NRW.“"],
    "en": ["“We build the plant.”", "„Nur auf Deutsch.“", "“A ‘know-how cluster’ for NRW.”"],
}
FALLBACK_NOTE = "(in German: not yet translated)"


def blockquotes(html):
    return [node.html for node in LexborHTMLParser(html).css("blockquote")]


def test_statement_page_shows_each_quote_in_the_marks_of_its_language(client, quoted_statement):
    html = client.get(f"/de/press/{quoted_statement.slug}/").content.decode()
    assert blockquotes(html) == [
        f'<blockquote itemprop="text"><p>{text}</p></blockquote>' for text in SHOWN["de"]
    ]

    html = client.get(f"/en/press/{quoted_statement.slug}/").content.decode()
    english, fallback, inner = SHOWN["en"]
    assert blockquotes(html) == [
        f'<blockquote itemprop="text"><p>{english}</p></blockquote>',
        '<blockquote itemprop="text"><div lang="de" class="fallback">'
        f'<p>{fallback}</p> <small class="fallback-note">{FALLBACK_NOTE}</small>'
        "</div></blockquote>",
        f'<blockquote itemprop="text"><p>{inner}</p></blockquote>',
    ]


def test_a_quote_of_several_paragraphs_opens_in_the_first_and_closes_in_the_last(
    client, quoted_statement
):
    quote = quoted_statement.quotes.get(position=1)
    quote.text_de = "„Erstens.\nMit Umbruch.\n\nZweitens.“"
    quote.save()
    html = client.get(f"/de/press/{quoted_statement.slug}/").content.decode()
    assert blockquotes(html)[0] == (
        '<blockquote itemprop="text"><p>„Erstens.<br>Mit Umbruch.</p>\n\n<p>Zweitens.“</p>'
        "</blockquote>"
    )


def test_organisation_page_shows_the_quotes_with_the_same_marks(client, quoted_statement):
    organisation = quoted_statement.quotes.first().organisation
    for language in ("de", "en"):
        html = client.get(f"/{language}/organisations/{organisation.slug}/").content.decode()
        texts = [LexborHTMLParser(quote).css_first("p").text() for quote in blockquotes(html)]
        assert texts == SHOWN[language], language
    assert f'<div lang="de" class="fallback"><p>{SHOWN["en"][1]}</p>' in html


def pdf_text(data):
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def press_kit(statement):
    return zipfile.ZipFile(io.BytesIO(b"".join(stream_press_kit(statement))))


@pytest.mark.parametrize("language", ["de", "en"])
def test_pdf_and_press_kit_text_show_the_same_marks(client, quoted_statement, language):
    pdf = pdf_text(client.get(f"/{language}/press/{quoted_statement.slug}/pdf/").content)
    with translation.override(language):
        archive = press_kit(quoted_statement)
    text = archive.read(f"{quoted_statement.slug}-{language}.txt").decode()
    kit_pdf = pdf_text(archive.read(f"{quoted_statement.slug}-{language}.pdf"))
    for shown in SHOWN[language]:
        assert shown in pdf, shown
        assert shown in kit_pdf, shown
        assert f"\n{shown}\n— " in text, shown
    for document in (pdf, kit_pdf, text):
        assert "„„" not in document and "““" not in document and "“„" not in document
