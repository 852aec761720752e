"""The public face, as visitors see it in Chromium: every kind of page at 390 and 1280
px, in German and English, in the light and the dark colour scheme.

Screenshots of each go to tests/screenshots/design/ (named page-language-width-scheme)
for people to look at; the tests check what can be measured: no page scrolls
sideways, the header stays within 64 px on a phone and its menu works without
JavaScript, and axe-core finds no serious or critical violation in either scheme.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import (
    BLOCKING_IMPACTS,
    SCREENSHOTS,
    describe_violations,
    load_lazy_images,
    require_axe,
    run_axe,
    scrolls_sideways,
)
from tests.pages import design_pages, other_pages

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
LANGUAGES = ("de", "en")
HEADER_LIMIT = 64  # px, on a phone


def open_page(page, site, path, status):
    response = page.goto(f"{site}{path}")
    assert response.status == status, (path, response.status)
    load_lazy_images(page)


def header_height(page):
    return page.locator(".site-header").bounding_box()["height"]


def test_screenshots_of_every_kind_of_page(browser, site):
    folder = SCREENSHOTS / "design"
    folder.mkdir(parents=True, exist_ok=True)
    too_wide, too_tall = [], []
    for scheme in SCHEMES:
        for width in WIDTHS:
            context = browser.new_context(
                locale="de-DE", viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            for language in LANGUAGES:
                for name, path, status in design_pages(language):
                    open_page(page, site, path, status)
                    page.screenshot(
                        path=folder / f"{name}-{language}-{width}-{scheme}.png", full_page=True
                    )
                    if scrolls_sideways(page):
                        too_wide.append((path, width, scheme))
                    if width == 390 and header_height(page) > HEADER_LIMIT:
                        too_tall.append((path, header_height(page)))
            context.close()
    assert not too_wide, f"These pages scroll sideways: {too_wide}"
    assert not too_tall, f"The header is taller than {HEADER_LIMIT} px on a phone: {too_tall}"


def test_phone_menu_opens_without_javascript(browser, site):
    context = browser.new_context(
        locale="de-DE", viewport={"width": 390, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{site}/de/")
    assert header_height(page) <= HEADER_LIMIT
    menu = page.locator("details.menu")
    main_nav = page.get_by_role("navigation", name="Hauptnavigation (Menü)")
    expect(page.get_by_role("navigation", name="Hauptnavigation", exact=True)).to_be_hidden()
    expect(main_nav).to_be_hidden()
    menu.locator("summary").click()
    expect(main_nav).to_be_visible()
    main_nav.get_by_role("link", name="Presse").click()
    expect(page).to_have_url(f"{site}/de/press/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pressemitteilungen")
    context.close()


def test_wide_header_shows_navigation_search_and_languages(page, site):
    page.goto(f"{site}/en/")
    expect(page.locator("details.menu")).to_be_hidden()
    navigation = page.get_by_role("navigation", name="Main", exact=True)
    expect(navigation.get_by_role("link", name="Alliances")).to_be_visible()
    page.locator(".header-search input").fill("Speira")
    page.locator(".header-search input").press("Enter")
    expect(page).to_have_url(f"{site}/en/search/?q=Speira")
    expect(page.locator("main")).to_contain_text("Speira GmbH")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_accessibility_violations_in_either_scheme(browser, site, scheme):
    require_axe()
    found = []
    for width in WIDTHS:
        context = browser.new_context(
            locale="de-DE",
            viewport={"width": width, "height": 900},
            color_scheme=scheme,
            bypass_csp=True,  # to inject axe-core
        )
        page = context.new_page()
        for language in LANGUAGES:
            for _name, path, status in design_pages(language) + other_pages(language):
                open_page(page, site, path, status)
                violations = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
                if violations:
                    found.append(f"{path} at {width} px:\n{describe_violations(violations)}")
        context.close()
    assert not found, f"axe-core, {scheme} scheme:\n" + "\n".join(found)
