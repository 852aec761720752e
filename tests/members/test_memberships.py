"""Memberships over time: a member that left stays on the record, shown as former, and
counts as a member nowhere."""

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from members.models import Membership
from tests.admin_forms import admin_form, change_url, errors
from tests.factories import make_alliance, make_membership, make_organisation

pytestmark = pytest.mark.django_db


def structured_data(html):
    return json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])


# --- The rules of an end date --------------------------------------------------------


def test_left_on_before_joined_on_is_refused_on_the_field():
    membership = make_membership(joined_on=date(2021, 11, 30))
    membership.left_on = date(2021, 11, 29)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    with translation.override("de"):
        assert error.value.message_dict["left_on"] == [
            "Die Organisation kann nicht vor ihrem Beitritt (30. November 2021) ausgetreten "
            "sein: Prüfen Sie beide Daten."
        ]
    with translation.override("en"):
        assert error.value.message_dict["left_on"] == [
            "The organisation cannot have left before it joined (30 November 2021): check "
            "both dates."
        ]


def test_left_on_in_the_future_is_refused_until_it_has_happened():
    membership = make_membership(joined_on=date(2021, 11, 30))
    membership.left_on = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    with translation.override("de"):
        assert error.value.message_dict["left_on"] == [
            "Das Austrittsdatum kann nicht in der Zukunft liegen: Tragen Sie es ein, sobald "
            "die Organisation ausgetreten ist."
        ]
    with translation.override("en"):
        assert error.value.message_dict["left_on"] == [
            "The day the organisation left cannot be in the future: enter it once the "
            "organisation has left."
        ]


@pytest.mark.parametrize(
    ("joined_on", "left_on"),
    [
        (date(2021, 11, 30), date(2021, 11, 30)),  # left the day it joined
        (date(2021, 11, 30), date(2024, 6, 1)),
        (None, date(2024, 6, 1)),  # joined on a day nobody recorded
        (date(2021, 11, 30), None),  # still a member
    ],
)
def test_left_on_up_to_today_and_not_before_joining_is_accepted(joined_on, left_on):
    make_membership(joined_on=joined_on, left_on=left_on).full_clean()


def test_left_on_today_is_accepted():
    make_membership(left_on=timezone.localdate()).full_clean()


def test_current_and_former_memberships_are_told_apart():
    current = make_membership()
    former = make_membership(joined_on=date(2021, 1, 1), left_on=date(2024, 1, 1))
    assert list(Membership.objects.current()) == [current]
    assert list(Membership.objects.former()) == [former]
    assert list(former.organisation.memberships.former()) == [former]
    assert (current.is_former, former.is_former) == (False, True)
    with translation.override("de"):
        assert str(former.former_role_label) == "ehemals Mitglied"
    with translation.override("en"):
        assert str(former.former_role_label) == "former member"


