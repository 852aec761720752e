import pytest
from django.conf import settings as django_settings
from django.utils import translation

from alliance_portal.publishing import cache_outage


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in German, the default, whatever language the last request used."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def cache_reachable():
    """Each test starts with the caches counted as reachable, whatever the last one broke."""
    cache_outage.reset()
    yield
    cache_outage.reset()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to real files, in a folder of each test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content's rows and files, loaded once for the session (tests/demo_snapshot.py)."""
    from tests.demo_snapshot import DemoSnapshot

    with django_db_blocker.unblock():
        snapshot = DemoSnapshot(tmp_path_factory.mktemp("demo-media")).take()
    yield snapshot
    if snapshot is not None:
        with django_db_blocker.unblock():
            snapshot.drop()


@pytest.fixture
def load_demo(demo_snapshot, media_root):
    """Loads the demo content into this test's database and media folder, as
    `make run` would (a copy of what the command wrote); returns the command's output."""
    from tests.demo_snapshot import load_demo_content

    def load():
        if demo_snapshot is not None and demo_snapshot.applies():
            return demo_snapshot.restore(media_root)
        return load_demo_content()

    return load


@pytest.fixture
def demo_content(db, load_demo):
    """The demo content, as `make run` loads it; returns the command's output."""
    return load_demo()


@pytest.fixture(autouse=True)
def no_scheduled_approvals_known():
    """Each test's database starts without scheduled approvals: say so to the shared cache,
    which outlives the test's rolled-back data (review.DueChangesMiddleware reads it)."""
    from django.core.cache import caches

    from alliance_portal.publishing.review import NEXT_GO_LIVE_KEY

    caches["coordination"].set(NEXT_GO_LIVE_KEY, 0, timeout=None)


@pytest.fixture
def smtp_server():
    """A real SMTP server on a free local port; see tests/mail_server.py."""
    from tests.mail_server import SMTPServer

    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp_settings(settings, smtp_server):
    """This process sends its mail to `smtp_server` too (not to Django's test outbox)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    return settings


@pytest.fixture
def start_worker(transactional_db, smtp_server, tmp_path):
    """Start `manage.py run_worker` processes on the test database; all stopped after."""
    from tests.mail_server import WorkerProcess

    workers = []

    def start(**extra_env):
        worker = WorkerProcess(
            smtp_server.port, tmp_path / f"worker-{len(workers)}.log", extra_env
        ).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()
