"""`python -m bench.breakdown URL …`: where an uncached page's time goes.

Renders each URL in this process, as a gunicorn worker of `make bench` would
(production settings, page cache off, the bench database or DATABASE_URL), and
prints the time per request, the part spent in the database, the queries, and
with --profile the functions that cost most. It explains the figures of
bench/results.md; it does not replace them (no server, no concurrency).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict


def setup():
    from bench.run import bench_environment

    env = bench_environment()
    env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    env["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ.update(env)
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bench.urls"  # as bench/wsgi.py: /bench/ceiling/ too


def measure(client, url, requests):
    """Milliseconds per request, and [(seconds, sql), …] of every query."""
    from django.db import connection

    queries = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - started, sql))

    with connection.execute_wrapper(timed):
        started = time.perf_counter()
        for _ in range(requests):
            client.get(url)
        elapsed = time.perf_counter() - started
    return elapsed / requests * 1000, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+", help="paths, e.g. /de/news/ or /bench/ceiling/")
    parser.add_argument("--requests", type=int, default=30, help="requests per URL (30)")
    parser.add_argument("--profile", action="store_true", help="also show the costliest functions")
    args = parser.parse_args()
    setup()
    from django.test import Client

    client = Client()
    for url in args.urls:
        for _ in range(3):  # warm: templates compiled, connection open
            response = client.get(url)
            if response.status_code != 200:
                sys.exit(f"{url} answered {response.status_code}.")
        per_request, queries = measure(client, url, args.requests)
        sql_ms = sum(seconds for seconds, _ in queries) / args.requests * 1000
        print(
            f"{url}\n  {per_request:.1f} ms per request: {sql_ms:.1f} ms in "
            f"{len(queries) // args.requests} queries, {per_request - sql_ms:.1f} ms in Python "
            f"(ORM, view, templates, middleware); {len(response.content) // 1024} KB"
        )
        by_sql = defaultdict(float)
        for seconds, sql in queries:
            by_sql[sql[:110]] += seconds
        for sql, seconds in sorted(by_sql.items(), key=lambda item: -item[1])[:5]:
            print(f"  {seconds / args.requests * 1000:6.2f} ms  {sql}")
        if args.profile:
            profiler = cProfile.Profile()
            for _ in range(10):
                profiler.runcall(client.get, url)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
