"""`python -m bench`: the portal under gunicorn with production settings, measured by wrk.

Two phases, each with its own gunicorn and its own ceiling: uncached
(DJANGO_PAGE_CACHE_SECONDS=0) and cached (the page cache as deployed, every URL
asked once before measuring). Prints a table per phase and the issue's target
checks, and writes them to bench/results.md. Environment:

- DATABASE_URL: the database to fill and measure (created on PostgreSQL if
  missing); bench/bench.sqlite3 when unset.
- BENCH_SCALE: generate_load_data's --scale when the data is not there yet (1).
- BENCH_DURATION: seconds wrk measures each URL, after a 2 s warm-up (10).
"""

import os
import platform
import secrets
import signal
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
TMP_DIR = BENCH_DIR / "tmp"
RESULTS_PATH = BENCH_DIR / "results.md"
COLD_PDF_PATHS = TMP_DIR / "cold-pdf-paths.txt"
WARMUP_SECONDS = 2
# generate_load_data makes this many statements at --scale 1; another number means the
# database holds other data.
FULL_SCALE_STATEMENTS = 100_000
DATA_TOLERANCE = 0.05


def env_number(name, default, kind):
    value = os.environ.get(name, "").strip()
    try:
        return kind(value) if value else default
    except ValueError:
        sys.exit(f"{name}={value!r} is not a number.")


def say(text=""):
    print(text, flush=True)


def bench_environment():
    """Production settings for plain HTTP on 127.0.0.1, with a throwaway secret key."""
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alliance_portal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # wrk speaks plain HTTP.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(BENCH_DIR / ".static"),
        "DJANGO_MEDIA_ROOT": str(BENCH_DIR / ".media"),
        "DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
    }
    # Each worker's own local-memory cache: a shared Redis would keep PDFs and
    # pages of earlier runs and phases, and "cold" would not be cold.
    env.pop("REDIS_URL", None)
    return env


