"""Long titles wrap, in Chromium: with a German compound word of 77 letters and a
300-character headline in every title, name and label (tests/long_titles.py), no
public page scrolls sideways on a 320 px phone, in German or English, and the admin's
"History" and "View on site" buttons never cover a statement's headline."""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import SCREENSHOTS, scrolls_sideways
from tests.long_titles import HEADLINE, WORD, make_long_titled_content

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-password-2024"
PHONE = {"width": 320, "height": 800}
WIDTHS = (1280, 390, 320)


def public_pages(content):
    """(name, path without the language prefix, status) of every kind of public page."""
    alliance, organisation = content["alliance"], content["organisation"]
    return [
        ("home", "/", 200),
        ("alliance-list", "/alliances/", 200),
        ("alliance", f"/alliances/{alliance.slug}/", 200),
        ("organisation-list", f"/organisations/?alliance={alliance.slug}", 200),
        ("organisation", f"/organisations/{organisation.slug}/", 200),
        ("news-list", "/news/", 200),
        ("news-item", f"/news/{content['news_item'].slug}/", 200),
        ("article", f"/news/articles/{content['article'].slug}/", 200),
        ("press-list", "/press/", 200),
        ("statement", f"/press/{content['statement'].slug}/", 200),
        ("search", f"/search/?q={WORD}", 200),
        ("not-found", f"/news/{WORD.lower()}/", 404),
        ("bad-request", f"/news/?year={WORD}", 400),
    ]


def test_no_public_page_scrolls_sideways_at_320_px(page, site):
    content = make_long_titled_content()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    too_wide = []
    for language in ("de", "en"):
        for name, path, status in public_pages(content):
            response = page.goto(f"{site}/{language}{path}")
            assert response.status == status, (language, path, response.status)
            # The long word is there (cut short on the 400 page, which quotes 60
            # characters of the value; the 404 page names nothing), and site.css applies.
            if status != 404:
                assert WORD[:50] in page.locator("main").inner_text(), path
            expect(page.locator("main")).to_have_css("max-width", "1216px")
            page.screenshot(path=SCREENSHOTS / f"long-titles-{language}-{name}-320.png")
            if scrolls_sideways(page):
                too_wide.append(f"/{language}{path}")
            too_wide += [f"/{language}{path}: {value}" for value in overflowing_figures(page)]
    assert not too_wide, f"These pages scroll sideways at 320 px: {too_wide}"


def overflowing_figures(page):
    """The key-figure values that reach out of their card."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.figure')].flatMap(card => {
            const box = card.getBoundingClientRect();
            return [...card.querySelectorAll('.figure-value')].filter(value => {
                const r = value.getBoundingClientRect();
                return r.left < box.left || r.right > box.right
                    || value.scrollWidth > value.clientWidth;
            }).map(value => value.textContent.trim());
        })"""
    )


def test_widest_key_figure_fits_its_card_at_320_px(page, site):
    alliance = make_long_titled_content()["alliance"]
    page.set_viewport_size(PHONE)
    for language, text in (
        ("de", "über 1.234.567,9\u00a0Mrd.\u00a0€"),
        ("en", "over €1,234,567.9\u00a0bn"),
    ):
        page.goto(f"{site}/{language}/alliances/{alliance.slug}/")
        values = page.locator(".figure-value").all_inner_texts()
        assert text in values, values
        assert overflowing_figures(page) == []
        assert not scrolls_sideways(page)
        page.screenshot(path=SCREENSHOTS / f"long-figures-{language}-320.png", full_page=True)


def overlaps(box, other):
    return (
        box["x"] < other["x"] + other["width"]
        and other["x"] < box["x"] + box["width"]
        and box["y"] < other["y"] + other["height"]
        and other["y"] < box["y"] + box["height"]
    )


def test_admin_buttons_do_not_cover_a_long_headline(page, site, django_user_model):
    statement = make_long_titled_content()["statement"]
    django_user_model.objects.create_superuser("redaktion", "r@example.org", PASSWORD)
    page.goto(f"{site}/admin/login/")
    page.get_by_label("Benutzername").fill("redaktion")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("#user-tools")).to_contain_text("redaktion")

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(f"{site}/admin/statements/pressstatement/{statement.pk}/change/")
        assert response.ok
        title = page.locator("#content > h2")
        expect(title).to_have_text(HEADLINE)
        tools = page.locator(".object-tools li")
        expect(tools.get_by_role("link", name="Geschichte")).to_be_visible()
        expect(tools.get_by_role("link", name="Auf der Website anzeigen")).to_be_visible()
        title_box = title.bounding_box()
        for index in range(tools.count()):
            tool_box = tools.nth(index).bounding_box()
            assert not overlaps(title_box, tool_box), (width, title_box, tool_box)
        assert not scrolls_sideways(page), width
        page.screenshot(path=SCREENSHOTS / f"long-titles-admin-statement-{width}.png")
