"""A lost cache degrades the portal, it never breaks a page.

In-process tests point the caches at a closed port; the end-to-end test runs the
portal under gunicorn (production settings, through the Docker entrypoint) with
`REDIS_URL` pointing at a closed port, and reads every public page, the PDF and the
press kit, then the server's log.
"""

import io
import json
import logging
import subprocess
import sys
import urllib.request
import zipfile

import pytest
from django.core.cache import caches

from alliance_portal.publishing import cache_outage
from tests.test_deployment import (
    REPO_ROOT,
    entrypoint_server,
    free_port,
    production_env,
    server_output,
    wait_for_healthz,
)
from tests.test_deployment import static_root as collected_static_root

static_root = collected_static_root

NRW = "aluminiumbuendnis-nrw"
STATEMENT = "/{lang}/press/aluminiumbuendnis-nrw-gemeinsame-erklaerung/"
PUBLIC_PAGES = [
    "/{lang}/",
    "/{lang}/alliances/",
    f"/{{lang}}/alliances/{NRW}/",
    f"/{{lang}}/alliances/{NRW}/key-figures.csv",
    "/{lang}/organisations/",
    "/{lang}/organisations/ig-metall/",
    "/{lang}/news/",
    "/{lang}/news/?year=2024",
    "/{lang}/news/alfed-gruendet-uk-aluminium-alliance/",
    "/{lang}/press/",
    STATEMENT,
    STATEMENT + "pdf/",
    STATEMENT + "press-kit.zip",
    "/{lang}/search/?q=Aluminium",
    "/{lang}/feeds/press/",
    f"/{{lang}}/feeds/{NRW}/news/atom/",
]
UNREACHABLE = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
}


@pytest.fixture
def lost_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = {"default": UNREACHABLE, "coordination": UNREACHABLE}
    yield
    for alias in ("default", "coordination"):
        caches[alias].close()


def test_pages_and_the_pdf_answer_without_the_cache_and_say_so_once(
    client, demo_content, lost_cache, caplog
):
    caplog.set_level(logging.WARNING)
    for path in (STATEMENT, STATEMENT + "pdf/", "/de/news/", STATEMENT + "pdf/", STATEMENT):
        response = client.get(path.format(lang="de"))
        assert response.status_code == 200, path
        assert "X-Cache" not in response, path  # neither served from nor kept in a cache
    health = client.get("/healthz")
    assert health.status_code == 200
    assert json.loads(health.content) == {
        "status": "degraded",
        "database": "ok",
        "cache": "degraded",
    }
    outage = [r for r in caplog.records if r.name == cache_outage.__name__]
    assert len(outage) == 1
    assert "Cache unreachable (ConnectionError" in outage[0].getMessage()
    assert not any(record.exc_info for record in caplog.records)


def test_an_edit_saves_while_the_cache_is_lost(demo_content, lost_cache):
    from alliance_portal.models import Goal

    goal = Goal.objects.first()
    goal.title_de = "Neu formuliert"
    goal.save()  # ends the content generation: guarded, so the save goes through
    goal.refresh_from_db()
    assert goal.title_de == "Neu formuliert"


def get(port, path):
    """(status, content type, body) of a GET to the server."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers["Content-Type"], error.read()


def test_the_portal_under_gunicorn_with_redis_on_a_closed_port(static_root, tmp_path):
    port = free_port()
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
        PORT=str(port),
        GUNICORN_WORKERS="1",
    )
    for command in (["migrate", "--noinput"], ["load_demo_content"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            check=True,
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            timeout=300,
        )
    log_path = tmp_path / "server.log"

    with entrypoint_server({**env, "DJANGO_MIGRATE_ON_START": "0"}, log_path) as process:
        status, _type, body = wait_for_healthz(process, port, log_path)
        assert status == 200, server_output(log_path)
        assert json.loads(body)["cache"] == "degraded"
        for lang in ("de", "en"):
            for page in PUBLIC_PAGES:
                path = page.format(lang=lang)
                status, content_type, body = get(port, path)
                assert status == 200, (path, status, server_output(log_path)[-3000:])
                if path.endswith("pdf/"):
                    assert content_type == "application/pdf" and body.startswith(b"%PDF")
                if path.endswith(".zip"):
                    assert "manifest.json" in zipfile.ZipFile(io.BytesIO(body)).namelist()

    output = server_output(log_path)
    assert "Traceback" not in output, output[-5000:]
    # One short warning for the one worker, however many requests it answered.
    assert output.count("Cache unreachable") == 1, output[-5000:]
