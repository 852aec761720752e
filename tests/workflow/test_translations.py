"""Staff see which English texts are missing: per item, across the portal, when publishing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliance_portal.models import Alliance, Demand
from alliance_portal.publishing.models import Publishable
from tests.admin_forms import admin_url
from tests.factories import make_alliance, make_goal

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
