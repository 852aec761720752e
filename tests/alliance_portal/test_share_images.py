"""Sharing images: an alliance's at /<lang>/alliances/<slug>/share.png, the drawing
itself, the portal's default image, and the Open Graph and Twitter tags naming them."""

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from alliance_portal.models import Alliance
from alliance_portal.web import share_images
from alliance_portal.web.share_images import ShareCard, fit, measure, render
from tests.factories import make_alliance
from tests.upload_files import image_bytes

pytestmark = pytest.mark.django_db

DEFAULT_IMAGE = (
    Path(django_settings.BASE_DIR) / "alliance_portal" / "static" / "img" / "share-default.png"
)
COMPOUND = "Aluminiumhalbzeugherstellungsunternehmensinteressenvertretungsverbände"  # 71


def open_png(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def meta(html, attribute, name):
    """The content of <meta {attribute}="{name}" content="…">, or None."""
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return found and found.group(1)


@pytest.fixture
def drawings(monkeypatch):
    """Counts the images drawn (not served from the cache)."""
    drawn = []

    def counting_render(card):
        drawn.append(card)
        return render(card)

    monkeypatch.setattr(share_images, "render", counting_render)
    caches["default"].clear()
    return drawn


# --- The drawing --------------------------------------------------------------------


def test_image_is_a_1200_by_630_png_with_the_brand_band():
    image = open_png(render(ShareCard(title="Titel", band_text="Allianz", colour="#a11d21")))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert image.convert("RGB").getpixel((600, 5)) == (0xA1, 0x1D, 0x21)
    assert image.convert("RGB").getpixel((600, 400)) == (255, 255, 255)


def test_a_german_compound_is_broken_within_the_line():
    width = 1000
    size, lines = fit(f"Die {COMPOUND} fordern", sizes=[120], weight=700, width=width, max_lines=9)
    assert len(lines) > 2
    assert all(measure(line, size, 700) <= width for line in lines)
    assert any(line.endswith("-") for line in lines)
    assert "".join(line.rstrip("-") for line in lines).replace(" ", "") == (f"Die{COMPOUND}fordern")


def test_words_break_after_their_own_hyphens_first():
    width = measure("Deutsche Aluminium-", 80, 700) + 10
    size, lines = fit(
        "Deutsche Aluminium-Allianz", sizes=[80], weight=700, width=width, max_lines=3
    )
    assert lines == ["Deutsche Aluminium-", "Allianz"]


def test_text_too_long_ends_in_an_ellipsis_within_its_lines():
    text = " ".join([COMPOUND] * 12)
    size, lines = fit(text, sizes=[60, 40], weight=700, width=800, max_lines=3)
    assert size == 40 and len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(measure(line, size, 700) <= 800 for line in lines)


def test_long_title_and_summary_are_drawn(client):
    card = ShareCard(
        title=" ".join([COMPOUND] * 4),
        band_text=COMPOUND,
        summary=" ".join(["Ein langer Satz über Aluminium."] * 30),
        heading="Pressemitteilung · 1. Januar 2025",
        logo=image_bytes((300, 120), mode="RGBA"),
    )
    assert open_png(render(card)).size == (1200, 630)


def test_characters_beyond_latin_1_are_drawn_from_the_latin_extended_font():
    (latin, extended) = share_images.fonts(40, 700)
    runs = share_images.runs("Łódź", 40, 700)
    assert runs[0][1] is extended
    assert share_images.runs("Köln", 40, 700) == [("Köln", latin)]


def test_default_image_is_committed_and_1200_by_630():
    image = open_png(DEFAULT_IMAGE.read_bytes())
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_default_image_command_draws_it(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    target = tmp_path / "share.png"
    call_command("make_default_share_image", output=target, stdout=StringIO())
    assert open_png(target.read_bytes()).size == (1200, 630)


# --- The alliance's image -------------------------------------------------------------


def test_alliance_image_is_a_png_per_language(client, drawings):
    alliance = make_alliance(slug="blau", brand_colour="#0b3d91", logo_alt_de="Logo")
    alliance.logo.save("logo.png", ContentFile(image_bytes((200, 200))), save=True)
    german = client.get("/de/alliances/blau/share.png")
    english = client.get("/en/alliances/blau/share.png")
    for response in (german, english):
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert open_png(response.content).size == (1200, 630)
    assert german.content != english.content
    assert [card.title for card in drawings] == [alliance.name_de, alliance.name_en]
    assert drawings[0].colour == "#0b3d91"
    assert drawings[0].logo is not None
    assert drawings[0].summary == alliance.summary_de


def test_alliance_image_is_drawn_once_per_version(client, drawings, django_assert_num_queries):
    alliance = make_alliance(slug="blau")
    first = client.get("/de/alliances/blau/share.png").content
    with django_assert_num_queries(1):  # the alliance; the image comes from the cache
        second = client.get("/de/alliances/blau/share.png").content
    assert second == first
    assert len(drawings) == 1
    alliance.brand_colour = "#a11d21"
    alliance.save()
    third = client.get("/de/alliances/blau/share.png").content
    assert len(drawings) == 2
    assert third != first


@pytest.mark.parametrize(
    "state",
    [
        {"status": Alliance.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=1)},
        {"unpublish_at": timezone.now() - timedelta(days=1)},
    ],
)
def test_alliance_image_is_404_where_its_page_is(client, admin_client, state):
    make_alliance(slug="geheim", **state)
    assert client.get("/de/alliances/geheim/").status_code == 404
    assert client.get("/de/alliances/geheim/share.png").status_code == 404
    preview = admin_client.get("/de/alliances/geheim/share.png")
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"]


def test_alliance_image_follows_a_changed_slug(client):
    alliance = make_alliance(slug="alt")
    alliance.slug = "neu"
    alliance.save()
    response = client.get("/de/alliances/alt/share.png")
    assert response.status_code == 301
    assert response["Location"] == "/de/alliances/neu/share.png"


# --- The tags -------------------------------------------------------------------------


def test_alliance_page_names_its_image_absolutely_on_the_site_address(client, settings):
    settings.SITE_URL = "https://alliances.example.org"
    settings.ALLOWED_HOSTS = ["alliances.example.org", "testserver"]
    make_alliance(slug="blau", name_en="Blue Alliance", summary_en="Blue things.")
    response = client.get("/en/alliances/blau/")
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    image = "https://alliances.example.org/en/alliances/blau/share.png"
    assert meta(html, "property", "og:image") == image
    assert meta(html, "name", "twitter:image") == image
    assert meta(html, "property", "og:image:width") == "1200"
    assert meta(html, "property", "og:image:height") == "630"
    assert meta(html, "property", "og:image:alt") == "Blue Alliance on Alliance Portal"
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "name", "twitter:title") == "Blue Alliance"
    assert meta(html, "property", "og:title") == "Blue Alliance"
    assert meta(html, "name", "twitter:description") == "Blue things."


def test_every_page_has_the_default_image_unless_it_has_its_own(client):
    for url in ("/de/", "/en/alliances/", "/de/news/", "/de/press/", "/de/search/?q=Alu"):
        html = client.get(url).content.decode()
        assert meta(html, "property", "og:image") == (
            "http://testserver/static/img/share-default.png"
        ), url
        assert meta(html, "name", "twitter:card") == "summary_large_image", url
        assert meta(html, "name", "twitter:title"), url
        assert meta(html, "name", "twitter:description"), url
        assert meta(html, "name", "twitter:image") == meta(html, "property", "og:image"), url


def test_draft_preview_names_no_image_of_its_own(admin_client):
    make_alliance(slug="geheim", status=Alliance.Status.DRAFT)
    html = admin_client.get("/de/alliances/geheim/").content.decode()
    assert meta(html, "property", "og:image").endswith("/static/img/share-default.png")


def test_title_with_quotes_is_escaped_once(client):
    make_alliance(slug="zitat", name_de='Die „gute“ <Allianz> & "Partner"')
    html = client.get("/de/alliances/zitat/").content.decode()
    assert (
        '<meta name="twitter:title" content="Die „gute“ &lt;Allianz&gt; &amp; &quot;Partner&quot;">'
    ) in html
