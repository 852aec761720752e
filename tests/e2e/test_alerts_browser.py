"""E-mail alerts in Chromium: the form page at 390 and 1280 px, the compact form on an
alliance page, the confirm, confirmed and manage pages; no page scrolls sideways,
axe-core finds no serious violation, and the pages need no JavaScript (they have none).
Screenshots go to tests/screenshots/alerts-*.png."""

import pytest
from django.core import signing
from django.utils import timezone

from alliance_portal.alerts import services
from alliance_portal.alerts.models import Subscriber
from tests.e2e.browser import (
    BLOCKING_IMPACTS,
    SCREENSHOTS,
    describe_violations,
    require_axe,
    run_axe,
    scrolls_sideways,
)

pytestmark = pytest.mark.browser

ALLIANCE = "/de/alliances/deutsche-aluminium-allianz/"


def check(page, name, problems):
    page.screenshot(path=SCREENSHOTS / f"alerts-{name}.png", full_page=True)
    if scrolls_sideways(page):
        problems.append(f"{name} scrolls sideways")
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        problems.append(f"{name}: {describe_violations(blocking)}")


def test_alert_pages_at_phone_and_desktop_width(browser, site):
    require_axe()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for width in (390, 1280):
        context = browser.new_context(
            locale="de-DE",
            viewport={"width": width, "height": 900},
            bypass_csp=True,  # to inject axe-core
        )
        page = context.new_page()
        assert page.goto(f"{site}/de/alerts/").status == 200
        check(page, f"form-de-{width}", problems)
        # Sent without anything filled in: the errors, in place.
        page.get_by_role("button", name="Abonnieren").or_(
            page.get_by_role("button", name="Subscribe")
        ).click()
        check(page, f"form-errors-de-{width}", problems)

        assert page.goto(f"{site}{ALLIANCE}").status == 200
        box = page.locator(".alert-box")
        box.screenshot(path=SCREENSHOTS / f"alerts-alliance-box-de-{width}.png")
        box.get_by_label("E-Mail-Adresse").or_(box.get_by_label("E-mail address")).fill(
            f"redaktion-{width}@example.org"
        )
        box.locator('input[name="consent"]').check()
        box.locator('button[type="submit"]').click()
        assert page.url.endswith("/de/alerts/sent/")
        check(page, f"sent-de-{width}", problems)
        context.close()
    assert not problems, problems


def test_confirm_and_manage_pages(browser, site):
    require_axe()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    token = signing.dumps(
        {
            "email": "redaktion@example.org",
            "language": "de",
            "choices": {
                "press_statements": True,
                "news": True,
                "all_alliances": True,
                "alliances": [],
            },
            "requested_at": timezone.now().isoformat(),
            "wording": services.CURRENT_WORDING,
            "shown_language": "de",
        },
        salt=services.CONFIRM_SALT,
        compress=True,
    )
    context = browser.new_context(
        locale="de-DE",
        viewport={"width": 390, "height": 900},
        bypass_csp=True,  # to inject axe-core
    )
    page = context.new_page()
    assert page.goto(f"{site}/de/alerts/confirm/{token}/").status == 200
    check(page, "confirm-de-390", problems)
    assert not Subscriber.objects.exists()
    page.locator("main form button").click()
    check(page, "confirmed-de-390", problems)
    subscriber = Subscriber.objects.get()
    assert page.goto(f"{site}/de/alerts/manage/{subscriber.token}/").status == 200
    check(page, "manage-de-390", problems)
    page.locator('form[action*="unsubscribe"] button').click()
    check(page, "unsubscribed-de-390", problems)
    assert not Subscriber.objects.exists()
    context.close()
    assert not problems, problems
