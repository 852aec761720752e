"""Staff write rich text in the admin's editor, one per language tab, in a real browser.

The editor (django-prose-editor) must come up in both language tabs that
modeltranslation makes of one field, and saving must store both languages as clean
HTML, which the public pages then show as headings, lists and bold text.
"""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from statements.models import PressStatement

pytestmark = pytest.mark.browser

PASSWORD = "a-long-password-for-the-browser-test"


@pytest.fixture
def staff_page(page, site):
    User.objects.create_superuser("redaktion", "redaktion@example.org", PASSWORD)
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Benutzername").fill("redaktion")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("#user-tools")).to_be_visible()
    return page


def write(editor, page, *, heading, text, items, links):
    """Replace the editor's content, using its toolbar and link dialog as staff would."""
    editor.get_by_role("textbox").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(heading)
    editor.locator(".prose-menubar__selected").click()  # the block type menu
    editor.get_by_role("button", name="Heading 2").click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Ein ")
    page.keyboard.press("Control+B")
    page.keyboard.type(text)
    page.keyboard.press("Control+B")
    page.keyboard.press("Enter")
    editor.get_by_title("unordered list").click()
    for item in items:
        page.keyboard.type(item)
        page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    # Link texts are single words: a double click selects one, as it would for staff.
    for index, (word, _url) in enumerate(links):
        if index:
            page.keyboard.press("Enter")
        page.keyboard.type(word)
    for word, url in links:
        paragraph = editor.get_by_role("textbox").get_by_text(word, exact=True)
        paragraph.dblclick(position={"x": 4, "y": 6})  # on the word, not the empty line after
        link_button = editor.get_by_title("insert link")
        expect(link_button).not_to_have_class(re.compile("disabled"))
        link_button.click()
        dialog = page.locator("dialog[open]")
        dialog.get_by_label("URL").fill(url)
        dialog.locator("button[type=submit]").click()
        expect(dialog).to_have_count(0)


def test_editor_in_each_language_tab_saves_both_languages(staff_page, site):
    page = staff_page
    statement = PressStatement.objects.get()
    page.goto(f"{site}/admin/statements/pressstatement/{statement.pk}/change/")

    tabs = page.locator(".ui-tabs", has=page.locator("#id_body_de"))
    german = page.locator(".field-body_de .prose-editor")
    english = page.locator(".field-body_en .prose-editor")
    expect(german.get_by_role("textbox")).to_be_visible()
    expect(english).to_be_hidden()  # behind its tab, but there
    expect(german.get_by_title("bold")).to_be_visible()

    write(
        german,
        page,
        heading="Worum es geht",
        text="Kernpunkt",
        items=["eins", "zwei"],
        links=[("Mehr", "https://example.org/mehr"), ("Klick", "javascript:alert(1)")],
    )
    tabs.get_by_role("tab", name="en").click()
    expect(english.get_by_role("textbox")).to_be_visible()
    expect(german).to_be_hidden()
    write(
        english,
        page,
        heading="What it is about",
        text="key point",
        items=["one", "two"],
        links=[("Contact", "mailto:press@example.org")],
    )

    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    statement.refresh_from_db()
    # The editor's own markup, cleaned: its empty title attributes and the javascript:
    # address are gone (the link keeps its word), links get rel="noopener noreferrer".
    rel = 'rel="noopener noreferrer"'
    assert statement.body_de == (
        "<h2>Worum es geht</h2><p>Ein <strong>Kernpunkt</strong></p>"
        "<ul><li><p>eins</p></li><li><p>zwei</p></li></ul>"
        f'<p><a href="https://example.org/mehr" {rel}>Mehr</a></p><p>Klick</p>'
    )
    assert statement.body_en == (
        "<h2>What it is about</h2><p>Ein <strong>key point</strong></p>"
        "<ul><li><p>one</p></li><li><p>two</p></li></ul>"
        f'<p><a href="mailto:press@example.org" {rel}>Contact</a></p>'
    )

    page.goto(f"{site}/en{statement.get_absolute_url()[3:]}")
    body = page.get_by_role("main")
    expect(body.get_by_role("heading", name="What it is about", level=2)).to_be_visible()
    expect(body.locator("strong", has_text="key point")).to_be_visible()
    expect(body.get_by_role("listitem").filter(has_text="two")).to_be_visible()
    expect(body.get_by_role("link", name="Contact", exact=True)).to_have_attribute(
        "href", "mailto:press@example.org"
    )
