"""Inline rows in the admin: stored 1…n in the order staff give them; goals with their
sub-goals in one save (publishing/admin.py OrderedInlineFormSet, admin.py GoalFormSet)."""

import pytest

from alliance_portal.models import Alliance, Demand, Goal
from statements.models import Quote
from tests.admin_forms import admin_form, change_url, errors
from tests.factories import make_statement

pytestmark = pytest.mark.django_db


def add_rows(fields, prefix, rows):
    """Fill `rows` (dicts of field values) into new rows of the inline `prefix`."""
    start = int(fields[f"{prefix}-TOTAL_FORMS"])
    for offset, values in enumerate(rows):
        for name, value in values.items():
            fields[f"{prefix}-{start + offset}-{name}"] = value
    fields[f"{prefix}-TOTAL_FORMS"] = str(start + len(rows))


def test_new_quotes_without_a_number_go_to_the_end_numbered_1_to_n(admin_client):
    statement = make_statement(headline_de="Drei Stimmen")
    url = change_url(statement)
    fields = admin_form(admin_client, url)
    speakers = ["Erste Sprecherin", "Zweiter Sprecher", "Dritte Sprecherin"]
    add_rows(
        fields,
        "quotes",
        [{"speaker_name": name, "text_de": f"Zitat von {name}"} for name in speakers],
    )
    response = admin_client.post(url, fields)
    assert response.status_code == 302, errors(response)
    quotes = list(Quote.objects.filter(statement=statement).order_by("position"))
    assert [(q.position, q.speaker_name) for q in quotes] == list(enumerate(speakers, 1))
    assert [q.anchor for q in quotes] == ["quote-1", "quote-2", "quote-3"]

    # One more, again without a number: it comes last, as the fourth.
    fields = admin_form(admin_client, url)
    add_rows(fields, "quotes", [{"speaker_name": "Vierter", "text_de": "Noch ein Zitat"}])
    assert admin_client.post(url, fields).status_code == 302
    assert Quote.objects.get(statement=statement, speaker_name="Vierter").position == 4


def test_typed_positions_reorder_the_rows_and_are_stored_1_to_n(admin_client, demo_content):
    alliance = Alliance.objects.get(slug="aluminiumbuendnis-nrw")
    before = list(Demand.objects.filter(alliance=alliance).order_by("position"))
    assert len(before) >= 3
    fields = admin_form(admin_client, change_url(alliance))
    # The last demand first, typed as 0; the first one between the others.
    fields["demands-0-position"] = "7"
    fields[f"demands-{len(before) - 1}-position"] = "0"
    response = admin_client.post(change_url(alliance), fields)
    assert response.status_code == 302, errors(response)
    after = list(Demand.objects.filter(alliance=alliance).order_by("position"))
    assert [d.position for d in after] == list(range(1, len(before) + 1))
    assert after[0] == before[-1]
    assert after[-1] == before[0]


def test_a_goal_and_its_two_sub_goals_in_one_save(admin_client):
    alliance = Alliance.objects.create(name_de="Bündnis Saar", summary_de="Stahl an der Saar.")
    url = change_url(alliance)
    fields = admin_form(admin_client, url)
    add_rows(
        fields,
        "goals",
        [
            {"position": "1", "kind": "goal", "title_de": "Grüner Stahl"},
            {"position": "1", "parent_number": "1", "kind": "goal", "title_de": "Wasserstoff"},
            {"position": "2", "parent_number": "1", "kind": "goal", "title_de": "Schrott"},
            {"position": "2", "kind": "field_of_action", "title_de": "Fachkräfte"},
        ],
    )
    response = admin_client.post(url, fields)
    assert response.status_code == 302, errors(response)
    main = Goal.objects.get(alliance=alliance, title_de="Grüner Stahl")
    assert [(g.position, g.title_de) for g in main.children.order_by("position")] == [
        (1, "Wasserstoff"),
        (2, "Schrott"),
    ]
    assert Goal.objects.get(title_de="Fachkräfte").parent is None
    # The form shows the sub-goals under their goal, naming it by its number.
    shown = admin_form(admin_client, url)
    titles = [shown[f"goals-{i}-title_de"] for i in range(4)]
    assert titles == ["Grüner Stahl", "Wasserstoff", "Schrott", "Fachkräfte"]
    assert [shown[f"goals-{i}-parent_number"] for i in range(4)] == ["", "1", "1", ""]
    page = admin_client.get(alliance.get_absolute_url()).content.decode()
    assert page.index("Grüner Stahl") < page.index("Wasserstoff") < page.index("Schrott")


def test_a_sub_goal_must_name_a_main_goal(admin_client):
    alliance = Alliance.objects.create(name_de="Bündnis Ruhr", summary_de="Kohle und Stahl.")
    url = change_url(alliance)
    fields = admin_form(admin_client, url)
    add_rows(
        fields,
        "goals",
        [
            {"position": "1", "kind": "goal", "title_de": "Ziel"},
            {"position": "2", "parent_number": "3", "kind": "goal", "title_de": "Verwaist"},
        ],
    )
    response = admin_client.post(url, fields)
    assert response.status_code == 200
    assert "Kein Hauptziel hat die Nummer 3." in response.content.decode()
    assert not Goal.objects.filter(alliance=alliance).exists()
