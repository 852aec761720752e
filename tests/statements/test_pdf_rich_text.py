"""The statement's rich text in the PDF: headings, lists, bold, italic and links, safely."""

import io
import zipfile

import pytest
from django.utils import translation
from reportlab.platypus import ListFlowable, Paragraph

from alliance_portal.richtext import to_plain_line
from statements.pdf import _styles
from statements.pdf_markup import (
    attribute_value,
    link_target,
    paragraph_text,
    rich_text_flowables,
)
from statements.press_kit import stream_press_kit
from tests.statements.test_pdf import make_statement, read, render

pytestmark = pytest.mark.django_db

BODY = (
    "<h2>Worum es geht</h2>"
    "<p>Ein <strong>fetter</strong> und ein <em>kursiver</em> Satz, "
    "<strong><em>beides</em></strong>.<br>Neue Zeile mit "
    '<a href="https://example.org/mehr">Link</a> und '
    '<a href="mailto:presse@example.org">Mail</a>.</p>'
    "<h3>Die Punkte</h3>"
    "<ul><li>eins<ul><li>eins a</li></ul></li><li>zwei</li></ul>"
    "<ol><li>erstens</li><li>zweitens</li></ol>"
    "<blockquote><p>Ein Zitat im Text</p></blockquote>"
)


def uris(reader):
    found = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action:
                found.add(str(action.get_object()["/URI"]))
    return found


def fonts(reader):
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_rich_text_becomes_headings_lists_emphasis_and_links():
    statement = make_statement(body_de=BODY)
    reader = read(render(statement, "de"))
    text = " ".join(reader.pages[0].extract_text().split())
    for words in (
        "Worum es geht",
        "Ein fetter und ein kursiver Satz, beides.",
        "Neue Zeile mit Link und Mail.",
        "Die Punkte",
        "• eins",
        "• eins a",
        "• zwei",
        "1. erstens",
        "2. zweitens",
        "Ein Zitat im Text",
    ):
        assert words in text, words
    assert "<" not in text
    assert {"DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"} <= fonts(reader)
    assert {"https://example.org/mehr", "mailto:presse@example.org"} <= uris(reader)


def test_only_links_with_allowed_schemes_reach_the_pdf():
    statement = make_statement(
        body_de='<p><a href="https://example.org/">gut</a> <a href="/de/press/">relativ</a> '
        '<a href="javascript:alert(1)">böse</a></p>'
    )
    reader = read(render(statement, "de"))
    assert "gut relativ böse" in " ".join(reader.pages[0].extract_text().split())
    # The statement's own links (its press contact's phone and e-mail) and the one good link:
    # a relative address has no page to resolve against, javascript: never gets this far.
    assert uris(reader) == {
        "https://example.org/",
        "tel:+492114796276",
        "mailto:tim.stappen@alu-d.de",
    }


@pytest.mark.parametrize(
    "markup",
    [
        "<strong><p>Absatz in fett</p></strong>",
        "<em><ul><li>Liste in kursiv</li></ul></em>",
        "<li>Punkt ohne Liste</li>",
        "<ul>Text in der Liste<li>Punkt</li></ul>",
        "<p><a href='https://a.example'><a href='https://b.example'>doppelt</a></a></p>",
        "<blockquote><blockquote><h2>tief</h2></blockquote></blockquote>",
        "<p>&lt;font color=red&gt; &amp;nbsp; &lt;link href=x&gt;</p>",
    ],
)
def test_odd_nesting_renders_without_markup_errors(markup):
    assert rich_text_flowables(markup, _styles(), link_color="#0b5cad")
    statement = make_statement(body_de=markup)
    text = " ".join(read(render(statement, "de")).pages[0].extract_text().split())
    # Every word is there (list bullets only where the list is a list).
    for word in to_plain_line(markup).replace("•", "").split():
        assert word in text


def test_lists_are_reportlab_lists():
    flowables = rich_text_flowables(
        "<ol><li>a</li><li>b</li></ol>", _styles(), link_color="#0b5cad"
    )
    assert isinstance(flowables[0], ListFlowable)


def test_text_for_paragraphs_is_escaped_and_stripped_of_characters_xml_forbids():
    assert paragraph_text('<b>fett</b> & <link href="x">') == (
        '&lt;b&gt;fett&lt;/b&gt; &amp; &lt;link href="x"&gt;'
    )
    assert paragraph_text("Steuer\x0bzeichen\x00\x1b") == "Steuerzeichen"
    assert attribute_value('a"b') == "a&quot;b"
    paragraph = Paragraph(paragraph_text("<para><font size=40>gross</font>"), _styles()["body"])
    assert paragraph.getPlainText() == "<para><font size=40>gross</font>"


@pytest.mark.parametrize(
    ("href", "target"),
    [
        ("https://example.org/", "https://example.org/"),
        ("mailto:a@example.org", "mailto:a@example.org"),
        ("tel:+49211", "tel:+49211"),
        ("/relative/", None),
        ("javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("http://[invalid", None),
    ],
)
def test_link_targets(href, target):
    assert link_target(href) == target


def test_press_kit_text_has_the_body_as_plain_text():
    statement = make_statement(body_de=BODY)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(stream_press_kit(statement))))
    with translation.override("de"):
        text = archive.read(f"{statement.slug}-de.txt").decode()
    assert "Worum es geht\n\nEin fetter und ein kursiver Satz, beides.\nNeue Zeile" in text
    assert "• eins\n  • eins a\n• zwei\n\n1. erstens\n2. zweitens" in text
    assert "<" not in text
