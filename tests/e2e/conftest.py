"""Fixtures for the end-to-end tests: Chromium driven by Playwright against `live_server`.

`live_server` runs the app in a thread against the test database, so every test here
is transactional: the database is emptied after each test and `site` loads the demo
content again. The demo logos go to the test's own MEDIA_ROOT (tests/conftest.py), and
the live server serves them: Django's LiveServerThread serves MEDIA_URL from
MEDIA_ROOT as well as the static files, whatever DEBUG says.
"""

import pytest

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for the whole package."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in the main thread, and
    # Django then refuses database access from it (SynchronousOnlyOperation): the
    # fixtures' own queries and flushes are ordinary sync code, so allow them while
    # the browser is up. Package scope ends it before the rest of the suite runs.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@pytest.fixture
def site(live_server, transactional_db, load_demo):
    """The live server's base URL, with the demo content loaded."""
    load_demo()
    return live_server.url


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


ROLE_MIGRATIONS = [
    ("alliance_portal", "0004_editor_and_publisher_roles"),
    ("members", "0004_editor_and_publisher_roles"),
    ("news", "0004_editor_and_publisher_roles"),
    ("statements", "0005_editor_and_publisher_roles"),
]


@pytest.fixture
def roles(transactional_db):
    """The Editor and Publisher groups, made again by the data migrations that made them:
    the flush after a transactional test removes them with all other rows."""
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    state_apps = MigrationLoader(connection).project_state().apps
    for app_label, name in ROLE_MIGRATIONS:
        importlib.import_module(f"{app_label}.migrations.{name}").grant(state_apps, None)
