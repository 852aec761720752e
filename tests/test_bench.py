"""`make bench`'s parts that need no gunicorn or wrk: the report parser, the ceiling, results.md."""

import pytest
from django.urls import reverse

from bench.breakdown import measure
from bench.report import replace_section
from bench.wrk import WrkOutputError, WrkResult, latency_ms, parse_wrk_output

WRK_REPORT_WITH_ERRORS = """\
Running 10s test @ http://127.0.0.1:41235/de/press/some-statement/pdf/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   152.31ms   40.12ms   1.02s    80.15%
    Req/Sec    52.10     11.20    80.00     70.00%
  Latency Distribution
     50%  148.20ms
     75%  170.02ms
     90%  199.85ms
     99%    1.02s
  1042 requests in 10.01s, 80.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 7
Requests/sec:    104.10
Transfer/sec:      8.00MB
"""

WRK_REPORT_CLEAN = """\
Running 10s test @ http://127.0.0.1:41235/bench/ceiling/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.98ms    1.13ms  19.84ms   85.02%
    Req/Sec     1.61k    98.40     1.83k    71.50%
  Latency Distribution
     50%  812.00us
     75%    5.41ms
     90%    6.20ms
     99%    9.87ms
  32104 requests in 10.00s, 9.81MB read
Requests/sec:   3209.77
Transfer/sec:      0.98MB
"""


def test_wrk_report_figures_and_errors_read():
    assert parse_wrk_output(WRK_REPORT_WITH_ERRORS) == WrkResult(
        requests=1042,
        requests_per_second=104.10,
        p50_ms=148.20,
        p99_ms=1020.0,
        non_2xx=7,
        socket_errors={"connect": 0, "read": 2, "write": 0, "timeout": 1},
    )


def test_wrk_report_without_errors_counts_none():
    result = parse_wrk_output(WRK_REPORT_CLEAN)

    assert (result.requests, result.requests_per_second) == (32104, 3209.77)
    assert (result.p50_ms, result.p99_ms) == (0.812, 9.87)
    assert (result.non_2xx, result.socket_errors, result.errors) == (0, {}, 0)


def test_wrk_errors_add_non_2xx_and_socket_errors():
    assert parse_wrk_output(WRK_REPORT_WITH_ERRORS).errors == 10


def test_wrk_latency_units_become_milliseconds():
    assert [latency_ms(text) for text in ("250.00us", "4.84ms", "1.50s", "2.00m")] == [
        0.25,
        4.84,
        1500.0,
        120_000.0,
    ]


def test_wrk_report_without_latency_distribution_refused():
    without_latency = WRK_REPORT_CLEAN.replace("     50%  812.00us\n", "")

    with pytest.raises(WrkOutputError, match="50"):
        parse_wrk_output(without_latency)


def test_ceiling_view_answers_through_the_portals_middleware(client, settings):
    settings.ROOT_URLCONF = "bench.urls"

    response = client.get("/bench/ceiling/")

    assert response.status_code == 200
    assert response.content == b"ceiling"
    # The portal's header middleware ran: the ceiling pays what every page pays.
    assert "script-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_bench_urls_keep_the_portals_urls():
    assert reverse("home", urlconf="bench.urls") == "/de/"
    assert reverse("press:pdf", urlconf="bench.urls", kwargs={"slug": "s"}) == "/de/press/s/pdf/"


def test_results_section_replaced_and_other_database_kept():
    existing = replace_section("", "PostgreSQL", "## PostgreSQL\n\nold PostgreSQL figures\n")
    existing = replace_section(existing, "SQLite", "## SQLite\n\nold SQLite figures\n")

    updated = replace_section(existing, "SQLite", "## SQLite\n\nnew SQLite figures\n")

    assert "new SQLite figures" in updated
    assert "old SQLite figures" not in updated
    assert "old PostgreSQL figures" in updated
    assert updated.index("## SQLite") < updated.index("## PostgreSQL")
    assert updated.startswith("# Benchmark results\n")


@pytest.mark.django_db
def test_breakdown_counts_a_pages_queries_and_time(client, demo_content, settings):

    settings.PAGE_CACHE_SECONDS = 0
    client.get("/de/")  # as the breakdown does: warm first
    per_request, queries = measure(client, "/de/", requests=2)
    assert per_request > 0
    assert len(queries) == 2 * 4  # the home page's query budget, twice
    assert all(sql.lstrip().upper().startswith("SELECT") for _seconds, sql in queries)
