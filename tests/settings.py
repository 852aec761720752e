"""Settings for the test suite: the real settings module, read in a test environment.

Tests run with DEBUG off, as production does. Only what a test machine cannot
have is changed: plain HTTP, no collected static files, a throwaway media folder.
"""

import os
import tempfile

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "tests-only-secret-key-not-for-any-deployment-0123456789"
)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

from alliance_portal.settings import *  # noqa: E402, F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="alliance-portal-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="alliance-portal-test-static-")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tests measure the views: the page cache is off unless a test turns it on
# (tests/alliance_portal/test_page_cache.py). Workers of this run share a
# coordination cache of their own.
PAGE_CACHE_SECONDS = 0
CACHES = {
    **CACHES,  # noqa: F405
    "coordination": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": tempfile.mkdtemp(prefix="alliance-portal-test-cache-"),
    },
}

# The test database is a file, not memory: tests that start a real worker process
# (tests/alerts) let it read what they wrote.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.mkdtemp(prefix="alliance-portal-test-db-"), "test.sqlite3")
    }
