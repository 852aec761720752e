"""The back office: one page per alliance, with everything on it editable."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from alliance_portal.models import Alliance, Goal
from members.models import Membership, Organisation
from tests.admin_forms import admin_form, change_url
from tests.factories import make_alliance, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_admin(admin_client):
    """An admin user whose browser asks for English, for reading messages."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


@pytest.fixture
def daa(demo_content):
    return Alliance.objects.get(slug="deutsche-aluminium-allianz")


def test_alliance_page_has_every_part_inline_with_translation_fields(admin_client, daa):
    html = admin_client.get(change_url(daa)).content.decode()
    for prefix in (
        "memberships",
        "contacts",
        "sections",
        "goals",
        "demands",
        "key_figures",
        "participant_groups",
    ):
        assert f'name="{prefix}-TOTAL_FORMS"' in html, prefix
    assert 'name="name_de"' in html and 'name="name_en"' in html
    assert 'name="goals-0-title_en"' in html
    assert "Wirtschaftsministerium des Landes Saarland" in html
    assert "vendor/jquery-ui-1.14.2/jquery-ui.min.js" in html
    view_on_site = re.search(r'href="(/admin/r/\d+/\d+/)"', html).group(1)
    assert admin_client.get(view_on_site).headers["Location"].endswith(f"/alliances/{daa.slug}/")


def test_alliance_list_filters_and_search(admin_client, demo_content):
    url = reverse("admin:alliance_portal_alliance_changelist")
    working_groups = admin_client.get(url, {"kind__exact": "working_group"})
    assert working_groups.context["cl"].result_count == 1
    assert "Thementisch Metall" in working_groups.content.decode()
    found = admin_client.get(url, {"q": "Round Table"})
    assert [a.slug for a in found.context["cl"].result_list] == ["thementisch-metall"]
    by_country = admin_client.get(url, {"country__exact": "GB"})
    assert [a.slug for a in by_country.context["cl"].result_list] == ["uk-aluminium-alliance"]
    assert admin_client.get(url, {"status__exact": "draft"}).context["cl"].result_count == 0


def test_bulk_publish_and_unpublish(admin_client):
    drafts = [make_alliance(status=Alliance.Status.DRAFT) for _ in range(2)]
    url = reverse("admin:alliance_portal_alliance_changelist")
    ids = [str(a.pk) for a in drafts]
    response = admin_client.post(url, {"action": "publish", "_selected_action": ids}, follow=True)
    assert set(Alliance.objects.values_list("status", flat=True)) == {"published"}
    with translation.override("en"):
        messages = [str(m) for m in response.context["messages"]]
    assert any("2" in m for m in messages)
    admin_client.post(url, {"action": "unpublish", "_selected_action": ids[:1]})
    assert Alliance.objects.get(pk=drafts[0].pk).status == "draft"
    assert Alliance.objects.get(pk=drafts[1].pk).status == "published"


def test_editing_goals_inline_saves_both_languages(admin_client, daa):
    fields = admin_form(admin_client, change_url(daa))
    fields["goals-0-title_en"] = "Keeping the aluminium industry competitive"
    response = admin_client.post(change_url(daa), fields)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    goal = daa.goals.get(parent=None, position=1)
    assert goal.title_en == "Keeping the aluminium industry competitive"
    assert goal.title_de.startswith("Sicherung der Wettbewerbsfähigkeit")


def test_adding_the_same_organisation_twice_says_what_to_fix(english_admin, daa):
    fields = admin_form(english_admin, change_url(daa))
    total = int(fields["memberships-TOTAL_FORMS"])
    fields[f"memberships-{total}-organisation"] = fields["memberships-0-organisation"]
    fields[f"memberships-{total}-role"] = "member"
    fields[f"memberships-{total}-position"] = "99"
    fields["memberships-TOTAL_FORMS"] = str(total + 1)
    response = english_admin.post(change_url(daa), fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the duplicate data for organisation" in html
    assert daa.memberships.count() == 8


def test_deleting_a_main_goal_with_sub_goals_is_refused_in_the_inline(admin_client, daa):
    fields = admin_form(admin_client, change_url(daa))
    index = next(
        i
        for i in range(int(fields["goals-TOTAL_FORMS"]))
        if fields[f"goals-{i}-title_de"].startswith("Unterstützung einer nachhaltigen")
    )
    fields[f"goals-{index}-DELETE"] = "on"
    response = admin_client.post(change_url(daa), fields)
    assert response.status_code == 200
    assert "Ökologisch" in response.content.decode()
    assert Goal.objects.filter(alliance=daa).count() == 5


def test_sub_goals_are_edited_on_their_main_goal(admin_client, daa):
    main = daa.goals.get(parent=None, position=2)
    fields = admin_form(admin_client, change_url(main))
    total = int(fields["children-TOTAL_FORMS"])
    assert total == 3
    fields[f"children-{total}-title_de"] = "Regional"
    fields[f"children-{total}-title_en"] = "Regional"
    fields[f"children-{total}-kind"] = "goal"
    fields[f"children-{total}-position"] = "4"
    fields["children-TOTAL_FORMS"] = str(total + 1)
    response = admin_client.post(change_url(main), fields)
    assert response.status_code == 302
    added = main.children.get(title_de="Regional")
    assert added.alliance == daa


def test_logo_without_alt_text_is_refused_in_the_admin(english_admin, demo_content):
    organisation = Organisation.objects.get(slug="ig-metall")
    fields = admin_form(english_admin, change_url(organisation))
    fields["logo_alt_de"] = ""
    response = english_admin.post(change_url(organisation), fields)
    assert response.status_code == 200
    assert "for people who cannot see it" in response.content.decode()


def test_deleting_an_organisation_in_an_alliance_is_refused(english_admin, demo_content):
    organisation = Organisation.objects.get(slug="ig-metall")
    url = reverse("admin:members_organisation_delete", args=[organisation.pk])
    response = english_admin.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "protected related objects" in response.content.decode()
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert Membership.objects.filter(organisation=organisation).count() == 2


def test_every_admin_list_and_add_page_opens(admin_client, demo_content):
    for name in (
        "alliance_portal_alliance",
        "alliance_portal_sector",
        "alliance_portal_goal",
        "members_organisation",
        "members_person",
        "members_membership",
    ):
        for view in ("changelist", "add"):
            response = admin_client.get(reverse(f"admin:{name}_{view}"))
            assert response.status_code == 200, (name, view)


ICON_LINKS = (
    '<link rel="icon" href="/favicon.ico" sizes="32x32">',
    '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">',
)


def test_every_admin_page_has_the_portal_icon_and_our_stylesheet(client, admin_client):
    statement = make_statement()
    pages = [
        client.get(reverse("admin:login")),
        admin_client.get(reverse("admin:index")),
        admin_client.get(reverse("admin:statements_pressstatement_changelist")),
        admin_client.get(change_url(statement)),
        admin_client.get(reverse("admin-translation-overview")),
    ]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200, response.request["PATH_INFO"]
        for link in ICON_LINKS:
            assert link in html, (response.request["PATH_INFO"], link)
        # After Django's own stylesheets, so that ours win.
        assert html.index("admin/css/responsive.css") < html.index("/static/css/admin.css")
