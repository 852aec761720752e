"""Organisations, alliances and memberships from the API validate against the Popolo
JSON schemas kept in tests/schemas/popolo (draft 3, references resolved locally)."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from jsonschema import Draft3Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from members.models import Membership
from tests.factories import make_alliance, make_membership, make_organisation

SCHEMAS = Path(__file__).parent.parent / "schemas" / "popolo"
BASE = "http://www.popoloproject.com/schemas/"


def registry():
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append((BASE + path.name, Resource.from_contents(contents, DRAFT3)))
    return Registry().with_resources(resources)


def validator(name):
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    return Draft3Validator(schema, registry=registry(), format_checker=FormatChecker())


def assert_valid(name, items):
    assert items, f"nothing to validate against {name}.json"
    check = validator(name)
    for item in items:
        errors = sorted(check.iter_errors(item), key=lambda e: e.path)
        assert not errors, (item.get("id"), [f"{list(e.path)}: {e.message}" for e in errors])


def items(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response.json()["items"]


@pytest.fixture
def members(db):
    alliance = make_alliance(slug="nrw", founded_on=date(2021, 11, 30))
    current = make_organisation(
        slug="trimet",
        short_name="TRIMET",
        website="https://www.trimet.eu/",
        wikidata_id="Q2453557",
        lei="529900T8BM49AURSDO55",
        lobbyregister_id="R001234",
        transparency_register_id="9155503593-86",
    )
    former = make_organisation(slug="alte-huette")
    make_membership(
        alliance=alliance,
        organisation=current,
        role=Membership.Role.FOUNDER,
        joined_on=date(2021, 11, 30),
    )
    make_membership(
        alliance=alliance,
        organisation=former,
        joined_on=date(2021, 11, 30),
        left_on=date.today() - timedelta(days=30),
    )
    return alliance, current, former


@pytest.mark.parametrize("lang", ["de", "en"])
def test_organisations_are_popolo_organizations(client, members, lang):
    organisations = items(client, f"/api/v1/organisations/?lang={lang}")
    assert_valid("organization", organisations)
    trimet = next(o for o in organisations if o["slug"] == "trimet")
    assert {(i["scheme"], i["identifier"]) for i in trimet["identifiers"]} == {
        ("wikidata", "Q2453557"),
        ("lei", "529900T8BM49AURSDO55"),
        ("de-lobbyregister", "R001234"),
        ("eu-transparency-register", "9155503593-86"),
    }
    assert "https://www.wikidata.org/wiki/Q2453557" in [link["url"] for link in trimet["links"]]


def test_alliances_are_popolo_organizations(client, members):
    assert_valid("organization", items(client, "/api/v1/alliances/"))


def test_memberships_are_popolo_memberships_with_former_members_kept(client, members):
    alliance, current, former = members
    memberships = items(client, "/api/v1/memberships/?alliance=nrw")
    assert_valid("membership", memberships)
    by_member = {m["member"]["id"]: m for m in memberships}
    left = by_member[f"organisation-{former.pk}"]
    stays = by_member[f"organisation-{current.pk}"]
    assert left["end_date"] == (date.today() - timedelta(days=30)).isoformat()
    assert left["current"] is False
    assert stays["end_date"] is None and stays["current"] is True
    assert stays["start_date"] == "2021-11-30"
    assert stays["organization_id"] == f"alliance-{alliance.pk}"
    assert stays["role_code"] == "founder"


def test_the_demo_content_validates_too(client, demo_content):
    for lang in ("de", "en"):
        assert_valid("organization", items(client, f"/api/v1/organisations/?lang={lang}&limit=200"))
        assert_valid("membership", items(client, f"/api/v1/memberships/?lang={lang}&limit=200"))
        assert_valid("organization", items(client, f"/api/v1/alliances/?lang={lang}"))
