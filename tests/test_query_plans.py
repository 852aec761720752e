"""On PostgreSQL, every query of every public page can be answered from indexes.

The load data is generated at a moderate scale (1,000 statements, 500 news items,
200 organisations) and analysed, each page of tests/load_pages.py is requested, and
each SELECT it ran is explained. No plan may read a large table sequentially.

At this scale a table is a few pages, and the planner may rightly prefer reading it
whole to using an index; at full scale it does not. So the plans are made with
`SET LOCAL enable_seqscan = off`: PostgreSQL then still scans a table sequentially
only where it has no index to use, and a sequential scan in such a plan shows a
missing index. Skipped on SQLite, which has no such planner.
"""

import re

import pytest
from django.db import connection

from tests.load_pages import LARGE_SCALE, captured_queries, generate_load_data, load_data_pages

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plans"),
]

LARGE_TABLES = {
    "members_organisation",
    "members_membership",
    "statements_pressstatement",
    "statements_pressstatement_signatories",
    "statements_pressstatement_press_contacts",
    "statements_quote",
    "news_newsitem",
    "news_newsitem_alliances",
}


def sequential_scans(sql):
    """The large tables that the plan of `sql` reads sequentially, and the plan."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("SET LOCAL enable_seqscan = on")
    return set(re.findall(r"Seq Scan on (\w+)", plan)) & LARGE_TABLES, plan


def test_every_public_page_reads_large_tables_through_indexes(client, demo_content, settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure the views, not a page cache
    generate_load_data(LARGE_SCALE)  # ends with ANALYZE
    explained, found = 0, []
    for page, url in load_data_pages().items():
        for sql in captured_queries(client, url):
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            tables, plan = sequential_scans(sql)
            explained += 1
            if tables:
                found.append(f"{page} ({url}) scans {sorted(tables)}:\n{sql}\n{plan}")
    assert explained > 100
    assert not found, "\n\n".join(found)


def test_portal_connections_assume_data_in_memory():
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)
