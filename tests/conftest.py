from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
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


@pytest.fixture
def demo_content(db):
    """The demo content, loaded as `make run` loads it; returns the command's output."""
    output = StringIO()
    call_command("load_demo_content", stdout=output)
    return output.getvalue()


@pytest.fixture(autouse=True)
def no_scheduled_approvals_known():
    """Each test's database starts without scheduled approvals: say so to the shared cache,
    which outlives the test's rolled-back data (review.DueChangesMiddleware reads it)."""
    from django.core.cache import caches

    from alliance_portal.publishing.review import NEXT_GO_LIVE_KEY

    caches["coordination"].set(NEXT_GO_LIVE_KEY, 0, timeout=None)
