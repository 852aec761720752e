"""Two staff open the same press statement in two browsers and see each other.

The second sees the first as the page loads (rendered by the server); the first sees
the second a moment later, without reloading, through the heartbeat of
static/js/admin/presence.js. A hidden page stops its heartbeat and starts again when
it is shown.
"""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from alliance_portal.publishing.roles import EDITOR, PUBLISHER
from statements.models import PressStatement
from tests.admin_forms import change_url

pytestmark = pytest.mark.browser

PASSWORD = "a-long-password-for-the-presence-test"
INTERVAL_MS = 300
SCREENSHOT = "/tmp/presence-banner.png"

# Collects policy violations and script errors; an init script is not subject to the CSP.
WATCH = """
window.problems = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.problems.push(`${event.effectiveDirective} blocked ${event.blockedURI}`);
});
window.addEventListener("error", (event) => window.problems.push(String(event.message)));
"""
# Makes the page hidden or visible again, as switching tabs would.
SET_VISIBILITY = """(state) => {
  Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def staff(django_user_model, username, first_name, last_name, role):
    user = django_user_model.objects.create_user(
        username,
        f"{username}@example.org",
        PASSWORD,
        first_name=first_name,
        last_name=last_name,
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def signed_in(browser, site):
    """`signed_in(username)`: a German browser of its own, signed in to the admin."""
    contexts = []

    def open_page(username):
        context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 800})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.add_init_script(WATCH)
        page.goto(f"{site}/admin/login/")
        page.get_by_label("Benutzername").fill(username)
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        expect(page.locator("#user-tools")).to_be_visible()
        return page

    yield open_page
    for context in contexts:
        context.close()


def heartbeats(page):
    """A list that fills with the page's presence POSTs as they are sent."""
    sent = []
    page.on(
        "request",
        lambda request: (
            sent.append(request.url)
            if request.method == "POST" and request.url.endswith("/presence/")
            else None
        ),
    )
    return sent


def test_two_staff_see_each_other_without_reloading(
    roles, site, signed_in, django_user_model, settings
):
    settings.ADMIN_PRESENCE_INTERVAL_MS = INTERVAL_MS
    staff(django_user_model, "paula", "Paula", "Schmidt", PUBLISHER)
    staff(django_user_model, "edith", "Edith", "Müller", EDITOR)
    statement = PressStatement.objects.order_by("pk").first()
    url = f"{site}{change_url(statement)}"

    first = signed_in("paula")
    first.goto(url)
    banner = first.locator(".presence-banner")
    expect(banner).to_have_attribute("data-presence-interval", str(INTERVAL_MS))
    expect(banner).to_be_hidden()  # nobody else yet: empty, and not shown
    expect(banner).to_have_text("")
    first.evaluate("() => { window.sameDocument = true; }")

    second = signed_in("edith")
    second.goto(url)
    # Rendered by the server as the page loads.
    expect(second.locator(".presence-banner")).to_contain_text(
        "Auch geöffnet von: Paula Schmidt (seit "
    )

    # The first page learns of the second by its heartbeat, without reloading.
    expect(banner).to_be_visible()
    expect(banner).to_have_text(
        re.compile(r"^Auch geöffnet von: Edith Müller \(seit \d\d:\d\d\)\.$")
    )
    assert first.evaluate("() => window.sameDocument") is True
    expect(banner).to_have_attribute("role", "status")
    expect(banner).to_have_attribute("aria-live", "polite")
    first.screenshot(path=SCREENSHOT)  # the window: title, object tools, banner, form

    # Hidden, the second page stops its heartbeat; shown again, it starts at once.
    sent = heartbeats(second)
    second.wait_for_timeout(INTERVAL_MS * 3)
    assert sent, "the visible page sends heartbeats"
    second.evaluate(SET_VISIBILITY, "hidden")
    second.wait_for_timeout(INTERVAL_MS)  # a request already on its way may still go
    sent.clear()
    second.wait_for_timeout(INTERVAL_MS * 4)
    assert sent == []
    second.evaluate(SET_VISIBILITY, "visible")
    second.wait_for_timeout(INTERVAL_MS * 3)
    assert len(sent) >= 2

    for page in (first, second):
        assert page.evaluate("() => window.problems") == []
