"""A visitor's way through the portal, in a real browser: from the home page to an
alliance, one of its members, and the same page in English."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import SCREENSHOTS

pytestmark = pytest.mark.browser


def test_visitor_finds_an_alliance_and_its_members(page, site):
    response = page.goto(f"{site}/de/")
    assert response.ok, response.status

    main_navigation = page.get_by_role("banner").get_by_role("navigation")
    main_navigation.get_by_role("link", name="Allianzen").click()
    expect(page).to_have_url(f"{site}/de/alliances/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Allianzen")

    # Filter by sector, as a visitor would: pick the label, press the button.
    page.get_by_label("Branche").select_option(label="Metall")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(re.compile(r"/de/alliances/\?(.*&)?sector=metall(&|$)"))
    results = page.get_by_role("main")
    expect(results.get_by_role("link", name="Thementisch Metall")).to_be_visible()
    expect(results.get_by_role("link", name="Deutsche Aluminium-Allianz")).to_have_count(0)

    # Back to the unfiltered list, and on to an alliance.
    page.go_back()
    expect(page).to_have_url(f"{site}/de/alliances/")
    page.get_by_role("main").get_by_role("link", name="Deutsche Aluminium-Allianz").click()
    expect(page).to_have_url(f"{site}/de/alliances/deutsche-aluminium-allianz/")
    alliance = page.get_by_role("main")
    expect(alliance.get_by_role("heading", level=1)).to_contain_text("Deutsche Aluminium-Allianz")
    expect(alliance).to_contain_text("61.000")
    expect(alliance).to_contain_text("Ökologisch")
    members = alliance.get_by_role("region", name="Mitglieder")
    members.get_by_role("link", name="IG Metall", exact=True).click()

    expect(page).to_have_url(f"{site}/de/organisations/ig-metall/")
    organisation = page.get_by_role("main")
    expect(organisation.get_by_role("heading", level=1)).to_contain_text("IG Metall")
    expect(organisation.get_by_role("link", name="Deutsche Aluminium-Allianz")).to_be_visible()

    # The header's language switcher leads to the same page in English.
    switcher = page.get_by_role("banner").get_by_role("navigation", name="Sprache")
    expect(switcher.get_by_role("link", name="Deutsch")).to_have_attribute("aria-current", "true")
    switcher.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(re.escape(f"{site}/en/organisations/ig-metall/")))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    english = page.get_by_role("main")
    expect(english.get_by_role("link", name="German Aluminium Alliance")).to_be_visible()


SCREENSHOT_PAGES = {
    "home": "/de/",
    "alliance": "/de/alliances/deutsche-aluminium-allianz/",
}
SCREENSHOT_WIDTHS = (390, 1280)


def test_screenshots_at_phone_and_desktop_widths(page, site):
    """Full-page screenshots in tests/screenshots/ for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in SCREENSHOT_PAGES.items():
        for width in SCREENSHOT_WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            response = page.goto(f"{site}{path}")
            assert response.ok, (path, response.status)
            target = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=target, full_page=True)
            assert target.stat().st_size > 0
