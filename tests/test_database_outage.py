"""A database outage under a running portal, end to end.

The test runs its own PostgreSQL cluster (initdb in a temporary folder, a free
port), serves the portal from it with gunicorn (2 workers, production settings,
started through the Docker entrypoint as tests/test_deployment.py does), stops
the cluster under the running server and starts it again:

- before: pages answer 200;
- during: pages answer 503 with the friendly page in the visitor's language
  and Retry-After, /healthz answers 503, static files are still served;
- after: pages answer 200 again within seconds, from the same worker processes.

Two quick tests first check the page itself without any server.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.db import IntegrityError, OperationalError
from django.utils import translation

from alliance_portal.web.middleware import DatabaseUnavailableMiddleware
from tests.e2e.browser import require
from tests.test_deployment import (
    REPO_ROOT,
    entrypoint_server,
    free_port,
    production_env,
    server_output,
    wait_for_healthz,
)
from tests.test_deployment import static_root as collected_static_root

# The static files, collected once for this module as the image build does.
static_root = collected_static_root

PAGE = "/{language}/alliances/deutsche-aluminium-allianz/"
UNCACHED_PAGE = "/{language}/alliances/thementisch-metall/"
RECOVERY_SECONDS = 15
# Enough requests to reach both workers (the kernel hands connections to whichever accepts).
REQUESTS_PER_CHECK = 6


def outage_answer(request, exception):
    return DatabaseUnavailableMiddleware(lambda request: None).process_exception(request, exception)


@pytest.mark.parametrize("language", ["de", "en"])
def test_outage_page_is_rendered_without_the_database(rf, language):
    """No `db` fixture: any query, even for a session, would fail this test."""
    request = rf.get(f"/{language}/news/", HTTP_COOKIE="__Host-sessionid=staff-session")
    with translation.override(language):
        response = outage_answer(request, OperationalError("connection refused"))
        expected = translation.gettext("The portal is briefly unavailable")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert expected in html
    assert f'href="/{language}/news/"' in html  # "try again" reloads the same page


def test_other_database_errors_are_not_hidden_behind_the_outage_page(rf):
    assert outage_answer(rf.get("/de/"), IntegrityError("duplicate key")) is None


def postgres_bin_dir():
    """The newest installed PostgreSQL server's bin folder (Debian layout), or None."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    return candidates[-1].parent if candidates else None


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary folder, on a free port.

    initdb and pg_ctl refuse to run as root, so as root they run as the
    `postgres` OS user, in a folder that user owns.
    """

    def __init__(self, bin_dir):
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="alliance-portal-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "postgres.log"
        self.port = free_port()
        self.as_user = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres", "postgres")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/portal"

    def run(self, program, *args):
        result = subprocess.run(
            [*self.as_user, str(self.bin_dir / program), *args],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, (
            f"{program} failed:\n{result.stdout}\n{result.stderr}\n{self.server_log()}"
        )

    def init(self):
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")

    def start(self):
        options = f"-p {self.port} -k {self.folder} -h 127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")

    def stop(self, mode="fast"):
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def create_database(self):
        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as db:
            db.execute("CREATE DATABASE portal")

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(AssertionError, subprocess.TimeoutExpired):
                self.stop(mode="immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def server_log(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@pytest.fixture
def cluster():
    bin_dir = postgres_bin_dir()
    require(
        bin_dir is not None and (bin_dir / "pg_ctl").exists(),
        "PostgreSQL server binaries (initdb, pg_ctl) are missing under /usr/lib/postgresql: "
        "install them with `apt-get install postgresql`.",
    )
    cluster = Cluster(bin_dir)
    try:
        cluster.init()
        cluster.start()
        cluster.create_database()
        yield cluster
    finally:
        cluster.remove()


def fetch(port, path):
    """(status, headers, body) of a GET as our TLS proxy would forward it."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Host": "localhost", "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read().decode()


def worker_pids(master_pid):
    """The PIDs of the gunicorn master's child processes (its workers)."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # "pid (comm) state ppid ...": comm may contain spaces, so split after ")".
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master_pid:
                children.add(int(stat.parent.name))
    return children


def wait_for_workers(process, count, log_path):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if len(pids := worker_pids(process.pid)) == count:
            return pids
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not run {count} workers:\n{server_output(log_path)}")


def translated(language, message):
    with translation.override(language):
        return translation.gettext(message)


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        check=False,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"manage.py {args} failed:\n{result.stdout}\n{result.stderr}"


def test_pages_answer_503_during_an_outage_and_recover_without_restarts(
    cluster, static_root, tmp_path
):
    port = free_port()
    env = production_env(
        DATABASE_URL=cluster.url,
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_BEHIND_TLS_PROXY="1",
        PORT=str(port),
        GUNICORN_WORKERS="2",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    log_path = tmp_path / "server.log"

    with entrypoint_server(env, log_path) as server:
        status, _, _ = wait_for_healthz(server, port, log_path)
        assert status == 200, server_output(log_path)
        workers_before = wait_for_workers(server, 2, log_path)
        for _ in range(REQUESTS_PER_CHECK):  # every worker now holds a connection
            status, _, body = fetch(port, PAGE.format(language="de"))
            assert status == 200, body
        assert "Deutsche Aluminium-Allianz" in body

        cluster.stop(mode="fast")

        # A page a worker has cached is still served from its cache; any
        # other answer for it must be the 503 page.
        for _ in range(REQUESTS_PER_CHECK):
            status, headers, body = fetch(port, PAGE.format(language="de"))
            if status == 200:
                assert headers["X-Cache"] == "hit"
                assert "Deutsche Aluminium-Allianz" in body
            else:
                assert status == 503, (status, body[:500], server_output(log_path))
        # Pages no worker has cached need the database: 503. (Another page: a
        # parameter the page does not declare would find the cached one.)
        for language in ("de", "en") * (REQUESTS_PER_CHECK // 2):
            path = UNCACHED_PAGE.format(language=language)
            status, headers, body = fetch(port, path)
            assert status == 503, (language, status, body[:500], server_output(log_path))
            assert headers["Retry-After"] == "30"
            assert "no-store" in headers["Cache-Control"]
            assert "default-src 'none'" in headers["Content-Security-Policy"]
            assert f'<html lang="{language}">' in body
            assert translated(language, "The portal is briefly unavailable") in body
        assert "The portal is briefly unavailable" in body  # the last one was English
        status, headers, body = fetch(port, "/healthz")
        assert (status, headers["Content-Type"]) == (503, "application/json"), body
        status, headers, _ = fetch(port, "/static/css/site.css")
        assert status == 200 and headers["X-Content-Type-Options"] == "nosniff"

        outage_ended = time.monotonic()
        cluster.start()
        while (status := fetch(port, PAGE.format(language="en"))[0]) != 200:
            waited = time.monotonic() - outage_ended
            assert waited < RECOVERY_SECONDS, f"still {status} after {waited:.1f} s"
            time.sleep(0.25)
        for _ in range(REQUESTS_PER_CHECK):
            assert fetch(port, PAGE.format(language="de"))[0] == 200
        assert fetch(port, "/healthz")[0] == 200

        assert worker_pids(server.pid) == workers_before, (
            f"a worker was restarted:\n{server_output(log_path)}"
        )
