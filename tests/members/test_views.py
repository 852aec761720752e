from datetime import timedelta

import pytest
from django.utils import timezone

from statements.models import Quote
from tests.factories import make_alliance, make_membership, make_organisation, make_statement

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


def test_organisation_page_shows_its_ten_most_recent_public_quotes(client):
    organisation = make_organisation(name_de="Zitierfreudig AG")
    alliance = make_alliance()
    start = timezone.now() - timedelta(days=100)
    for day in range(12):
        statement = make_statement(
            headline_de=f"Erklärung {day:02d}",
            dateline_place_de="Berlin",
            body_de="Text",
            alliance=alliance,
            status="published",
            published_at=start + timedelta(days=day),
        )
        Quote.objects.create(
            statement=statement, text_de=f"Zitat {day:02d}", organisation=organisation
        )
    embargoed = make_statement(
        headline_de="Sperrfrist",
        dateline_place_de="Berlin",
        body_de="Text",
        alliance=alliance,
        status="published",
        published_at=timezone.now() + timedelta(days=1),
    )
    Quote.objects.create(statement=embargoed, text_de="Zitat gesperrt", organisation=organisation)
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert [f"Zitat {day:02d}" in html for day in range(12)] == [False] * 2 + [True] * 10
    assert html.index("Zitat 11") < html.index("Zitat 02")
    assert "Zitat gesperrt" not in html
    assert (
        "The 10 most recent quotes."
        in client.get(f"/en/organisations/{organisation.slug}/").content.decode()
    )


def test_organisation_page_with_few_quotes_shows_them_all_without_a_note(client):
    organisation = make_organisation()
    statement = make_statement(
        headline_de="Erklärung",
        dateline_place_de="Berlin",
        body_de="Text",
        alliance=make_alliance(),
        status="published",
    )
    Quote.objects.create(statement=statement, text_de="Einziges Zitat", organisation=organisation)
    html = client.get(f"/en/organisations/{organisation.slug}/").content.decode()
    assert "Einziges Zitat" in html
    assert "most recent quotes" not in html
