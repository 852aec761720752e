"""Quote approval in a real browser, with the real worker and a real SMTP server.

The office (German Chromium) asks a quoted organisation's contact to approve a quote;
the mail reaches the SMTP server; the contact opens its link in a browser of their
own, without an account, and approves. A second contact proposes another wording
with a comment; the admin shows it, and one click takes it over. Screenshots go to
tests/screenshots/quote-approval/, the contact's page also at 390 px.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from playwright.sync_api import expect

from alliance_portal.models import Alliance
from alliance_portal.publishing.models import Publishable
from statements.models import Quote
from tests.e2e.browser import (
    BLOCKING_IMPACTS,
    SCREENSHOTS,
    describe_violations,
    require_axe,
    run_axe,
)
from tests.factories import make_organisation, make_person, make_statement

pytestmark = pytest.mark.browser

PASSWORD = "a-long-password-for-the-quote-test"
FOLDER = SCREENSHOTS / "quote-approval"


def de(msgid, **values):
    """A string as the German admin and pages show it."""
    with translation.override("de"):
        return gettext(msgid) % values if values else gettext(msgid)


@pytest.fixture
def statement(site):
    organisation = make_organisation(name_de="Hütte Nord GmbH")
    make_person(name="Petra Presse", email="presse@huette-nord.example", organisation=organisation)
    statement = make_statement(
        headline_de="Sperrfrist: Neues Walzwerk in Duisburg",
        lead_de="Die Allianz begrüßt die Investition.",
        body_de="<p>Ein großer Tag für die Region.</p>",
        dateline_place_de="Duisburg",
        alliance=Alliance.objects.get(slug="aluminiumbuendnis-nrw"),
        status=Publishable.Status.DRAFT,
        published_at=timezone.now() + timedelta(days=2),
    )
    Quote.objects.create(
        statement=statement,
        position=1,
        text_de="Wir investieren in die Zukunft.",
        speaker_name="Erika Muster",
        speaker_function_de="Geschäftsführerin",
        speaker_organisation_de="Hütte Nord GmbH",
        organisation=organisation,
    )
    Quote.objects.create(
        statement=statement,
        position=2,
        text_de="Das sichert Arbeitsplätze.",
        speaker_name="Max Beispiel",
        speaker_function_de="Betriebsrat",
    )
    return statement


def link_in(message):
    text = message.get_body(("plain",)).get_content()
    return re.search(r"https?://\S+/press/quote-approval/\S+/", text).group(0)


def open_as_contact(browser, link, width=1280):
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(link)
    return context, page


def assert_accessible(browser, link, width=1280):
    """axe-core finds nothing serious; in a context of its own, where the page's
    Content-Security-Policy lets axe's script in (the flow's contexts keep it)."""
    require_axe()
    context = browser.new_context(
        locale="de-DE", viewport={"width": width, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    page.goto(link)
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    context.close()
    assert not violations, describe_violations(violations)


def test_quote_approved_and_a_proposed_wording_taken_over(
    browser, site, statement, django_user_model, smtp_server, start_worker, settings
):
    settings.SITE_URL = site  # the mail's links lead to the live server
    FOLDER.mkdir(parents=True, exist_ok=True)
    django_user_model.objects.create_superuser(
        "redaktion", "redaktion@example.org", PASSWORD, first_name="Rita", last_name="Redaktion"
    )
    start_worker()
    office_context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    office_context.set_default_timeout(15_000)
    office = office_context.new_page()
    script_errors = []
    office.on("pageerror", lambda error: script_errors.append(str(error)))
    office.goto(f"{site}/admin/login/")
    office.fill("#id_username", "redaktion")
    office.fill("#id_password", PASSWORD)
    office.get_by_role("button", name="Anmelden").click()
    change_url = f"{site}/admin/statements/pressstatement/{statement.pk}/change/"
    office.goto(change_url)

    # 1. The office asks Hütte Nord's press contact, chosen from its people.
    first, second = office.locator(".quote-approval").all()
    expect(first.locator(".quote-approval-state")).to_have_text(
        capfirst(de("approval not requested"))
    )
    first.get_by_role("link", name=de("Request approval")).click()
    expect(office.get_by_label(de("Contact of the organisation"))).to_have_value(
        str(statement.quotes.get(position=1).organisation.people.get().pk)
    )
    office.screenshot(path=FOLDER / "admin-request-form.png", full_page=True)
    office.get_by_role("button", name=de("Send the request")).click()
    expect(office).to_have_url(change_url)
    first = office.locator(".quote-approval").first
    expect(first.locator(".quote-approval-state")).to_have_text(capfirst(de("approval requested")))
    expect(first).to_contain_text("Petra Presse (presse@huette-nord.example)")

    [mail] = smtp_server.sink.wait_for(1, timeout=60)
    assert mail.recipients == ["presse@huette-nord.example"]
    link = link_in(mail)
    assert link.startswith(f"{site}/de/press/quote-approval/")

    # 2. The contact opens the link in a browser of their own, without an account.
    contact_context, contact = open_as_contact(browser, link)
    contact_errors = []
    contact.on("pageerror", lambda error: contact_errors.append(str(error)))
    expect(contact.get_by_role("heading", level=1)).to_have_text(
        "Sperrfrist: Neues Walzwerk in Duisburg"
    )
    expect(contact.locator(".body-text .own-quote blockquote")).to_have_text(
        "Wir investieren in die Zukunft."
    )
    contact.screenshot(path=FOLDER / "contact-page-1280.png", full_page=True)
    assert_accessible(browser, link)
    contact.get_by_role("button", name=de("Approve this wording")).click()
    expect(contact.locator(".approval-state")).to_be_visible()
    contact.screenshot(path=FOLDER / "contact-approved-1280.png", full_page=True)
    contact_context.close()

    office.reload()
    first = office.locator(".quote-approval").first
    expect(first.locator(".quote-approval-state")).to_have_text(capfirst(de("approved")))

    # 3. The second quote: a contact typed by hand, who proposes another wording.
    office.locator(".quote-approval").nth(1).get_by_role(
        "link", name=de("Request approval")
    ).click()
    office.locator("#id_contact_name").fill("Bert Betriebsrat")
    office.locator("#id_contact_email").fill("bert@betriebsrat.example")
    office.get_by_role("button", name=de("Send the request")).click()
    expect(office).to_have_url(change_url)
    second_mail = smtp_server.sink.wait_for(2, timeout=60)[1]
    assert second_mail.recipients == ["bert@betriebsrat.example"]

    contact_context, contact = open_as_contact(browser, link_in(second_mail), width=390)
    expect(contact.locator(".body-text .own-quote blockquote")).to_have_text(
        "Das sichert Arbeitsplätze."
    )
    contact.screenshot(path=FOLDER / "contact-page-390.png", full_page=True)
    width = contact.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"
    contact.get_by_text(de("Propose another wording")).click()
    contact.get_by_label(de("Your wording")).fill("„Das sichert 300 Arbeitsplätze in Duisburg.“")
    contact.get_by_label(de("Comment for the editors (optional)")).fill(
        "Bitte die Zahl nennen, sie ist mit der Geschäftsführung abgestimmt."
    )
    contact.screenshot(path=FOLDER / "contact-proposing-390.png", full_page=True)
    assert_accessible(browser, link_in(second_mail), width=390)
    contact.get_by_role("button", name=de("Send my wording")).click()
    expect(contact.locator(".approval-state")).to_be_visible()
    contact.screenshot(path=FOLDER / "contact-proposed-390.png", full_page=True)
    assert not contact_errors
    contact_context.close()

    # 4. The admin shows the proposal; one click takes it over.
    office.reload()
    second = office.locator(".quote-approval").nth(1)
    expect(second.locator(".quote-approval-state")).to_have_text(capfirst(de("changes proposed")))
    expect(second.locator("blockquote")).to_have_text("Das sichert 300 Arbeitsplätze in Duisburg.")
    expect(second).to_contain_text("Bitte die Zahl nennen")
    second.scroll_into_view_if_needed()
    second.screenshot(path=FOLDER / "admin-proposal.png")
    second.get_by_role("button", name=de("Take over this wording")).click()
    expect(office.locator(".messagelist")).to_contain_text("Bert Betriebsrat")
    expect(office.locator("#id_quotes-1-text_de")).to_have_value(
        "Das sichert 300 Arbeitsplätze in Duisburg."
    )
    expect(office.locator(".quote-approval").nth(1).locator(".quote-approval-state")).to_have_text(
        capfirst(de("proposed wording taken over"))
    )
    office.locator(".inline-related").nth(1).screenshot(path=FOLDER / "admin-taken-over.png")
    assert statement.quotes.get(position=2).text_de == "Das sichert 300 Arbeitsplätze in Duisburg."

    # 5. Every step is in the statement's history.
    office.goto(f"{site}/admin/statements/pressstatement/{statement.pk}/history/")
    history = office.locator("#change-history").inner_text()
    for entry in [
        de(
            "Approval of the quote by %(speaker)s requested from %(contact)s (%(email)s).",
            speaker="Erika Muster",
            contact="Petra Presse",
            email="presse@huette-nord.example",
        ),
        de(
            "Quote by %(speaker)s approved by %(contact)s via the link.",
            speaker="Erika Muster",
            contact="Petra Presse",
        ),
        de(
            "%(contact)s proposed a new wording for the quote by %(speaker)s via the link.",
            contact="Bert Betriebsrat",
            speaker="Max Beispiel",
        ),
        de(
            "Wording proposed by %(contact)s taken over for the quote by %(speaker)s.",
            contact="Bert Betriebsrat",
            speaker="Max Beispiel",
        ),
    ]:
        assert entry in history
    office.screenshot(path=FOLDER / "admin-history.png", full_page=True)
    assert not script_errors
    office_context.close()


def test_publisher_confirms_publishing_with_a_quote_not_approved(
    browser, site, statement, django_user_model
):
    FOLDER.mkdir(parents=True, exist_ok=True)
    django_user_model.objects.create_superuser("chefin", "chefin@example.org", PASSWORD)
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "chefin")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.goto(f"{site}/admin/statements/pressstatement/{statement.pk}/change/")
    page.locator("#id_status").select_option("published")
    page.locator("input[name=_continue]").click()

    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".errorlist.nonfield")).to_contain_text("Erika Muster")
    checkbox = page.get_by_label(de("Publish although not all quotes are approved"))
    expect(checkbox).not_to_be_checked()
    checkbox.scroll_into_view_if_needed()
    page.locator("fieldset", has=checkbox).screenshot(path=FOLDER / "admin-confirm-publish.png")
    statement.refresh_from_db()
    assert statement.status == Publishable.Status.DRAFT

    checkbox.check()
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("Erika Muster")
    statement.refresh_from_db()
    assert statement.status == Publishable.Status.PUBLISHED
    context.close()
