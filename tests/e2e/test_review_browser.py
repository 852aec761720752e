"""Review in a real browser: an Editor's change to a published alliance waits for a
Publisher, and two people editing one statement do not overwrite each other.

German Chromium (de-DE) throughout, as the office works; screenshots of the review page,
the preview and the refused save go to tests/screenshots/.
"""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from alliance_portal.models import Alliance
from alliance_portal.publishing.models import PendingChange
from alliance_portal.publishing.roles import EDITOR, PUBLISHER
from members.models import Organisation
from statements.models import PressStatement
from tests.e2e.browser import SCREENSHOTS

pytestmark = pytest.mark.browser

PASSWORD = "a-long-password-for-the-review-test"
DAA = "deutsche-aluminium-allianz"
SUMMARY = "Die Allianz bündelt „Wertschöpfung, Arbeit und Klima“ – geändert zur Prüfung."
NEW_MEMBER = "Hütte Nord Walzwerk GmbH"
FIGURE = "Ausbildungsplätze Prüfstand"


def staff(username, full_name, role):
    first, last = full_name.split()
    user = User.objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=first, last_name=last
    )
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


def log_in(page, site, username):
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("#user-tools")).to_be_visible()


def open_page(browser, site, username):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, site, username)
    return context, page


def public_text(page, url):
    page.goto(url)
    return page.locator("main").inner_text().replace("\u00a0", " ")


def propose_three_changes(page, site, alliance):
    page.goto(f"{site}/admin/alliance_portal/alliance/{alliance.pk}/change/")
    expect(page.locator(".messagelist")).to_contain_text("zur Prüfung")
    page.fill("#id_summary_de", SUMMARY)
    page.locator("#memberships-group .add-row a").click()
    row = int(page.input_value("#id_memberships-TOTAL_FORMS")) - 1
    page.locator(f"#id_memberships-{row}-organisation + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Hütte Nord")
    page.locator(".select2-results__option", has_text=NEW_MEMBER).click()
    page.locator("#key_figures-group .add-row a").click()
    row = int(page.input_value("#id_key_figures-TOTAL_FORMS")) - 1
    page.fill(f"#id_key_figures-{row}-value", "1.234")
    page.fill(f"#id_key_figures-{row}-year", "2026")
    page.fill(f"#id_key_figures-{row}-label_de", FIGURE)
    page.fill(f"#id_key_figures-{row}-scope_de", "Deutschland")
    page.fill(f"#id_key_figures-{row}-source_de", "Eigene Erhebung")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("zur Prüfung gespeichert")


