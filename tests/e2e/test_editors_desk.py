"""A communications officer enters content the portal has never seen, in a real browser.

Through the real admin forms, in a German (and an English) Chromium: three organisations,
an alliance with those members, two key figures typed as the office types them, a goal
with two sub-goals, all in one save; then a statement with three quotes pasted with their
own quotation marks and the three organisations as signatories. The public pages, the PDF
and the press kit are then read in both languages. Each test counts the clicks it takes
(issue 14 asks for the count: it was 79 clicks and two saves for the alliance before).
"""

import io
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from alliance_portal.models import Alliance, Goal, KeyFigure
from statements.models import PressStatement, Quote

pytestmark = pytest.mark.browser

PASSWORD = "a-long-password-for-the-browser-test"
ORGANISATIONS = ["Saarstahl AG", "Dillinger Hüttenwerke", "Gewerkschaft Stahlwerker Saar"]
QUOTES = [
    ("Anna Beispiel", "„Wir investieren jetzt in grünen Stahl.“"),
    ("Bernd Muster", "»Die Saar bleibt Stahlstandort.«"),
    ("Clara Probe", '"Ohne Wasserstoff keine Zukunft."'),
]
LOCALES = {
    # locale: (admin language, the figures as typed, the founding date as typed, login button)
    "de-DE": ("de", ("21.500", "87,5"), "08.10.2024", {"login": "Anmelden"}),
    "en-GB": ("en", ("21,500", "87.5"), "2024-10-08", {"login": "Log in"}),
}


