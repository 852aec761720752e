import pytest

from tests.factories import make_alliance, make_membership, make_organisation

pytestmark = pytest.mark.django_db


def test_organisation_page_lists_its_published_alliances(client):
    organisation = make_organisation(name_de="Speira GmbH")
    make_membership(organisation=organisation, alliance=make_alliance(name_de="Bündnis Nord"))
    make_membership(
        organisation=organisation,
        alliance=make_alliance(name_de="Geheimbündnis", status="draft"),
    )
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Speira GmbH" in html
    assert "Bündnis Nord" in html
    assert "Geheimbündnis" not in html


def test_draft_organisation_is_404_for_the_public(client):
    draft = make_organisation(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_organisation_page_in_english_falls_back_to_german(client):
    organisation = make_organisation(name_de="Nur Deutsch e.V.", name_en="")
    html = client.get(f"/en/organisations/{organisation.slug}/").content.decode()
    assert "Nur Deutsch e.V." in html
