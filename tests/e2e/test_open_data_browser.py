"""An organisation that left an alliance and is in public registers, as visitors see it
in Chromium: its page, the alliance's and a statement quoting it on its behalf, at 390
and 1280 px, in German and English.

Screenshots go to tests/screenshots/open-data/ (named page-language-width) for people
to look at; the test checks that no page scrolls sideways and that axe-core finds no
serious or critical violation.
"""

from datetime import date

import pytest

from members.models import Membership, Organisation
from tests.e2e.browser import (
    BLOCKING_IMPACTS,
    SCREENSHOTS,
    describe_violations,
    load_lazy_images,
    require_axe,
    run_axe,
    scrolls_sideways,
)

pytestmark = pytest.mark.browser

PAGES = {
    "organisation": "/{language}/organisations/aluminium-deutschland/",
    "alliance": "/{language}/alliances/aluminiumbuendnis-nrw/",
    "statement": "/{language}/press/aluminiumbuendnis-nrw-gemeinsame-erklaerung/",
}


@pytest.fixture
def former_member_in_registers(site):
    """Aluminium Deutschland left the NRW alliance and has all four identifiers (made
    up for the test: the demo content names none)."""
    Membership.objects.filter(
        alliance__slug="aluminiumbuendnis-nrw", organisation__slug="aluminium-deutschland"
    ).update(left_on=date(2024, 3, 1))
    Organisation.objects.filter(slug="aluminium-deutschland").update(
        wikidata_id="Q42",
        transparency_register_id="9155503593-86",
        lobbyregister_id="R001234",
        lei="506700GE1G29325QX363",
    )
    return site


def test_former_membership_and_identifiers_in_chromium(browser, former_member_in_registers):
    require_axe()
    site = former_member_in_registers
    folder = SCREENSHOTS / "open-data"
    folder.mkdir(parents=True, exist_ok=True)
    too_wide, violations = [], []
    for width in (390, 1280):
        context = browser.new_context(
            locale="de-DE",
            viewport={"width": width, "height": 900},
            bypass_csp=True,  # to inject axe-core
        )
        page = context.new_page()
        for language in ("de", "en"):
            for name, path in PAGES.items():
                url = path.format(language=language)
                assert page.goto(f"{site}{url}").ok, url
                load_lazy_images(page)
                page.screenshot(path=folder / f"{name}-{language}-{width}.png", full_page=True)
                if scrolls_sideways(page):
                    too_wide.append(f"{url} at {width} px")
                found = [v for v in run_axe(page) if v["impact"] in BLOCKING_IMPACTS]
                if found:
                    violations.append(f"{url} at {width} px:\n{describe_violations(found)}")
        context.close()
    assert not too_wide, too_wide
    assert not violations, "\n".join(violations)
