"""The production start-up path, end to end: docker/entrypoint.sh, gunicorn.conf.py
and /healthz, run as real subprocesses with production settings (DJANGO_DEBUG=0).

No Docker engine is needed; the Dockerfile itself is only checked as text.
"""

import contextlib
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
ENTRYPOINT = REPO_ROOT / "docker" / "entrypoint.sh"
GUNICORN_COMMAND = [
    sys.executable,
    "-m",
    "gunicorn",
    "--config",
    "gunicorn.conf.py",
    "alliance_portal.wsgi:application",
]
STARTUP_SECONDS = 60


def production_env(**overrides):
    """The test process's environment without any portal or gunicorn settings
    (the test run may have DJANGO_DEBUG=1), as production would set them."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "GUNICORN_", "AWS_"))
        and name not in {"DATABASE_URL", "REDIS_URL", "PORT", "FORWARDED_ALLOW_IPS"}
    }
    python_bin = os.path.dirname(sys.executable)
    inherited["PATH"] = os.pathsep.join([python_bin, inherited.get("PATH", "")])
    env = {
        **inherited,
        "PYTHON": sys.executable,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "localhost",
    }
    env.update(overrides)
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Static files collected once, as the image build does; the manifest
    storage used with debug off needs them before the server starts."""
    root = tmp_path_factory.mktemp("staticfiles")
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        check=False,
        cwd=REPO_ROOT,
        env=production_env(DJANGO_STATIC_ROOT=str(root)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"collectstatic failed:\n{result.stdout}\n{result.stderr}"
    assert (root / "staticfiles.json").exists(), "collectstatic wrote no manifest"
    return root


@contextlib.contextmanager
def entrypoint_server(env, log_path):
    """Runs `docker/entrypoint.sh gunicorn ...` in its own process group,
    output to log_path, and always ends the whole group afterwards."""
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(ENTRYPOINT), *GUNICORN_COMMAND],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        stop_process_group(process)


