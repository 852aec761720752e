"""Gzip for visitors (web/middleware.py, PublicGZipMiddleware): pages, feeds and the
manifest compressed, from the page cache too, with ETags and 304s that still work; PDFs,
the admin and staff's requests not."""

import gzip

import pytest
from django.core.cache import caches

pytestmark = pytest.mark.django_db

HOME = "/de/"
STATEMENT = "/de/press/aluminiumbuendnis-nrw-gemeinsame-erklaerung/"
GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    for alias in ("default", "coordination"):
        caches[alias].clear()


@pytest.mark.parametrize(
    "path",
    [
        HOME,
        STATEMENT,
        "/de/alliances/deutsche-aluminium-allianz/",
        "/de/feeds/press/",
        "/sitemap.xml",
    ],
)
def test_visitors_get_pages_and_feeds_gzipped(client, demo_content, path):
    plain = client.get(path)
    compressed = client.get(path, headers=GZIP)
    assert compressed.status_code == 200
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content)
    assert "Content-Encoding" not in plain


def test_cached_pages_are_gzipped_and_answer_304_to_their_weak_etag(
    client, demo_content, page_cache_on
):
    first = client.get(HOME, headers=GZIP)
    cached = client.get(HOME, headers=GZIP)
    assert cached["X-Cache"] == "hit"
    assert cached["Content-Encoding"] == "gzip"
    assert gzip.decompress(cached.content) == gzip.decompress(first.content)
    # Weak, and the same each time although each gzip stream is padded at random.
    assert cached["ETag"].startswith('W/"')
    assert cached["ETag"] == first["ETag"]
    again = client.get(HOME, headers={**GZIP, "If-None-Match": cached["ETag"]})
    assert again.status_code == 304
    # A plain request for the page has the strong ETag, which matches it as well.
    plain = client.get(HOME)
    assert plain["ETag"] == cached["ETag"].removeprefix("W/")


def test_pdfs_are_not_compressed_again(client, demo_content):
    response = client.get(f"{STATEMENT}pdf/", headers=GZIP)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Encoding" not in response


def test_the_admin_and_staff_get_nothing_compressed(client, admin_client, demo_content):
    login = client.get("/admin/login/", headers=GZIP)
    assert login.status_code == 200
    assert "Content-Encoding" not in login
    assert "Content-Encoding" not in admin_client.get("/admin/", headers=GZIP)
    assert "Content-Encoding" not in admin_client.get(HOME, headers=GZIP)


def test_the_manifest_is_compressed(client, db):
    response = client.get("/manifest.webmanifest", headers=GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert response["Content-Type"] == "application/manifest+json"
