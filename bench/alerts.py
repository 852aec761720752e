"""`python -m bench.alerts` (`make bench-alerts`): one release to 10,000 subscribers.

A worker process (`manage.py run_worker`, production settings) sends the alerts of
one press statement through a local SMTP sink (aiosmtpd, counting what it accepts);
prints mails per second and the worker's memory, and writes them to
bench/results.md. Environment:

- DATABASE_URL: the database (emptied and migrated); bench/tmp/alerts.sqlite3 when unset.
- BENCH_SUBSCRIBERS: how many subscribers (10000).
- BENCH_QUEUE: "database" (default) or "rq" (then REDIS_URL, or redis://127.0.0.1:6379/13).
"""

import os
import platform
import secrets
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TMP_DIR = ROOT / "bench" / "tmp"
RESULTS_PATH = ROOT / "bench" / "results.md"
SECTION = "E-mail alerts ({queue} queue, {database})"
DATABASE_TITLES = {"sqlite": "SQLite", "postgres": "PostgreSQL", "postgresql": "PostgreSQL"}


def say(text=""):
    print(text, flush=True)


class CountingSink:
    """An SMTP handler that counts accepted mails and remembers first and last times."""

    def __init__(self):
        self.count = 0
        self.recipients = set()
        self.first = self.last = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        now = time.monotonic()
        with self.lock:
            self.count += 1
            self.recipients.update(envelope.rcpt_tos)
            self.first = self.first or now
            self.last = now
        return "250 OK"


def environment(database_url, smtp_port, queue):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alliance_portal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SITE_URL": "https://alliances.example.org",
        "DATABASE_URL": database_url,
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(smtp_port),
        "DJANGO_WORKER_SWEEP_SECONDS": "1",
        "DJANGO_STATIC_ROOT": str(TMP_DIR / "static"),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    if queue == "rq":
        env["REDIS_URL"] = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"
    return env


def prepare(env, subscribers):
    """Empty database, migrated, with one alliance, its subscribers and a statement
    whose release time has just come."""
    script = f"""
import django
django.setup()
from datetime import timedelta
from django.utils import timezone
from alliance_portal.alerts.models import Subscriber
from alliance_portal.models import Alliance
from statements.models import PressStatement

alliance = Alliance.objects.create(name_de="Deutsche Aluminium-Allianz", status="published")
now = timezone.now()
Subscriber.objects.bulk_create(
    Subscriber(email=f"redaktion{{n}}@example.org", language="de" if n % 3 else "en",
               press_statements=True, all_alliances=n % 2 == 0, confirmed_at=now)
    for n in range({subscribers})
)
through = Subscriber.alliances.through
through.objects.bulk_create(
    through(subscriber_id=pk, alliance_id=alliance.pk)
    for pk in Subscriber.objects.filter(all_alliances=False).values_list("pk", flat=True)
)
statement = PressStatement.objects.create(
    alliance=alliance, headline_de="Aluminiumindustrie legt Klimaplan vor",
    headline_en="Aluminium industry presents climate plan", dateline_place_de="Berlin",
    lead_de="Die Branche steht für 87,5 % der Beschäftigten.", body_de="<p>Text</p>",
    status="published", published_at=now + timedelta(seconds=5),
)
for position, name in enumerate(["Erika Muster", "Max Beispiel", "Jane Doe"], 1):
    statement.quotes.create(position=position, text_de="Wir brauchen verlässliche Preise.",
                            text_en="We need reliable prices.", speaker_name=name)
"""
    subprocess.run(
        [sys.executable, "manage.py", "flush", "--noinput"],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "flush", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True)


def memory_mb(pid):
    """(current, peak) resident memory of a process and its children, in MB."""
    current = peak = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(child) for child in children]
    except OSError:
        pass
    for one in pids:
        try:
            status = Path(f"/proc/{one}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        current += int(fields.get("VmRSS", "0 kB").split()[0])
        peak += int(fields.get("VmHWM", "0 kB").split()[0])
    return current / 1024, peak / 1024


def main():
    from aiosmtpd.controller import Controller

    from bench.server import free_port

    subscribers = int(os.environ.get("BENCH_SUBSCRIBERS") or 10_000)
    queue = os.environ.get("BENCH_QUEUE") or "database"
    TMP_DIR.mkdir(parents=True, exist_ok=True)
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{TMP_DIR / 'alerts.sqlite3'}"
    if queue == "rq":
        import redis

        redis.Redis.from_url(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13").flushdb()

    sink = CountingSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    env = environment(database_url, port, queue)
    say(f"Preparing {subscribers:,} subscribers and a statement ({database_url.split(':')[0]}).")
    prepare(env, subscribers)

    log = open(TMP_DIR / "alerts-worker.log", "wb")  # noqa: SIM115
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # RQ forks a scheduler: stopped with the whole group
    )
    started = time.monotonic()
    peak_sampled = 0.0
    try:
        while sink.count < subscribers:
            if worker.poll() is not None:
                sys.exit(f"The worker stopped; see {TMP_DIR / 'alerts-worker.log'}")
            if time.monotonic() - started > 900:
                sys.exit(f"Only {sink.count:,} of {subscribers:,} mails in 15 minutes.")
            peak_sampled = max(peak_sampled, memory_mb(worker.pid)[0])
            time.sleep(0.2)
        time.sleep(2)  # anything more would be a repeat
        current, peak = memory_mb(worker.pid)
    finally:
        try:
            os.killpg(worker.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        worker.wait(30)
        controller.stop()
        log.close()

    seconds = sink.last - sink.first
    rate = (sink.count - 1) / seconds if seconds else float("inf")
    repeated = sink.count - len(sink.recipients)
    scheme = database_url.split(":")[0]
    title = SECTION.format(queue=queue, database=DATABASE_TITLES.get(scheme, scheme))
    lines = [
        f"## {title}",
        "",
        f"Written by `make bench-alerts` (`python -m bench.alerts`) on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
        f"{os.cpu_count()} cores; queue: {queue}; database: {database_url.split(':')[0]}.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| subscribers | {subscribers:,} |",
        f"| mails accepted by the SMTP sink | {sink.count:,} ({repeated} repeated) |",
        f"| first to last mail | {seconds:.1f} s |",
        f"| mails per second (one worker process) | {rate:,.0f} |",
        f"| worker memory, resident at the end | {current:.0f} MB |",
        f"| worker memory, peak (VmHWM) | {max(peak, peak_sampled):.0f} MB |",
    ]
    text = "\n".join(lines) + "\n"
    say(text)
    from bench.report import replace_section

    existing = RESULTS_PATH.read_text() if RESULTS_PATH.exists() else ""
    RESULTS_PATH.write_text(
        replace_section(
            existing,
            SECTION.format(
                queue=queue,
                database=DATABASE_TITLES.get(
                    database_url.split(":")[0], database_url.split(":")[0]
                ),
            ),
            text,
        )
    )
    if sink.count != subscribers or repeated:
        sys.exit("Not every subscriber got exactly one mail.")


if __name__ == "__main__":
    main()