def test_admin_refuses_an_end_before_the_start_in_the_alliance_page(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    membership = make_membership(joined_on=date(2021, 11, 30))
    url = change_url(membership.alliance)
    fields = admin_form(admin_client, url)
    assert "memberships-0-left_on" in fields
    fields["memberships-0-left_on"] = "2020-01-01"
    response = admin_client.post(url, fields)
    assert response.status_code == 200
    assert any("cannot have left before it joined" in error for error in errors(response))
    fields["memberships-0-left_on"] = "2024-06-01"
    response = admin_client.post(url, fields)
    assert response.status_code == 302, errors(response)
    membership.refresh_from_db()
    assert membership.left_on == date(2024, 6, 1)


# --- The alliance page ----------------------------------------------------------------


@pytest.fixture
def alliance_with_a_past():
    """An alliance with two current members and three former ones."""
    alliance = make_alliance(name_de="Bündnis Wandel", name_en="Alliance of Change")
    make_membership(
        alliance=alliance,
        organisation=make_organisation(name_de="Bleibt AG"),
        role=Membership.Role.FOUNDER,
        joined_on=date(2021, 11, 30),
    )
    make_membership(alliance=alliance, organisation=make_organisation(name_de="Neu GmbH"))
    make_membership(
        alliance=alliance,
        organisation=make_organisation(name_de="Gegangen AG"),
        role=Membership.Role.FOUNDER,
        joined_on=date(2021, 11, 30),
        left_on=date(2024, 3, 1),
    )
    make_membership(
        alliance=alliance,
        organisation=make_organisation(name_de="Ohne Beitritt e.V."),
        left_on=date(2023, 5, 2),
    )
    make_membership(
        alliance=alliance,
        organisation=make_organisation(name_de="Kurz GmbH"),
        role=Membership.Role.PARTNER,
        joined_on=date(2022, 2, 1),
        left_on=date(2022, 9, 1),
    )
    return alliance


def members_section(html):
    return html.split('<section aria-labelledby="members-heading">')[1].split("</section>")[0]


@pytest.mark.parametrize(
    ("language", "heading", "lines"),
    [
        (
            "de",
            "<h3>Ehemalige Mitglieder</h3>",
            [
                'Gegangen AG</a> <span class="meta">(Gründungsmitglied, 2021–2024)</span>',
                'Ohne Beitritt e.V.</a> <span class="meta">(Mitglied, bis 2023)</span>',
                'Kurz GmbH</a> <span class="meta">(Partner, 2022)</span>',
            ],
        ),
        (
            "en",
            "<h3>Former members</h3>",
            [
                'Gegangen AG</a> <span class="meta">(Founding member, 2021–2024)</span>',
                'Ohne Beitritt e.V.</a> <span class="meta">(Member, until 2023)</span>',
                'Kurz GmbH</a> <span class="meta">(Partner, 2022)</span>',
            ],
        ),
    ],
)
def test_alliance_page_lists_former_members_apart_with_their_years(
    client, alliance_with_a_past, language, heading, lines
):
    url = f"/{language}/alliances/{alliance_with_a_past.slug}/"
    section = members_section(client.get(url).content.decode())
    current, former = section.split(heading)
    assert "Bleibt AG" in current and "Neu GmbH" in current
    for name in ("Gegangen AG", "Ohne Beitritt e.V.", "Kurz GmbH"):
        assert name not in current
    # The one that left last first.
    positions = [former.index(line) for line in lines]
    assert positions == sorted(positions)


def test_alliance_structured_data_names_only_current_members(client, alliance_with_a_past):
    html = client.get(alliance_with_a_past.get_absolute_url()).content.decode()
    data = structured_data(html)
    assert sorted(member["name"] for member in data["member"]) == ["Bleibt AG", "Neu GmbH"]


def test_alliance_of_former_members_only_still_shows_them(client):
    membership = make_membership(left_on=date(2024, 1, 1))
    html = client.get(f"/en/alliances/{membership.alliance.slug}/").content.decode()
    section = members_section(html)
    assert "<h3>Former members</h3>" in section
    assert membership.organisation.name in section
    assert structured_data(html)["member"] == []


def test_members_count_and_list_of_an_alliance_leave_former_members_out(client, settings):
    alliance = make_alliance()
    for number in range(62):
        make_membership(alliance=alliance, organisation=make_organisation(), position=number)
    for _number in range(3):
        make_membership(alliance=alliance, left_on=date(2024, 1, 1))
    html = client.get(f"/en/alliances/{alliance.slug}/").content.decode()
    assert "All 62 members" in html
    listing = client.get("/en/organisations/", {"alliance": alliance.slug})
    assert listing.context["paginator"].count == 62


def test_related_alliances_share_current_members_only(client):
    alliance, sharing, formerly_sharing = make_alliance(), make_alliance(), make_alliance()
    shared, left = make_organisation(), make_organisation()
    make_membership(alliance=alliance, organisation=shared)
    make_membership(alliance=alliance, organisation=left)
    make_membership(alliance=sharing, organisation=shared)
    make_membership(alliance=formerly_sharing, organisation=left, left_on=date(2024, 1, 1))
    html = client.get(alliance.get_absolute_url()).content.decode()
    related = html.split('aria-labelledby="related-heading"')[1]
    assert sharing.name in related
    assert formerly_sharing.name not in related


# --- The organisation page -------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "current", "former"),
    [
        (
            "de",
            "(Mitglied, seit 1. Februar 2022)",
            ["(ehemals Gründungsmitglied, 2021–2024)", "(ehemals Partner, bis 2022)"],
        ),
        (
            "en",
            "(Member, since 1 February 2022)",
            ["(former founding member, 2021–2024)", "(former partner, until 2022)"],
        ),
    ],
)
def test_organisation_page_shows_past_memberships_as_former(client, language, current, former):
    organisation = make_organisation(name_de="Wechselhaft AG")
    make_membership(
        organisation=organisation,
        alliance=make_alliance(name_de="Aktuelles Bündnis", name_en="Current Alliance"),
        joined_on=date(2022, 2, 1),
    )
    make_membership(
        organisation=organisation,
        alliance=make_alliance(name_de="Altes Bündnis", name_en="Old Alliance"),
        role=Membership.Role.PARTNER,
        left_on=date(2022, 9, 1),
    )
    make_membership(
        organisation=organisation,
        alliance=make_alliance(name_de="Früheres Bündnis", name_en="Earlier Alliance"),
        role=Membership.Role.FOUNDER,
        joined_on=date(2021, 11, 30),
        left_on=date(2024, 3, 1),
    )
    html = client.get(f"/{language}/organisations/{organisation.slug}/").content.decode()
    items = html.split('<ul class="membership-list">')[1].split("</ul>")[0].split("<li")[1:]
    assert [item.split('<span class="meta">')[1].split("</span>")[0] for item in items] == [
        current,
        *former,
    ]
    assert 'class="former brand-' in items[1] and "former" not in items[0].split(">")[0]
    data = structured_data(html)
    member_of = [alliance["name"] for alliance in data["memberOf"]]
    assert member_of == (["Aktuelles Bündnis"] if language == "de" else ["Current Alliance"])


# --- Queries: the same whatever the number of former members ------------------------------


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_alliance_and_organisation_pages_query_the_same_with_many_former_members(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    alliance = make_alliance()
    organisation = make_organisation(
        wikidata_id="Q42", lei="506700GE1G29325QX363", transparency_register_id="1-00"
    )
    make_membership(alliance=alliance, organisation=organisation)

    def add_former(count):
        for _number in range(count):
            make_membership(alliance=alliance, left_on=date(2024, 1, 1))
            make_membership(organisation=organisation, left_on=date(2023, 1, 1))

    add_former(1)
    small = (
        queries(client, alliance.get_absolute_url()),
        queries(client, organisation.get_absolute_url()),
    )
    add_former(49)
    large = (
        queries(client, alliance.get_absolute_url()),
        queries(client, organisation.get_absolute_url()),
    )
    assert small == large
