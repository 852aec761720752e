"""The Apple touch icon, the manifest's icons and /manifest.webmanifest: each address
answers with the right type, each PNG has its size, and pages link them."""

import json
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from PIL import Image

from alliance_portal.web import icons
from tests.test_security_headers import directives

BLUE = (0x0B, 0x5C, 0xAD)


def png(content):
    image = Image.open(BytesIO(content))
    assert image.format == "PNG"
    return image


@pytest.mark.parametrize("path", ["/apple-touch-icon.png", "/apple-touch-icon-precomposed.png"])
def test_apple_touch_icon_at_the_root_is_opaque_180_px_kept_for_a_week(client, db, settings, path):
    settings.PAGE_CACHE_SECONDS = 600  # the page cache must not make it max-age=0
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=604800"
    image = png(response.content)
    assert image.size == (180, 180)
    # Opaque (iOS shows transparency as black), the portal's blue to the corners,
    # white letters in the middle: img/favicon.svg's design.
    assert image.mode == "RGB"
    assert image.getpixel((0, 0)) == BLUE
    assert image.getpixel((179, 179)) == BLUE
    assert max(image.getpixel((x, 90)) for x in range(180)) > (0xF0, 0xF0, 0xF0)
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405


def test_manifest_is_json_naming_the_site_and_its_icons(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 600
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    assert response["Cache-Control"] == "public, max-age=3600"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Alliance Portal"
    assert 0 < len(manifest["short_name"]) <= 12  # what a home screen shows uncut
    assert manifest["start_url"] == "/"
    assert manifest["display"] in ("browser", "standalone")
    assert manifest["theme_color"] == icons.THEME_COLOR_LIGHT
    assert manifest["background_color"] == "#ffffff"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    assert client.post("/manifest.webmanifest").status_code == 405


def test_the_start_url_leads_to_a_page(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 302
    assert response["Location"] == "/de/"


def static_file(url):
    """The source file a static URL names (the test settings serve none: with the
    manifest storage, tests/test_deployment.py fetches them from gunicorn)."""
    assert url.startswith(django_settings.STATIC_URL), url
    found = finders.find(url.removeprefix(django_settings.STATIC_URL))
    assert found, f"{url} names no static file"
    return Path(found)


def test_every_icon_the_manifest_names_is_a_png_of_its_size(client, db):
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png"
        width, height = map(int, icon["sizes"].split("x"))
        image = png(static_file(icon["src"]).read_bytes())
        assert image.size == (width, height), icon["src"]
        # Opaque for a mask to cut out of; a rounded square on transparency otherwise.
        corner = image.convert("RGBA").getpixel((0, 0))
        assert corner[3] == (255 if icon["purpose"] == "maskable" else 0), icon["src"]
        centre_row = [image.convert("RGB").getpixel((x, height // 2)) for x in range(width)]
        assert BLUE in centre_row and max(centre_row) > (0xF0, 0xF0, 0xF0), icon["src"]


def test_committed_pngs_have_the_sizes_the_icon_list_names():
    for icon in icons.ICONS:
        with Image.open(finders.find(icon.path)) as image:
            assert image.format == "PNG"
            assert image.size == (icon.size, icon.size), icon.path


def test_pages_link_the_touch_icon_the_manifest_and_theme_colours(client, db):
    html = client.get("/de/").content.decode()
    assert f'<link rel="apple-touch-icon" href="{static(icons.APPLE_TOUCH_ICON.path)}">' in html
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert (
        f'<meta name="theme-color" content="{icons.THEME_COLOR_LIGHT}" '
        'media="(prefers-color-scheme: light)">'
    ) in html
    assert (
        f'<meta name="theme-color" content="{icons.THEME_COLOR_DARK}" '
        'media="(prefers-color-scheme: dark)">'
    ) in html
    linked = static_file(static(icons.APPLE_TOUCH_ICON.path))
    assert png(linked.read_bytes()).size == (180, 180)


def test_public_pages_may_load_the_manifest_from_this_site_only(client, db):
    policy = directives(client.get("/de/"))
    assert policy["default-src"] == ["'none'"]
    assert policy["manifest-src"] == ["'self'"]