def stop_process_group(process):
    for sig, grace in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def wait_for_healthz(process, port, log_path):
    """The first HTTP answer from /healthz, whatever its status, as
    (status, content type, body); fails with the server's output if the server
    exits or does not answer in time."""
    url = f"http://127.0.0.1:{port}/healthz"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}:\n{server_output(log_path)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers["Content-Type"], error.read()
        except OSError:  # not listening yet (URLError, connection reset, timeout)
            time.sleep(0.25)
    pytest.fail(f"no answer from {url} in {STARTUP_SECONDS} s:\n{server_output(log_path)}")


def server_output(log_path):
    return Path(log_path).read_text(errors="replace")


def test_entrypoint_migrates_and_gunicorn_answers_healthz(static_root, tmp_path):
    db_path = tmp_path / "db.sqlite3"
    port = free_port()
    env = production_env(
        DATABASE_URL=f"sqlite:///{db_path}",
        DJANGO_STATIC_ROOT=str(static_root),
        PORT=str(port),
        GUNICORN_WORKERS="1",
    )
    log_path = tmp_path / "server.log"

    with entrypoint_server(env, log_path) as process:
        status, content_type, body = wait_for_healthz(process, port, log_path)
        output = server_output(log_path)
        assert status == 200, f"/healthz answered {status} {body!r}:\n{output}"
        assert content_type == "application/json", output
        assert json.loads(body) == {"status": "ok", "database": "ok", "cache": "ok"}, output

        assert db_path.exists(), f"the entrypoint did not migrate:\n{output}"
        with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
            (applied,) = db.execute("SELECT COUNT(*) FROM django_migrations").fetchone()
        assert applied > 0, f"no migrations recorded:\n{output}"


def test_healthz_is_503_when_database_is_unreachable(static_root, tmp_path):
    # Nothing listens on this port. The server must still start (so the
    # entrypoint must not try to migrate) and report the database as down.
    port = free_port()
    env = production_env(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{free_port()}/nothing",
        DJANGO_MIGRATE_ON_START="0",
        DJANGO_STATIC_ROOT=str(static_root),
        PORT=str(port),
        GUNICORN_WORKERS="1",
    )
    log_path = tmp_path / "server.log"

    with entrypoint_server(env, log_path) as process:
        status, content_type, body = wait_for_healthz(process, port, log_path)
        output = server_output(log_path)
        assert status == 503, f"/healthz answered {status} {body!r}:\n{output}"
        assert content_type == "application/json", output
        assert json.loads(body)["status"] == "unavailable", output


def fetch(port, path):
    """(status, headers, body) of a GET as the site's own host name asks for it."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": "localhost"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def test_icon_and_admin_styles_are_served_from_the_manifest_storage(static_root, tmp_path):
    """Debug off, whitenoise's manifest storage: /favicon.ico answers, and the admin's
    pages link the icon and our stylesheet by their hashed names, which answer too; so
    do the web-app manifest's icons and /apple-touch-icon.png."""
    port = free_port()
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_SECURE_SSL_REDIRECT="0",
        PORT=str(port),
        GUNICORN_WORKERS="1",
    )
    log_path = tmp_path / "server.log"

    with entrypoint_server(env, log_path) as process:
        wait_for_healthz(process, port, log_path)
        status, headers, body = fetch(port, "/favicon.ico")
        assert status == 200, server_output(log_path)
        assert headers["Content-Type"] == "image/vnd.microsoft.icon"
        assert headers["Cache-Control"] == "public, max-age=604800"
        assert body == (REPO_ROOT / "alliance_portal/static/img/favicon.ico").read_bytes()

        status, _headers, body = fetch(port, "/admin/login/")
        assert status == 200, server_output(log_path)
        html = body.decode()
        assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in html
        hashed = {
            name: re.search(rf'href="(/static/{name}\.[0-9a-f]{{12}}\.{ext})"', html)
            for name, ext in (("img/favicon", "svg"), ("css/admin", "css"))
        }
        for name, match in hashed.items():
            assert match, f"no hashed {name} in the admin's login page"
            status, headers, _body = fetch(port, match.group(1))
            assert status == 200, (match.group(1), status)
            assert "immutable" in headers["Cache-Control"]

        # The manifest names its icons by their hashed names; the touch icon is at the root.
        status, headers, body = fetch(port, "/manifest.webmanifest")
        assert status == 200, server_output(log_path)
        assert headers["Content-Type"] == "application/manifest+json"
        icons = json.loads(body)["icons"]
        assert icons
        for icon in icons:
            assert re.fullmatch(r"/static/img/[a-z0-9-]+\.[0-9a-f]{12}\.png", icon["src"]), icon
            status, headers, _body = fetch(port, icon["src"])
            assert (status, headers["Content-Type"]) == (200, "image/png"), icon["src"]
            assert "immutable" in headers["Cache-Control"]
        status, headers, body = fetch(port, "/apple-touch-icon.png")
        assert (status, headers["Content-Type"]) == (200, "image/png")
        assert body == (REPO_ROOT / "alliance_portal/static/img/apple-touch-icon.png").read_bytes()


def dockerfile_instructions():
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = (REPO_ROOT / "Dockerfile").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        keyword, _, arguments = line.strip().partition(" ")
        if keyword:
            instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def test_dockerfile_promises():
    instructions = dockerfile_instructions()

    def first_index(keyword, needle):
        return next(
            i for i, (kw, args) in enumerate(instructions) if kw == keyword and needle in args
        )

    users = [args for keyword, args in instructions if keyword == "USER"]
    assert users and users[-1] not in {"root", "0"}, "the server must not run as root"
    assert any(kw == "HEALTHCHECK" and "/healthz" in args for kw, args in instructions)
    assert (
        first_index("COPY", "requirements.txt")
        < first_index("RUN", "pip install")
        < first_index("COPY", ". .")
        < first_index("RUN", "collectstatic --noinput")
    ), "requirements must be installed before the code is copied in"
    assert not any(
        kw in {"ENV", "ARG"} and "DJANGO_SECRET_KEY" in args for kw, args in instructions
    ), "the build-time secret key must not be baked into the image"


def test_check_refuses_to_run_without_secret_key_when_debug_is_off():
    env = production_env(DJANGO_DEBUG="0")
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        check=False,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0, result.stdout
    assert "DJANGO_SECRET_KEY is not set" in result.stderr, result.stderr
