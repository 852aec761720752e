from datetime import timedelta

import pytest
from django.utils import timezone

from members.models import AllianceContact
from statements.models import Quote
from tests.factories import (
    make_alliance,
    make_membership,
    make_organisation,
    make_person,
    make_statement,
)

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


# --- Names are names: no "not yet translated" on an organisation's name -------------

NOTE = "not yet translated"


def test_english_organisation_page_shows_a_name_without_english_unmarked(client):
    organisation = make_organisation(
        name_de="Nur Deutsch e.V.", name_en="", description_de="<p>Ein Verein.</p>"
    )
    html = client.get(f"/en/organisations/{organisation.slug}/").content.decode()
    assert "<h1>Nur Deutsch e.V.</h1>" in html
    assert "<title>Nur Deutsch e.V. – Alliance Portal</title>" in html
    # The description is a text: German standing in for it is still marked.
    assert html.count(NOTE) == 1
    assert '<div lang="de" class="fallback"><p>Ein Verein.</p>' in html
    listing = client.get("/en/organisations/").content.decode()
    assert f'<a href="/en/organisations/{organisation.slug}/">Nur Deutsch e.V.</a>' in listing
    assert NOTE not in listing


def test_an_english_name_given_by_staff_is_used_on_english_pages(client):
    organisation = make_organisation(name_de="Verband Deutscher Hütten", name_en="Steelworks Union")
    english = client.get(f"/en/organisations/{organisation.slug}/").content.decode()
    german = client.get(f"/de/organisations/{organisation.slug}/").content.decode()
    assert "<h1>Steelworks Union</h1>" in english and "Hütten" not in english
    assert "<h1>Verband Deutscher Hütten</h1>" in german


def test_alliance_page_names_members_without_english_names_unmarked(client):
    alliance = make_alliance(name_de="Metallbündnis", name_en="Metal Alliance")
    make_membership(alliance=alliance, organisation=make_organisation(name_de="Hütte Nord GmbH"))
    make_membership(
        alliance=alliance,
        organisation=make_organisation(name_de="Hütte Süd GmbH", name_en="South Works Ltd"),
    )
    html = client.get(f"/en/alliances/{alliance.slug}/").content.decode()
    assert "<span>Hütte Nord GmbH</span>" in html
    assert "<span>South Works Ltd</span>" in html
    assert NOTE not in html


def test_alliance_names_are_translations_and_stay_marked(client):
    alliance = make_alliance(name_de="Nur deutsches Bündnis", name_en="")
    html = client.get(f"/en/alliances/{alliance.slug}/").content.decode()
    assert (
        '<h1><span lang="de" class="fallback">Nur deutsches Bündnis '
        '<small class="fallback-note">(in German: not yet translated)</small></span></h1>'
    ) in html


def test_statement_names_signatories_and_quoted_organisations_unmarked(client):
    signatory = make_organisation(name_de="Unterzeichner GmbH")
    statement = make_statement(
        headline_de="Erklärung", headline_en="Statement", dateline_place_en="Berlin", body_en="Text"
    )
    statement.signatories.add(signatory)
    Quote.objects.create(
        statement=statement,
        text_de="Wir fordern.",
        text_en="We demand.",
        speaker_name="Erika Muster",
        speaker_function_de="Geschäftsführerin",
        speaker_function_en="Managing director",
        speaker_organisation_de="Unterzeichner GmbH",
    )
    html = client.get(f"/en/press/{statement.slug}/").content.decode()
    assert "<span>Unterzeichner GmbH</span>" in html
    assert (
        f'<span itemprop="affiliation"><a href="/en/organisations/{signatory.slug}/">'
        "Unterzeichner GmbH</a></span>"
    ) in html
    assert NOTE not in html


def test_functions_and_roles_are_texts_and_stay_marked(client):
    """A job title is text, not a name: German standing in for it is marked."""
    organisation = make_organisation(name_de="Hütte Ost GmbH")
    alliance = make_alliance()
    person = make_person(
        name="Erika Muster", function_de="Pressesprecherin", organisation=organisation
    )
    AllianceContact.objects.create(alliance=alliance, person=person, role_de="Pressekontakt")
    statement = make_statement(alliance=alliance)
    Quote.objects.create(
        statement=statement,
        text_de="Wir fordern.",
        speaker_name="Erika Muster",
        speaker_function_de="Pressesprecherin",
        organisation=organisation,
    )
    marked = (
        '<span lang="de" class="fallback">{} '
        '<small class="fallback-note">(in German: not yet translated)</small></span>'
    )
    alliance_page = client.get(f"/en/alliances/{alliance.slug}/").content.decode()
    assert f'<span class="meta">{marked.format("Pressekontakt")}</span>' in alliance_page
    comma = '<span class="visually-hidden">, </span>'
    function = marked.format("Pressesprecherin")
    assert f"<strong>Erika Muster</strong>{comma}{function}" in alliance_page
    assert "<br>Hütte Ost GmbH" in alliance_page  # the organisation's name: unmarked
    statement_page = client.get(f"/en/press/{statement.slug}/").content.decode()
    assert f'<span itemprop="jobTitle">{marked.format("Pressesprecherin")}</span>' in statement_page
    organisation_page = client.get(f"/en/organisations/{organisation.slug}/").content.decode()
    assert f"Erika Muster, {marked.format('Pressesprecherin')}" in organisation_page
    german = client.get(f"/de/alliances/{alliance.slug}/").content.decode()
    assert f"<strong>Erika Muster</strong>{comma}Pressesprecherin" in german
