"""Security headers on every kind of response, and public pages that need no
exception from the Content-Security-Policy (no script, no inline style)."""

import re

import pytest

from alliance_portal.settings import media_origins
from tests.pages import PUBLIC_PAGES

STATEMENT = "/de/press/aluminiumbuendnis-nrw-gemeinsame-erklaerung/"
OTHER_RESPONSES = [
    "/de/feeds/news/",
    "/en/feeds/press/atom/",
    f"{STATEMENT}pdf/",
    "/healthz",
    "/admin/login/",
    "/de/alliances/gibt-es-nicht/",  # the 404 page
]
HSTS = "max-age=31536000; includeSubDomains; preload"


def directives(response):
    """The Content-Security-Policy as {directive: [values]}."""
    policy = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize("path", PUBLIC_PAGES + OTHER_RESPONSES)
def test_every_response_carries_the_security_headers(client, demo_content, path):
    response = client.get(path, secure=True)
    assert response.status_code in (200, 404), (path, response.status_code)

    policy = directives(response)
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] in (["'none'"], ["'self'"])  # 'self' only for a PDF
    assert policy["default-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert "form-action" in policy
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Strict-Transport-Security"] == HSTS


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_allow_no_script_and_no_inline_style(client, demo_content, path):
    policy = directives(client.get(path))
    assert policy["script-src"] == ["'none'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_contain_no_script_and_no_style_attribute(client, demo_content, path):
    """What the policy forbids is not in the pages either, so nothing is blocked."""
    html = client.get(path).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert all('type="application/ld+json"' in tag for tag in scripts), scripts
    assert not re.search(r"<[^>]+\sstyle=", html)
    assert not re.search(r"<[^>]+\son[a-z]+=", html)  # no event-handler attributes
    assert "<style" not in html


def test_admin_policy_runs_only_our_own_scripts(admin_client, demo_content):
    policy = directives(admin_client.get("/admin/alliance_portal/alliance/"))
    assert policy["script-src"] == ["'self'"]  # a nonce only when a template uses one
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_pdf_policy_allows_the_browser_viewer_and_nothing_else(client, demo_content):
    response = client.get(f"{STATEMENT}pdf/")
    assert response.headers["Content-Type"] == "application/pdf"
    policy = directives(response)
    assert policy["object-src"] == ["'self'"]
    assert "script-src" not in policy  # falls back to default-src 'none'


@pytest.mark.parametrize(
    ("media_url", "bucket", "options", "origins"),
    [
        ("/media/", "", None, []),
        ("https://media.example.org/uploads/", "", None, ["https://media.example.org"]),
        ("/media/", "portal", {"custom_domain": "cdn.example.org"}, ["https://cdn.example.org"]),
        (
            "/media/",
            "portal",
            {"endpoint_url": "https://s3.example.org:9000"},
            ["https://s3.example.org:9000"],
        ),
        (
            "/media/",
            "portal",
            {"region_name": "eu-central-1"},
            ["https://portal.s3.eu-central-1.amazonaws.com"],
        ),
    ],
)
def test_images_may_come_from_the_media_host(media_url, bucket, options, origins):
    assert media_origins(media_url, bucket, options) == origins
