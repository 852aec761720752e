"""The Content-Security-Policy in a real browser: Chromium reports no violation on
the public pages, on the admin login or on an alliance's change form, and the
admin's scripts (translation tabs, inlines) still run under the admin policy."""

import re

import pytest
from playwright.sync_api import expect

from alliance_portal.models import Alliance
from tests.pages import PUBLIC_PAGES

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-2024"

# Collects what the browser blocked; an init script is not subject to the page's policy.
LISTEN_FOR_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` (${event.sourceFile || "document"}:${event.lineNumber})`
  );
});
"""
POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


@pytest.fixture
def watched_page(page):
    """A page that records policy violations and the console's policy complaints."""
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    page.policy_messages = []
    page.script_errors = []

    def on_console(message):
        if any(word in message.text for word in POLICY_WORDS):
            page.policy_messages.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    return page


def problems(page):
    return page.evaluate("() => window.cspViolations") + page.policy_messages


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_policy_violation(watched_page, site, path):
    response = watched_page.goto(f"{site}{path}")
    assert response.ok, (path, response.status)
    assert "script-src 'none'" in response.headers["content-security-policy"]
    # The stylesheet applied: the header's bar is laid out as a flex row by site.css,
    # and the self-hosted font is in use.
    expect(watched_page.locator(".site-header .wrap")).to_have_css("display", "flex")
    expect(watched_page.locator("body")).to_have_css("font-family", re.compile("^Inter"))
    assert not problems(watched_page), path


def test_admin_login_and_alliance_change_form_have_no_policy_violation(
    watched_page, site, django_user_model
):
    django_user_model.objects.create_superuser("redaktion", "r@example.org", PASSWORD)
    alliance = Alliance.objects.get(slug="deutsche-aluminium-allianz")
    page = watched_page

    page.goto(f"{site}/admin/login/")
    page.get_by_label("Benutzername").fill("redaktion")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("#user-tools")).to_contain_text("redaktion")
    assert not problems(page), "admin index"

    response = page.goto(f"{site}/admin/alliance_portal/alliance/{alliance.pk}/change/")
    assert response.ok
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # modeltranslation's tabs are built by jQuery UI: the admin's scripts ran.
    tabs = page.locator(".ui-tabs-nav").first
    expect(tabs).to_be_visible()
    tabs.get_by_role("tab", name="EN").click()
    # Django's inline formsets add their "Add another" rows by script.
    expect(page.locator(".add-row a").first).to_be_visible()
    assert not problems(page), "alliance change form"
    assert not page.script_errors
