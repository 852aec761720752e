"""Staff see which English texts are missing: per item, across the portal, when publishing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from alliance_portal.models import Alliance, Demand
from alliance_portal.publishing.models import Publishable
from alliance_portal.publishing.translation_status import missing_english, proper_names
from members.models import Organisation
from statements.models import PressStatement, Quote
from tests.admin_forms import admin_url
from tests.factories import make_alliance, make_goal, make_organisation, make_statement

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("admin-translation-overview")


def half_translated(**overrides):
    """A published alliance whose description and one goal have no English."""
    alliance = make_alliance(
        description_de="Nur auf Deutsch.", founding_document_title_de="Erklärung", **overrides
    )
    make_goal(alliance=alliance, title_de="Nur deutsches Ziel")
    make_goal(alliance=alliance, title_de="Ziel", title_en="Goal")
    return alliance


def test_the_change_form_names_the_fields_missing_english(publisher_client):
    alliance = half_translated()
    html = publisher_client.get(admin_url(Alliance, "change", alliance.pk)).content.decode()
    assert "English missing for" in html
    assert "description, founding document" in html


def test_the_list_counts_missing_english_per_item(publisher_client):
    half_translated(name_de="Halbe Allianz")
    make_alliance(name_de="Ganze Allianz")
    html = publisher_client.get(admin_url(Alliance, "changelist")).content.decode()
    assert "2 texts missing" in html and "✓" in html


def test_the_overview_lists_published_items_missing_english(publisher_client):
    half = half_translated(name_de="Halbe Allianz", name_en="Half alliance")
    parts_only = make_alliance(name_de="Teilweise Allianz", name_en="Partly alliance")
    Demand.objects.create(alliance=parts_only, title_de="Nur deutsche Forderung")
    make_alliance(name_de="Ganze Allianz", name_en="Whole alliance")
    half_translated(name_de="Entwurfsallianz", status=Publishable.Status.DRAFT)

    response = publisher_client.get(OVERVIEW)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{admin_url(Alliance, "change", half.pk)}">Half alliance</a>' in html
    assert "description, founding document" in html
    assert "<td>1 goal</td>" in html
    assert f'href="{admin_url(Alliance, "change", parts_only.pk)}"' in html
    assert "<td>1 demand</td>" in html
    assert "Whole alliance" not in html  # nothing missing
    assert "Entwurfsallianz" not in html  # not published
    # The admin's home page leads there.
    assert f'href="{OVERVIEW}"' in publisher_client.get(reverse("admin:index")).content.decode()


def test_the_overview_runs_a_fixed_number_of_queries(publisher_client):
    half_translated()
    publisher_client.get(OVERVIEW)  # warm up: session, permissions
    with CaptureQueriesContext(connection) as few:
        publisher_client.get(OVERVIEW)
    for _ in range(10):
        half_translated()
    with CaptureQueriesContext(connection) as many:
        html = publisher_client.get(OVERVIEW).content.decode()
    assert html.count("Nur auf Deutsch") == 0 and html.count("description, founding") == 11
    assert len(many) == len(few)


def test_publishing_warns_about_missing_english(publisher_client):
    by_action = half_translated(name_de="Per Aktion", status=Publishable.Status.DRAFT)
    response = publisher_client.post(
        admin_url(Alliance, "changelist"),
        {"action": "publish", "_selected_action": [by_action.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "1 item published." in html
    assert "is public without English for: description, founding document." in html


# --- Names are names ------------------------------------------------------------------


def test_organisation_and_quoted_organisation_names_are_proper_names():
    assert proper_names(Organisation) == ("name",)
    assert proper_names(Quote) == ("speaker_organisation",)
    assert proper_names(Alliance) == ()  # alliance names are translated


def test_an_organisation_name_without_english_is_not_missing_english(publisher_client):
    named_only = make_organisation(name_de="Nur Deutsch GmbH", name_en="")
    described = make_organisation(
        name_de="Beschrieben GmbH", name_en="", description_de="<p>Nur deutsch.</p>"
    )
    assert missing_english(named_only) == []
    with translation.override("en"):
        assert [str(name) for name in missing_english(described)] == ["description"]

    html = publisher_client.get(admin_url(Organisation, "change", named_only.pk)).content.decode()
    assert "Nothing: all texts have English." in html
    overview = publisher_client.get(OVERVIEW).content.decode()
    assert "Nur Deutsch GmbH" not in overview
    assert "Beschrieben GmbH" in overview
    assert "Names of organisations are not counted" in overview
    changelist = publisher_client.get(admin_url(Organisation, "changelist")).content.decode()
    assert changelist.count("1 text missing") == 1


def test_a_quoted_organisation_without_english_is_not_missing_english(publisher_client):
    statement = make_statement(
        headline_en="Statement", dateline_place_en="Berlin", body_en="<p>Text</p>"
    )
    Quote.objects.create(
        statement=statement,
        text_de="Wir fordern.",
        text_en="We demand.",
        speaker_name="Erika Muster",
        speaker_organisation_de="Unterzeichner GmbH",
    )
    overview = publisher_client.get(OVERVIEW).content.decode()
    assert admin_url(PressStatement, "change", statement.pk) not in overview
    # A function is a text, not a name: without English it counts.
    Quote.objects.create(
        statement=statement,
        text_de="Wir auch.",
        text_en="So do we.",
        speaker_name="Max Muster",
        speaker_function_de="Geschäftsführer",
    )
    overview = publisher_client.get(OVERVIEW).content.decode()
    assert admin_url(PressStatement, "change", statement.pk) in overview
    assert "<td>1 quote</td>" in overview


def test_the_english_name_field_says_it_is_optional(publisher_client):
    organisation = make_organisation()
    html = publisher_client.get(admin_url(Organisation, "change", organisation.pk)).content.decode()
    help_text = "Only if it has a name of its own in this language."
    assert html.count(help_text) == 1
    assert html.index('id="id_name_en"') < html.index(help_text)
    alliance = publisher_client.get(admin_url(Alliance, "change", make_alliance().pk))
    assert help_text not in alliance.content.decode()