class Clicks:
    """Counts what staff click (and choose in select boxes) to get the work done."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, target):
        locator = self.page.locator(target) if isinstance(target, str) else target
        locator.click()
        self.count += 1

    def choose(self, selector, value):
        self.page.select_option(selector, value)
        self.count += 1

    def autocomplete(self, select_id, text):
        """Pick `text` in a select2 autocomplete box: open it, type, pick the option."""
        self.click(f"#{select_id} + .select2 .select2-selection")
        self.page.locator(".select2-container--open .select2-search__field").fill(text)
        self.click(
            self.page.locator(".select2-results__option", has_text=text).filter(has_not_text="…")
        )

    def add_row(self, group):
        self.click(f"#{group}-group .add-row a")
        return int(self.page.input_value(f"#id_{group}-TOTAL_FORMS")) - 1


def log_in(page, site, labels):
    User.objects.create_superuser("redaktion", "redaktion@example.org", PASSWORD)
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "redaktion")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=labels["login"]).click()
    expect(page.locator("#user-tools")).to_be_visible()


def save(clicks, page):
    clicks.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()


def enter_organisations(clicks, page, site):
    for name in ORGANISATIONS:
        page.goto(f"{site}/admin/members/organisation/add/")
        page.fill("#id_name_de", name)
        clicks.choose("#id_kind", "company" if "Gewerkschaft" not in name else "trade_union")
        clicks.choose("#id_status", "published")
        save(clicks, page)


def enter_alliance(clicks, page, site, figures, founded):
    page.goto(f"{site}/admin/alliance_portal/alliance/add/")
    page.fill("#id_name_de", "Stahlbündnis Saar")
    page.fill("#id_summary_de", "Stahlindustrie, Gewerkschaft und Land für grünen Stahl.")
    clicks.choose("#id_country", "DE")
    page.fill("#id_founded_on", founded)
    page.fill("#id_founding_place", "Saarbrücken")
    for name in ORGANISATIONS:
        row = clicks.add_row("memberships")
        clicks.autocomplete(f"id_memberships-{row}-organisation", name)
    for (label, unit), typed in zip(
        (("Beschäftigte", "count"), ("Recyclingquote", "percent")), figures, strict=True
    ):
        row = clicks.add_row("key_figures")
        page.fill(f"#id_key_figures-{row}-value", typed)
        clicks.choose(f"#id_key_figures-{row}-unit", unit)
        page.fill(f"#id_key_figures-{row}-year", "2024")
        page.fill(f"#id_key_figures-{row}-label_de", label)
        page.fill(f"#id_key_figures-{row}-scope_de", "Saarland")
        page.fill(f"#id_key_figures-{row}-source_de", "Statistisches Landesamt")
    goal = clicks.add_row("goals")
    page.fill(f"#id_goals-{goal}-title_de", "Grüner Stahl bis 2035")
    number = page.input_value(f"#id_goals-{goal}-position")
    for title in ("Wasserstoff aus der Region", "Schrott im Kreislauf"):
        row = clicks.add_row("goals")
        page.fill(f"#id_goals-{row}-parent_number", number)
        page.fill(f"#id_goals-{row}-title_de", title)
    clicks.choose("#id_status", "published")
    save(clicks, page)
    return Alliance.objects.get(name_de="Stahlbündnis Saar")


def enter_statement(clicks, page, site):
    page.goto(f"{site}/admin/statements/pressstatement/add/")
    page.fill("#id_headline_de", "Stahlbündnis Saar startet")
    page.fill("#id_dateline_place_de", "Saarbrücken")
    clicks.autocomplete("id_alliance", "Stahlbündnis Saar")
    body = page.locator(".field-body_de .prose-editor").get_by_role("textbox")
    clicks.click(body)
    page.keyboard.type("Drei Partner, ein Ziel: grüner Stahl an der Saar.")
    for name in ORGANISATIONS:
        clicks.autocomplete("id_signatories", name)
    for speaker, text in QUOTES:
        row = clicks.add_row("quotes")
        page.fill(f"#id_quotes-{row}-speaker_name", speaker)
        page.fill(f"#id_quotes-{row}-text_de", text)  # pasted with its own marks
    clicks.choose("#id_status", "published")
    # Its quotes are not approved by their organisations (nobody was asked): publishing
    # them needs a tick, and the save is refused until then.
    clicks.click("input[name=_save]")
    clicks.click("#id_publish_unapproved_quotes")
    save(clicks, page)
    return PressStatement.objects.get(headline_de="Stahlbündnis Saar startet")


def text_of(page):
    return page.locator("main").inner_text().replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("locale", LOCALES)
def test_an_office_enters_an_alliance_and_a_statement(browser, site, locale):
    language, figures, founded, labels = LOCALES[locale]
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    clicks = Clicks(page)
    log_in(page, site, labels)

    enter_organisations(clicks, page, site)
    alliance = enter_alliance(clicks, page, site, figures, founded)
    alliance_clicks = clicks.count
    statement = enter_statement(clicks, page, site)
    statement_clicks = clicks.count - alliance_clicks
    print(
        f"\n{locale}: {alliance_clicks} clicks and 4 saves for three organisations and the "
        f"alliance; {statement_clicks} clicks and 2 saves for the statement (confirming "
        "its quotes not approved)"
    )
    # 28 and 14 when this was written (typing not counted); before issue 14 the alliance
    # alone took 79 clicks and two saves. The statement's quotes, not approved by their
    # organisations, take a refused save and a confirming tick more.
    assert alliance_clicks <= 30 and statement_clicks <= 18

    # Stored as typed, in one save.
    assert sorted(KeyFigure.objects.filter(alliance=alliance).values_list("value", flat=True)) == [
        87.5,
        21500,
    ]
    main = Goal.objects.get(alliance=alliance, parent=None)
    assert [g.title_de for g in main.children.order_by("position")] == [
        "Wasserstoff aus der Region",
        "Schrott im Kreislauf",
    ]
    assert alliance.memberships.count() == 3
    assert list(Quote.objects.filter(statement=statement).values_list("position", flat=True)) == [
        1,
        2,
        3,
    ]

    # The public pages, in both languages.
    page.goto(f"{site}{alliance.get_absolute_url()}")
    german = text_of(page)
    assert "21.500" in german and "87,5 %" in german
    assert "Gegründet am 8. Oktober 2024 in Saarbrücken" in german
    assert german.index("Grüner Stahl bis 2035") < german.index("Wasserstoff aus der Region")
    page.goto(f"{site}/en{alliance.get_absolute_url()[3:]}")
    english = text_of(page)
    assert "21,500" in english and "87.5%" in english

    for prefix, marks in (("", ("„", "“")), ("/en", ("„", "“"))):
        path = statement.get_absolute_url()
        page.goto(f"{site}{prefix}{path[3:] if prefix else path}")
        shown = page.locator("main").inner_html()
        for position, (_speaker, _text) in enumerate(QUOTES, 1):
            expect(page.locator(f"#quote-{position}")).to_be_visible()
        assert "#quote-0" not in shown and 'id="quote-0"' not in shown
        assert "„„" not in shown and "““" not in shown and "»Die Saar" not in shown
        # German quotes keep German marks, on the English page too (fallback).
        assert f"{marks[0]}Wir investieren jetzt in grünen Stahl.{marks[1]}" in text_of(page)

    # The PDF names every signatory; the press kit's files carry the release time.
    for language_prefix in ("de", "en"):
        url = f"{site}/{language_prefix}{statement.get_absolute_url()[3:]}pdf/"
        pdf = PdfReader(io.BytesIO(page.request.get(url).body()))
        pdf_text = " ".join(p.extract_text() for p in pdf.pages).replace("\n", " ")
        for name in ORGANISATIONS:
            assert name in pdf_text, (language_prefix, name)
    kit = page.request.get(f"{site}{statement.get_absolute_url()}press-kit.zip").body()
    released = timezone.localtime(statement.published_at)
    for member in zipfile.ZipFile(io.BytesIO(kit)).infolist():
        stamp = timezone.make_aware(
            timezone.datetime(*member.date_time), timezone.get_current_timezone()
        )
        assert abs(stamp - released) < timedelta(seconds=2), member.filename
    context.close()
