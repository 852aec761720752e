"""Search on PostgreSQL: stored search vectors, and ranking of the newest matches."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone, translation

from alliance_portal.web import search
from statements.models import PressStatement
from tests import factories
from tests.factories import make_alliance

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search"),
]


def make_statement(headline, days_ago, body="Text", **fields):
    return factories.make_statement(
        headline_de=headline,
        dateline_place_de="Berlin",
        body_de=body,
        alliance=make_alliance(),
        status="published",
        published_at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )


def titles(query, language="de"):
    with translation.override(language):
        return [
            [result.title for result in results]
            for label, results in search.search(query).groups
            if str(label) in ("Pressemitteilungen", "Press statements")
        ]


def test_search_ranks_the_newest_matches_by_relevance(monkeypatch):
    make_statement("Zinkhütte Zinkhütte Zinkhütte", 30, body="Die Zinkhütte und die Zinkhütte")
    make_statement("Neu: Zinkhütte", 2)
    make_statement("Neuer: Zinkhütte", 1)
    assert titles("Zinkhütte") == [
        ["Zinkhütte Zinkhütte Zinkhütte", "Neu: Zinkhütte", "Neuer: Zinkhütte"]
    ]
    monkeypatch.setattr(search, "RANKED_MATCHES", 2)
    assert titles("Zinkhütte") == [["Neu: Zinkhütte", "Neuer: Zinkhütte"]]  # equal rank: by key


@pytest.mark.parametrize("walk", [True, False], ids=["list index", "search index"])
def test_both_ways_to_the_newest_matches_find_the_same(monkeypatch, walk):
    for days in range(1, 6):
        make_statement(f"Zinkhütte {days}", days)
    make_statement("Kupferwerk", 0)
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    monkeypatch.setattr(search, "walks_list_index", lambda matches, public: walk)
    assert titles("Zinkhütte") == [["Zinkhütte 1", "Zinkhütte 2", "Zinkhütte 3"]]


def test_stored_search_vector_follows_edits_and_falls_back_to_german():
    statement = make_statement("Erklärung", 1)
    assert titles("Kupferwerk") == []
    statement.body_de = "Das Kupferwerk bleibt."
    statement.save()
    assert titles("Kupferwerk") == [["Erklärung"]]
    assert titles("Kupferwerk", language="en") == [["Erklärung"]]


def test_a_kind_that_takes_too_long_is_left_out_and_the_page_says_so(client, monkeypatch, settings):
    settings.SEARCH_TIMEOUT_MS = 50
    make_statement("Zinkhütte", 1)
    make_alliance(name_de="Zinkhütte Allianz")
    original = search.postgres_results

    def slow_statements(searchable, query, language):
        if searchable.queryset().model is PressStatement:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(0.5)")
        return original(searchable, query, language)

    monkeypatch.setattr(search, "postgres_results", slow_statements)
    response = client.get("/de/search/", {"q": "Zinkhütte"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Manche Arten von Ergebnissen brauchten zu lange" in html
    assert "Zinkhütte Allianz" in html  # the kinds that were quick
    assert 'Pressemitteilungen <span class="meta">' not in html  # no such group
    assert "no-store" in response["Cache-Control"]
    # The connection is usable again: the next search, in time, finds the statement.
    monkeypatch.setattr(search, "postgres_results", original)
    html = client.get("/de/search/", {"q": "Zinkhütte"}).content.decode()
    assert 'Pressemitteilungen <span class="meta">(1)</span>' in html


def test_a_plan_of_another_shape_leaves_the_choice_to_postgresql(monkeypatch):
    make_statement("Zinkhütte", 1)
    monkeypatch.setattr(QuerySet, "explain", lambda self, **options: '[{"Plan": {}}]')
    assert titles("Zinkhütte") == [["Zinkhütte"]]
