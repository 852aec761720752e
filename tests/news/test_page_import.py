import dataclasses
import datetime
from pathlib import Path

import pytest

import news
from news.page_import import (
    ImportedSection,
    PageImportError,
    parse_static_site_page,
    repair_text,
)

SEED = Path(news.__file__).parent / "seeds" / "003_9a3a17aab97ae3fe.txt"


@pytest.fixture(scope="module")
def page():
    return parse_static_site_page(SEED.read_bytes())


def all_text(page):
    """Every string the parser produced, in one piece."""
    strings = []

    def collect(value):
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(dataclasses.asdict(page))
    return "\n".join(strings)


def test_seed_copy_is_still_broken():
    # The seed must keep its mojibake, or these tests stop testing the repair.
    assert "Energietr√§ger" in SEED.read_text(encoding="utf-8")


def test_front_matter(page):
    assert page.title == (
        "Innovation im Fokus: Aluminium als klimaneutraler Energieträger – "
        "Revolution für Industrie und KI-Rechenzentren?"
    )
    assert page.date == datetime.date(2025, 10, 24)
    assert page.summary.startswith(
        "Aluminium rückt dank neuer Forschung als Hoffnungsträger für die Dekarbonisierung"
    )
    assert "Dieses Whitepaper beleuchtet aktuelle Durchbrüche" in page.summary
    assert "digitaler Transformation – praxisnah und SEO-optimiert." in page.summary
    assert page.categories == ["AI Prozessautomatisierung"]
    assert page.image == "page/images/2025-10-24-smart-ai-sparks-aluminium-energietraeger/hero.jpg"


def test_sections_in_order(page):
    assert [section.heading for section in page.sections] == [
        "Unerschlossene Energie: Der Funke, der alles verändert",
        "Blindstelle erkannt: Warum haben wir Aluminium so lange unterschätzt?",
        "Kritische Forschung, neue Wege: Fortschritt, Grenzen und Trends",
        "Von Smart Grids bis KI-Hubs: Anwendungen & Praxisbeispiele",
        "Vergleich & Guidance: Lösungsoptionen für Entscheider",
        "Der Wendepunkt: Aluminium neu denken – und handeln",
        "Ab morgen: Sei Vorreiter und setze Benchmarks",
    ]


def test_section_bodies_have_no_heading_or_shortcodes(page):
    for section in page.sections:
        assert section.body
        assert "#" not in section.body
        assert "{{<" not in section.body
        assert "{{<" not in section.side_note
    assert page.sections[0].body.startswith("<p>Innovative Entwicklungen beginnen oft im Stillen.")
    assert "Kreislaufwirtschaft[2].</li>" in page.sections[2].body


def test_markdown_lists_and_bold_become_html(page):
    """Seed 003's lists (nested ones too) and **bold** are real HTML, not Markdown."""
    challenges = page.sections[2].body
    assert "<li>Herausforderungen:\n<ul>\n<li>Hoher Energiebedarf bleibt bestehen</li>" in (
        challenges
    )
    assert "<li>Zugang zu grünem Strom nötig</li>" in challenges
    assert "<li>Digitalisierung &amp; AI sind essenziell für Effizienz</li>" in challenges
    comparison = page.sections[4].body
    assert "<ol>\n<li>Klassische, fossile Aluminiumherstellung</li>" in comparison
    assert page.sections[2].side_note.startswith(
        "<p><strong>Dos &amp; ✗ Don'ts</strong></p>\n<ul>\n<li>✓ Nutze Pilotprojekte"
    )
    for section in page.sections:
        for markdown in ("**", "\n- ", "\n  - ", "\n  1. "):
            assert markdown not in section.body
            assert markdown not in section.side_note


def test_markdown_cannot_carry_markup():
    raw = (
        '---\ntitle: "T"\ndate: 2025-10-24\n---\n'
        "{{< page-section >}}{{< page-content >}}\n# Teil\n\n"
        "- <script>alert(1)</script> [Link](javascript:alert(1)) **fett**\n"
        "{{< /page-content >}}{{< /page-section >}}\n"
    )
    body = parse_static_site_page(raw).sections[0].body
    assert body == (
        "<ul>\n<li>&lt;script&gt;alert(1)&lt;/script&gt; [Link](javascript:alert(1)) "
        "<strong>fett</strong></li>\n</ul>"
    )


def test_side_notes(page):
    side_notes = [section.side_note for section in page.sections]
    assert side_notes[0] == (
        "<p>ℹ️ Diese Section hebt das disruptive Potenzial und neue Anwendungen von Aluminium "
        "hervor.</p>"
    )
    assert side_notes[1].startswith("<p>💡 Neue Technologien hinterfragen alte Annahmen")
    dos_and_donts = side_notes[2]
    assert "<li>✓ Nutze Pilotprojekte als Grundlage</li>" in dos_and_donts
    assert "<li>✗ Ignoriere nicht ökonomische Herausforderungen</li>" in dos_and_donts


def test_text_is_repaired_everywhere(page):
    text = all_text(page)
    for word in ("Energieträger", "für", "CO₂", "Maßstäbe", "–", "ℹ️", "💡", "✓", "✗"):
        assert word in text
    for mojibake in ("√", "‚Ä", "Ã", "\uf8ff"):
        assert mojibake not in text


def test_call_to_action(page):
    assert page.cta is not None
    assert page.cta.button_text == "Jetzt unverbindlich anfragen"
    assert page.cta.button_link == "/contact"
    assert page.cta.image == "page/images/cta.png"
    assert page.cta.image_alt == "Jetzt starten"
    assert page.cta.text.startswith("Jetzt den Wandel starten:")
    assert "Setze Maßstäbe für klimaneutrale Energie" in page.cta.text


