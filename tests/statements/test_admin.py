"""The statement's admin page: preview links as full addresses, ready to copy."""

from datetime import timedelta

import pytest
from django.utils import timezone
from selectolax.lexbor import LexborHTMLParser

from statements.models import PreviewLink
from tests.admin_forms import admin_url
from tests.factories import make_alliance, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement():
    return make_statement(
        headline_de="Sperrfrist: Neues Werk",
        alliance=make_alliance(),
        published_at=timezone.now() + timedelta(hours=6),
    )


@pytest.fixture
def link(statement):
    return PreviewLink.objects.create(
        statement=statement,
        recipient="Redaktion Rheinische Post",
        expires_at=timezone.now() + timedelta(days=2),
    )


def preview_links(client, statement):
    """The preview link cells of the statement's change form."""
    response = client.get(admin_url(type(statement), "change", statement.pk))
    assert response.status_code == 200
    return response, LexborHTMLParser(response.content.decode()).css(".preview-link")


def test_preview_link_is_a_full_address_to_select_and_copy(admin_client, link):
    response, [cell] = preview_links(admin_client, link.statement)
    address = f"http://testserver/de/press/preview/{link.token}/"
    field = cell.css_first("input")
    assert field.attributes == {
        "type": "text",
        "class": "vTextField",
        "readonly": None,
        "value": address,
        "size": "70",
        "aria-label": "Vorschau-Link für Redaktion Rheinische Post",
    }
    # The copy button shows only where its script runs; the field works without it.
    button = cell.css_first("button")
    assert button.text() == "Kopieren"
    assert button.attributes["data-copied"] == "Kopiert."
    assert "hidden" in button.attributes
    opener = cell.css_first("a")
    assert (opener.attributes["href"], opener.text()) == (address, "Öffnen")
    script = LexborHTMLParser(response.content.decode()).css_first(
        'script[src="/static/js/copy-button.js"]'
    )
    assert script.attributes["type"] == "module"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_preview_link_stays_the_same_on_every_page_load(admin_client, link):
    values = [
        preview_links(admin_client, link.statement)[1][0].css_first("input").attributes["value"]
        for _ in range(2)
    ]
    assert values[0] == values[1]


def test_preview_link_names_the_configured_site_address(admin_client, link, settings):
    settings.SITE_URL = "https://alliances.example.org"
    _, [cell] = preview_links(admin_client, link.statement)
    assert cell.css_first("input").attributes["value"] == (
        f"https://alliances.example.org/de/press/preview/{link.token}/"
    )


def test_an_expired_or_revoked_link_has_no_address(admin_client, link):
    link.revoked_at = timezone.now()
    link.save()
    response, cells = preview_links(admin_client, link.statement)
    assert cells == []
    assert "abgelaufen oder widerrufen" in response.content.decode()