def ensure_postgres_database(database_url):
    """Create the database DATABASE_URL names, if it is PostgreSQL and missing."""
    import dj_database_url

    config = dj_database_url.parse(database_url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        return
    import psycopg
    from psycopg import sql

    params = {
        "dbname": "postgres",
        "user": config.get("USER"),
        "password": config.get("PASSWORD"),
        "host": config.get("HOST"),
        "port": config.get("PORT"),
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as db:
        name = config["NAME"]
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            say(f"Creating the PostgreSQL database {name}.")
            db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def ensure_data(scale):
    """Generate the load data unless it is there; returns a line for results.md."""
    from django.core.management import call_command
    from django.db import connection

    from statements.models import PressStatement

    wanted = round(FULL_SCALE_STATEMENTS * scale)
    present = PressStatement.objects.count()
    # Data of another scale (or the demo content) is replaced, so BENCH_SCALE always holds.
    if abs(present - wanted) <= DATA_TOLERANCE * wanted:
        return f"generate_load_data --scale {scale:g}, made by an earlier run"
    say(f"Generating the load data (--scale {scale:g}); this takes a while…")
    started = time.monotonic()
    call_command("generate_load_data", scale=scale, replace=True)
    took = time.monotonic() - started
    say(f"Generated in {took:.0f} s.")
    note = f"generate_load_data --scale {scale:g}: generated in {took:.0f} s"
    if connection.vendor == "postgresql":
        # Autovacuum would otherwise visit the new rows while the first phase is measured.
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        say(f"VACUUM (ANALYZE) in {time.monotonic() - started:.0f} s.")
        note += ", then VACUUM (ANALYZE)"
    return note


def machine_lines(env, database, counts, data_note, duration):
    import django
    import gunicorn

    from bench import server, wrk

    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kb = int(line.split()[1])
    os_name = platform.platform()
    if Path("/etc/os-release").exists():
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = f"{line.split('=', 1)[1].strip(chr(34))}, Linux {platform.release()}"
    threads = env.get("GUNICORN_THREADS") or "1"
    worker_class = "sync" if threads == "1" else f"gthread, {threads} threads"
    return [
        f"Machine: {cpu}, {os.cpu_count()} cores, {memory_kb / 1024 / 1024:.1f} GB RAM; {os_name}",
        f"Software: Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {gunicorn.__version__}, {wrk.wrk_version()}",
        f"Database: {database}",
        "Data: " + ", ".join(f"{count:,} {name}" for name, count in counts.items()),
        f"Data source: {data_note}",
        f"gunicorn: the project's gunicorn.conf.py (via bench/gunicorn.conf.py), "
        f"{server.WORKERS} {worker_class} workers, GUNICORN_MAX_REQUESTS=0 (no recycling, "
        "which would cost throughput and hide memory growth), access log off; DEBUG off, "
        "production settings over plain HTTP, each worker's own local-memory cache",
        f"wrk: {wrk.THREADS} threads, {wrk.CONNECTIONS} connections, {WARMUP_SECONDS} s warm-up "
        f"then {duration} s per URL, --latency, --timeout {wrk.TIMEOUT_SECONDS}s; the ceiling "
        "(a bare Django view) is measured before and after the pages, and the ratios use the "
        "mean of the two",
    ]


def preflight(gunicorn, pages):
    """GET every URL once: each must answer 200 itself, not redirect or fail."""
    from bench.server import get

    problems = []
    for page in pages:
        status, headers, _ = get(gunicorn.port, page.path)
        if status != 200:
            where = f" → {headers.get('Location')}" if headers.get("Location") else ""
            problems.append(f"  {page.name}: GET {page.path} answered {status}{where}")
    if problems:
        raise SystemExit(
            "Not every URL answers 200, so nothing was measured:\n" + "\n".join(problems)
        )


def measure(gunicorn, page, duration):
    from bench.report import Measurement, error_cell
    from bench.wrk import run_wrk

    url = gunicorn.url(page.path)
    if page.rotate_paths:
        # The warm-up takes paths from the end of the list, the measurement from
        # the start: no PDF is asked for twice unless together they run out.
        warmup = run_wrk(url, WARMUP_SECONDS, script_args=(COLD_PDF_PATHS, "backward"))
        result = run_wrk(url, duration, script_args=(COLD_PDF_PATHS, "forward"))
    else:
        warmup = run_wrk(url, WARMUP_SECONDS)
        result = run_wrk(url, duration)
    say(
        f"  {page.name:<30} {result.requests_per_second:9,.1f} requests/s   "
        f"p50 {result.p50_ms:7.1f} ms   p99 {result.p99_ms:7.1f} ms   "
        f"non-2xx {error_cell(result)}"
    )
    return Measurement(page, result, warmup_requests=warmup.requests)


def run_phase(phase, env, pages, duration):
    from bench.pages import CEILING_PATH, Page
    from bench.server import Gunicorn

    ceiling = Page("ceiling", "ceiling", CEILING_PATH)
    gunicorn = Gunicorn(env, TMP_DIR / f"gunicorn-{phase.key}.log")
    say(f"\n{phase.title}")
    try:
        gunicorn.start()
        # Also the warm-up of the cached phase: every URL is in the cache after it.
        preflight(gunicorn, [ceiling, *pages])
        phase.ceiling_before = measure(gunicorn, ceiling, duration).result
        phase.measurements = [measure(gunicorn, page, duration) for page in pages]
        phase.ceiling_after = measure(gunicorn, ceiling, duration).result
        phase.worker_memory_mb = gunicorn.worker_memory_mb()
    finally:
        gunicorn.stop()
    return phase


def main():
    from bench.wrk import wrk_available

    # A SIGTERM (make interrupted, a CI timeout) unwinds like Ctrl-C, so gunicorn is stopped.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))

    if not wrk_available():
        sys.exit("make bench needs wrk (HTTP load tool): `apt-get install wrk` on Debian/Ubuntu.")
    scale = env_number("BENCH_SCALE", 1.0, float)
    duration = env_number("BENCH_DURATION", 10, int)
    env = bench_environment()
    os.environ.update(env)
    os.chdir(ROOT)
    TMP_DIR.mkdir(exist_ok=True)
    ensure_postgres_database(env["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    from bench import pages as bench_pages
    from bench import report
    from bench.report import Phase

    database = bench_pages.database_description()
    say(f"Database: {database}, {connection.settings_dict['NAME']}")
    call_command("migrate", interactive=False, verbosity=0)
    data_note = ensure_data(scale)
    call_command("collectstatic", interactive=False, verbosity=0)
    pages = bench_pages.bench_pages()
    counts = bench_pages.counts()
    vendor = connection.vendor
    connections.close_all()
    cold = next((page for page in pages if page.rotate_paths), None)
    COLD_PDF_PATHS.write_text("\n".join(cold.rotate_paths if cold else []) + "\n")
    say("Pages:")
    for page in pages:
        say(f"  {page.name:<30} {page.path}" + (f"  ({page.about})" if page.about else ""))

    uncached_env = {**env, "DJANGO_PAGE_CACHE_SECONDS": "0"}
    cached_env = {key: value for key, value in env.items() if key != "DJANGO_PAGE_CACHE_SECONDS"}
    phases = [
        run_phase(
            Phase("uncached", "Uncached (DJANGO_PAGE_CACHE_SECONDS=0)"),
            uncached_env,
            pages,
            duration,
        ),
        run_phase(
            Phase("cached", "Cached (page cache on, as deployed; every URL asked once first)"),
            cached_env,
            pages,
            duration,
        ),
    ]

    found = report.checks(*phases, vendor)
    title = report.DATABASE_TITLES.get(vendor, vendor)
    note = f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC."
    if scale != 1 or duration < 10:
        note += (
            f" **Trial run** (scale {scale:g}, {duration} s per URL): it tries the harness; "
            "these are not the figures the targets are judged by."
        )
    context = machine_lines(env, database, counts, data_note, duration)
    text = report.section(title, context, pages, phases, found, note)
    say("\n" + text)
    existing = RESULTS_PATH.read_text() if RESULTS_PATH.exists() else ""
    RESULTS_PATH.write_text(report.replace_section(existing, title, text))
    say(f"Written to {RESULTS_PATH.relative_to(ROOT)}.")