def test_references(page):
    assert [(ref.number, ref.title, ref.url) for ref in page.references] == [
        (
            1,
            "en:former – Wie die Aluminiumproduktion grüner werden kann",
            "https://www.en-former.com/wie-die-aluminiumproduktion-gruener-werden-kann/",
        ),
        (
            2,
            "Abschlussbericht: Das war die ALUMINIUM 2024",
            "https://www.aluminium-exhibition.com/de-de/blog/pressemitteilungen/"
            "aluminium-abschlussbericht-2024.html",
        ),
        (
            3,
            "Gleich Aluminium: Electrified Heat Treatment",
            "https://gleich.de/en/heat-treatment-without-usage-of-natural-gas/",
        ),
    ]
    assert "Quellen" not in [section.heading for section in page.sections]


def test_parses_text_as_well_as_bytes(page):
    assert parse_static_site_page(SEED.read_text(encoding="utf-8")) == page


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("Energietr√§ger", "Energieträger"),
        ("f√ºr", "für"),
        ("CO‚ÇÇ-Aussto√ü", "CO₂-Ausstoß"),
        ("Setze Ma√üst√§be", "Setze Maßstäbe"),
        ("Werkstoff ‚Äì es", "Werkstoff – es"),
        ("‚ÑπÔ∏è Hinweis", "ℹ️ Hinweis"),
        # The emoji's first byte, 0xF0, is the Apple logo (U+F8FF) in Mac Roman.
        ("\uf8ffüí° Tipp", "💡 Tipp"),
        ("‚úì ja, ‚úó nein", "✓ ja, ✗ nein"),
        # UTF-8 read as Windows-1252, the everyday case, is ftfy's own ground.
        ("GrÃ¼ÃŸe", "Grüße"),
    ],
)
def test_repair_text(broken, repaired):
    assert repair_text(broken) == repaired


@pytest.mark.parametrize(
    "correct",
    [
        "Energieträger für Maßstäbe – CO₂ ✓ 💡",
        "„Typografische“ Anführungszeichen bleiben ‚so‘.",
        "plain ASCII",
        "",
    ],
)
def test_repair_text_leaves_correct_text_alone(correct):
    assert repair_text(correct) == correct


def test_repair_text_repairs_each_line_on_its_own():
    assert repair_text("schon richtig: für\nkaputt: Energietr√§ger\n") == (
        "schon richtig: für\nkaputt: Energieträger\n"
    )


def front_matter_page(front_matter):
    return f"---\n{front_matter}---\n\n{{{{< page-section >}}}}{{{{< /page-section >}}}}\n"


def test_page_without_front_matter():
    with pytest.raises(PageImportError, match=r"^Page has no front matter: its first line must"):
        parse_static_site_page(b"# Just a heading\n\nSome text.\n")


def test_page_with_unclosed_front_matter():
    with pytest.raises(PageImportError, match=r"^Page front matter is not closed by a '---' line"):
        parse_static_site_page('---\ntitle: "Offen"\ndate: 2025-10-24\n')


def test_page_without_title():
    with pytest.raises(PageImportError, match=r"^Page front matter has no title\.$"):
        parse_static_site_page(front_matter_page('date: 2025-10-24\nsummary: "Ohne Titel"\n'))


def test_page_with_empty_title():
    with pytest.raises(PageImportError, match=r"^Page front matter has no title\.$"):
        parse_static_site_page(front_matter_page('title: ""\ndate: 2025-10-24\n'))


def test_page_with_bad_date():
    with pytest.raises(
        PageImportError,
        match=r"^Page front matter date '24\.10\.2025' is not an ISO date \(YYYY-MM-DD\)\.$",
    ):
        parse_static_site_page(front_matter_page('title: "Datum"\ndate: 24.10.2025\n'))


def test_page_without_date():
    with pytest.raises(PageImportError, match=r"^Page front matter has no date\.$"):
        parse_static_site_page(front_matter_page('title: "Kein Datum"\n'))


def test_page_with_malformed_front_matter_line():
    with pytest.raises(PageImportError, match=r"^Front matter line 3 is not 'key: value'"):
        parse_static_site_page(front_matter_page('title: "T"\njust words\ndate: 2025-10-24\n'))


def test_page_import_error_is_a_value_error():
    assert issubclass(PageImportError, ValueError)


def test_timestamp_dates_keep_their_day():
    page = parse_static_site_page(
        front_matter_page('title: "Zeit"\ndate: "2025-10-24T09:30:00+02:00"\n')
    )
    assert page.date == datetime.date(2025, 10, 24)
    assert page.sections == [ImportedSection(heading="", body="", side_note="")]


def test_text_outside_sections_is_an_error():
    raw = front_matter_page('title: "T"\ndate: 2025-10-24\n') + "Verirrter Absatz\n"
    with pytest.raises(PageImportError, match=r"^Page has text outside its sections: 'Verirrter"):
        parse_static_site_page(raw)


def test_malformed_reference_is_an_error():
    raw = (
        '---\ntitle: "T"\ndate: 2025-10-24\n---\n'
        "{{< page-section >}}{{< page-content >}}\n## Quellen\n\n"
        "1. [Gut](https://example.org/)\nkein Link\n"
        "{{< /page-content >}}{{< /page-section >}}\n"
    )
    with pytest.raises(PageImportError, match=r"^Reference is not '1\. \[title\]\(url\)': 'kein"):
        parse_static_site_page(raw)
