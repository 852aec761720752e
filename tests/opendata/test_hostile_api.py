"""Hostile query parameters on the API: never a 500; a 400 is JSON naming a parameter."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_portal.opendata.resources import resources
from tests.test_hostile_input import HOSTILE_TEXT

pytestmark = pytest.mark.django_db

LISTS = [(f"/api/v1/{r.name}/", r.parameters) for r in resources()]
DETAILS = [
    ("/api/v1/statements/aluminiumbuendnis-nrw-gemeinsame-erklaerung/", ("lang",)),
    ("/api/v1/alliances/aluminiumbuendnis-nrw/", ("lang",)),
]
ADDRESSES = [(path, tuple(parameters.model_fields)) for path, parameters in LISTS] + DETAILS
FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_answered(response, path):
    assert response.status_code in (200, 400), (path, response.status_code, response.content[:300])
    body = response.json()
    if response.status_code == 400:
        assert body["parameters"] and all(p["name"] and p["message"] for p in body["parameters"])


@FUZZ
@given(address=st.sampled_from(ADDRESSES), data=st.data())
def test_no_parameter_value_gets_a_500(client, demo_content, address, data):
    path, declared = address
    name = data.draw(st.sampled_from([*declared, "utm_source", "page"]), label="parameter")
    value = data.draw(HOSTILE_TEXT, label="value")
    assert_answered(client.get(path, {name: value}), path)


@FUZZ
@given(address=st.sampled_from(ADDRESSES), raw=st.binary(max_size=24), data=st.data())
def test_no_raw_query_string_gets_a_500(client, demo_content, address, raw, data):
    path, declared = address
    name = data.draw(st.sampled_from(declared), label="parameter")
    query = f"{name}={quote(raw, safe='')}&{name}={raw.decode('latin-1')}"
    assert_answered(client.get(path, QUERY_STRING=query), path)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/statements/%00/",
        "/api/v1/statements/%C2%B2/",
        "/api/v1/alliances/../",
        "/api/v1/nothing-here/",
    ],
)
def test_odd_paths_are_a_404_or_400_never_a_500(client, db, path):
    assert client.get(path).status_code in (400, 404)
