"""The API and the full download are doors like every other: drafts, embargoed and
unpublished items are not in any list, their details are 404, and nothing of them is
in the ZIP — until their release time, when they appear by themselves."""

import io
import zipfile
from datetime import timedelta

import time_machine
from django.utils import timezone

from alliance_portal.models import Alliance
from members.models import Membership
from statements.models import PressStatement
from tests.factories import make_statement
from tests.test_public_pages import hidden_content

LISTS = ["alliances", "organisations", "memberships", "statements", "news", "key-figures"]


def everything_public(client, lang):
    """Every list of the API, all pages, as one text."""
    texts = []
    for name in LISTS:
        url = f"/api/v1/{name}/?lang={lang}&limit=200"
        while url:
            response = client.get(url)
            assert response.status_code == 200, url
            texts.append(response.content.decode())
            url = response.json()["next"]
    return "".join(texts)


def zip_text(client):
    response = client.get("/api/v1/download.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())


def test_drafts_and_embargoed_items_are_in_no_list_detail_or_download(client, demo_content):
    hidden = hidden_content()
    # An unpublished item too: it was public and is no longer.
    expired = make_statement(
        headline_de="Geheim: zurückgezogen",
        alliance=Alliance.objects.get(slug="deutsche-aluminium-allianz"),
        published_at=timezone.now() - timedelta(days=2),
        unpublish_at=timezone.now() - timedelta(days=1),
    )
    for lang in ("de", "en"):
        assert "Geheim" not in everything_public(client, lang)
    assert "Geheim" not in zip_text(client)
    kinds = {
        "Alliance": "alliances",
        "Organisation": "organisations",
        "PressStatement": "statements",
        "NewsItem": "news",
    }
    for item in [*hidden, expired]:
        url = f"/api/v1/{kinds[type(item).__name__]}/{item.slug}/"
        assert client.get(url).status_code == 404, url
    # Memberships of a hidden alliance or organisation are hidden with it.
    hidden_ids = {
        f"membership-{m.pk}" for m in Membership.objects.filter(alliance__name_de="Geheimallianz")
    }
    assert hidden_ids and not hidden_ids & set(everything_public(client, "de").split('"'))


def test_an_embargoed_statement_appears_in_api_and_download_at_its_release_time(
    client, demo_content
):
    release = timezone.now() + timedelta(hours=3)
    statement = make_statement(
        headline_de="Sperrfrist: Recyclingquote steigt auf 87,5 Prozent",
        alliance=Alliance.objects.get(slug="deutsche-aluminium-allianz"),
        published_at=release,
    )
    assert statement.status == PressStatement.Status.PUBLISHED
    assert "Sperrfrist" not in everything_public(client, "de")
    assert "Sperrfrist" not in zip_text(client)
    with time_machine.travel(release + timedelta(seconds=1)):
        assert "Sperrfrist: Recyclingquote steigt auf 87,5 Prozent" in everything_public(
            client, "de"
        )
        assert client.get(f"/api/v1/statements/{statement.slug}/").status_code == 200
        assert "Sperrfrist: Recyclingquote steigt auf 87,5 Prozent" in zip_text(client)
