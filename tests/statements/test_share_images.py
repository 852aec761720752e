"""A statement's sharing image at /<lang>/press/<slug>/share.png: public exactly when its
page is, drawn once per version, named by the page's Open Graph and Twitter tags."""

import io
import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from alliance_portal.web import share_images
from statements.models import PressStatement, PreviewLink
from tests.factories import make_alliance, make_statement
from tests.upload_files import image_bytes

pytestmark = pytest.mark.django_db


def open_png(data):
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return found and found.group(1)


@pytest.fixture
def drawings(monkeypatch):
    """The cards drawn (not served from the cache)."""
    drawn = []
    render = share_images.render

    def counting_render(card):
        drawn.append(card)
        return render(card)

    monkeypatch.setattr(share_images, "render", counting_render)
    caches["default"].clear()
    return drawn


@pytest.fixture
def statement():
    alliance = make_alliance(
        slug="nrw",
        name_de="Aluminiumbündnis NRW",
        name_en="NRW Aluminium Alliance",
        brand_colour="#a11d21",
        logo_alt_de="Logo",
    )
    alliance.logo.save("nrw.png", ContentFile(image_bytes((240, 240))), save=True)
    return make_statement(
        alliance=alliance,
        slug="erklaerung",
        headline_de="Gemeinsam für eine starke Aluminiumindustrie",
        headline_en="Together for a strong aluminium industry",
        published_at=timezone.now() - timedelta(days=1),
    )


def test_statement_image_is_a_1200_by_630_png_per_language(client, statement, drawings):
    german = client.get("/de/press/erklaerung/share.png")
    english = client.get("/en/press/erklaerung/share.png")
    for response in (german, english):
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        image = open_png(response.content)
        assert (image.format, image.size) == ("PNG", (1200, 630))
        # The band in the issuing alliance's colour.
        assert image.convert("RGB").getpixel((1100, 8)) == (0xA1, 0x1D, 0x21)
    german_card, english_card = drawings
    assert german_card.title == "Gemeinsam für eine starke Aluminiumindustrie"
    assert english_card.title == "Together for a strong aluminium industry"
    assert german_card.band_text == "Aluminiumbündnis NRW"
    assert english_card.band_text == "NRW Aluminium Alliance"
    assert english_card.heading.startswith("Press statement · ")
    assert german_card.logo is not None


def test_statement_image_is_drawn_once_per_version(
    client, statement, drawings, django_assert_num_queries
):
    first = client.get("/de/press/erklaerung/share.png").content
    with django_assert_num_queries(1):  # the statement with its alliance
        second = client.get("/de/press/erklaerung/share.png").content
    assert second == first and len(drawings) == 1
    # A new colour of the issuing alliance is a new version of the image.
    alliance = statement.alliance
    alliance.brand_colour = "#0b3d91"
    alliance.save()
    assert client.get("/de/press/erklaerung/share.png").content != first
    statement.headline_de = "Neue Überschrift"
    statement.save()
    client.get("/de/press/erklaerung/share.png")
    assert [card.title for card in drawings][-1] == "Neue Überschrift"
    assert len(drawings) == 3


def test_embargoed_and_draft_statements_have_no_public_image(client, admin_client, statement):
    PressStatement.objects.filter(pk=statement.pk).update(
        published_at=timezone.now() + timedelta(hours=6)
    )
    assert client.get("/de/press/erklaerung/").status_code == 404
    assert client.get("/de/press/erklaerung/share.png").status_code == 404
    preview = admin_client.get("/de/press/erklaerung/share.png")
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"]
    assert preview["X-Robots-Tag"] == "noindex, nofollow"
    PressStatement.objects.filter(pk=statement.pk).update(
        published_at=timezone.now() - timedelta(hours=1), status="draft"
    )
    assert client.get("/de/press/erklaerung/share.png").status_code == 404
    assert client.get("/de/press/gibt-es-nicht/share.png").status_code == 404


def test_statement_page_names_its_image_with_an_absolute_address(client, statement):
    html = client.get("/en/press/erklaerung/").content.decode()
    image = "http://testserver/en/press/erklaerung/share.png"
    assert meta(html, "property", "og:image") == image
    assert meta(html, "name", "twitter:image") == image
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "name", "twitter:title") == "Together for a strong aluminium industry"
    assert meta(html, "property", "og:image:alt") == (
        "“Together for a strong aluminium industry”: press statement by "
        "NRW Aluminium Alliance on Alliance Portal"
    )
    assert open_png(client.get(image).content).size == (1200, 630)


def test_journalist_preview_of_an_embargoed_statement_names_the_default_image(
    client, statement, admin_user
):
    PressStatement.objects.filter(pk=statement.pk).update(
        published_at=timezone.now() + timedelta(hours=6)
    )
    link = PreviewLink.objects.create(
        statement=statement,
        recipient="Redaktion",
        created_by=admin_user,
        expires_at=timezone.now() + timedelta(days=1),
    )
    html = client.get(link.get_absolute_url()).content.decode()
    assert meta(html, "property", "og:image").endswith("/static/img/share-default.png")
    assert "/share.png" not in html