def test_an_editors_change_waits_for_the_publisher_and_goes_live_at_once(browser, roles, site):
    staff("erika", "Erika Muster", EDITOR)
    staff("peter", "Peter Prüfer", PUBLISHER)
    Organisation.objects.create(name_de=NEW_MEMBER, status="published")
    alliance = Alliance.objects.get(slug=DAA)
    german, english = f"{site}/de/alliances/{DAA}/", f"{site}/en/alliances/{DAA}/"

    editor_context, editor = open_page(browser, site, "erika")
    visitor_context = browser.new_context(locale="de-DE")
    visitor = visitor_context.new_page()
    before = [public_text(visitor, url) for url in (german, english)]

    propose_three_changes(editor, site, alliance)
    # The public pages are unchanged, in both languages.
    assert [public_text(visitor, url) for url in (german, english)] == before

    publisher_context, publisher = open_page(browser, site, "peter")
    publisher.goto(f"{site}/admin/alliance_portal/pendingchange/")
    row = publisher.locator("#result_list tbody tr", has_text="Deutsche Aluminium-Allianz")
    expect(row).to_contain_text("Erika Muster")
    expect(row).to_contain_text("Deutsch")
    row.get_by_role("link", name="Deutsche Aluminium-Allianz").click()
    comparison = publisher.locator(".review-comparison")
    expect(comparison).to_contain_text("Wertschöpfung, Arbeit und Klima")
    expect(comparison).to_contain_text(NEW_MEMBER)
    expect(comparison).to_contain_text(FIGURE)
    publisher.screenshot(path=SCREENSHOTS / "review-comparison-de.png", full_page=True)
    # On a phone the comparison stays within the screen.
    publisher.set_viewport_size({"width": 390, "height": 844})
    publisher.screenshot(path=SCREENSHOTS / "review-comparison-de-390.png", full_page=True)
    table_width = publisher.evaluate("document.querySelector('.review-comparison').scrollWidth")
    assert table_width <= publisher.evaluate("document.querySelector('#content').clientWidth")
    publisher.set_viewport_size({"width": 1280, "height": 900})

    # The preview shows the change as the public will see it, with a banner.
    with publisher.expect_popup() as popup:
        publisher.get_by_role("link", name="Englisch").click()
    preview = popup.value
    expect(preview.locator(".preview-banner")).to_be_visible()
    expect(preview.locator("main")).to_contain_text(NEW_MEMBER)
    preview.screenshot(path=SCREENSHOTS / "review-preview-en.png", full_page=True)
    preview.close()

    publisher.get_by_role("button", name="Jetzt freigeben").click()
    expect(publisher.locator(".messagelist .success")).to_contain_text("ist live")
    after_german, after_english = (public_text(visitor, url) for url in (german, english))
    assert "Wertschöpfung, Arbeit und Klima" in after_german
    assert NEW_MEMBER in after_german and NEW_MEMBER in after_english
    assert FIGURE in after_german and "1.234" in after_german

    # A second change is sent back with a comment; the editor sees it.
    editor.goto(f"{site}/admin/alliance_portal/alliance/{alliance.pk}/change/")
    editor.fill("#id_summary_de", "Ein zweiter Vorschlag ohne Quelle.")
    editor.locator("input[name=_save]").click()
    expect(editor.locator(".messagelist .success")).to_be_visible()
    change = PendingChange.objects.open().get()
    publisher.goto(f"{site}/admin/alliance_portal/pendingchange/{change.pk}/change/")
    publisher.fill("#id_comment", "Bitte die Quelle der Aussage ergänzen.")
    publisher.get_by_role("button", name="Mit Kommentar zurückgeben").click()
    expect(publisher.locator(".messagelist .success")).to_be_visible()
    editor.goto(f"{site}/admin/alliance_portal/alliance/{alliance.pk}/change/")
    expect(editor.locator(".messagelist")).to_contain_text("Bitte die Quelle der Aussage ergänzen.")
    expect(editor.locator(".messagelist")).to_contain_text("Peter Prüfer")
    editor.screenshot(path=SCREENSHOTS / "review-sent-back-de.png")
    assert "Ein zweiter Vorschlag" not in public_text(visitor, german)
    for context in (editor_context, publisher_context, visitor_context):
        context.close()


def test_the_second_of_two_saves_of_one_statement_is_refused_and_keeps_the_text(
    browser, roles, site
):
    staff("erika", "Erika Muster", EDITOR)
    staff("jonas", "Jonas Beispiel", EDITOR)
    statement = PressStatement.objects.published().first()
    url = f"{site}/admin/statements/pressstatement/{statement.pk}/change/"
    first_context, first = open_page(browser, site, "erika")
    second_context, second = open_page(browser, site, "jonas")
    first.goto(url)
    second.goto(url)

    first.fill("#id_headline_de", "Erikas neue Schlagzeile")
    first.locator("input[name=_save]").click()
    expect(first.locator(".messagelist .success")).to_be_visible()

    typed = "Jonas’ Vorspann, getippt während Erika speicherte."
    second.fill("#id_sub_headline_de", typed)
    second.locator("input[name=_save]").click()
    expect(second.locator(".errornote, .errorlist").first).to_be_visible()
    expect(second.locator("#content-main")).to_contain_text("Erika Muster")
    expect(second.locator("#id_sub_headline_de")).to_have_value(typed)
    second.screenshot(path=SCREENSHOTS / "review-conflict-de.png")
    # Nothing of Jonas's reached the pending change or the live statement.
    assert PendingChange.objects.for_item(statement).get().changed_by.username == "erika"
    assert PressStatement.objects.get(pk=statement.pk).sub_headline_de != typed
    for context in (first_context, second_context):
        context.close()
