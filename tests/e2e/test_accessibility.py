"""Accessibility of the public pages, checked with axe-core in Chromium.

A page fails on any "serious" or "critical" violation; "moderate" and "minor" ones
are allowed for now. The pages are listed in tests/pages.py.
"""

import pytest

from tests.e2e.browser import BLOCKING_IMPACTS, describe_violations, require_axe, run_axe
from tests.pages import PUBLIC_PAGES

pytestmark = pytest.mark.browser

PAGES = PUBLIC_PAGES


@pytest.fixture
def context(browser):
    # Inject axe-core even if the site ever sends a Content-Security-Policy.
    context = browser.new_context(locale="de-DE", bypass_csp=True)
    yield context
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violations(page, site, path):
    require_axe()
    response = page.goto(f"{site}{path}")
    assert response.ok, (path, response.status)
    violations = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not violations, (
        f"axe-core found {len(violations)} serious or critical violation(s) on {path}:\n"
        + describe_violations(violations)
    )
