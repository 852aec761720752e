"""The full download: every list in both languages as JSON and CSV, a README and the
licence, made once per content version; nothing unpublished in it."""

import csv
import io
import json
import zipfile

from django.core.files.storage import default_storage

from alliance_portal.models import Alliance
from alliance_portal.opendata import download


def fetch(client):
    response = client.get("/api/v1/download.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "alliance-portal-open-data.zip" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def stored_versions():
    try:
        return default_storage.listdir(download.FOLDER)[1]
    except FileNotFoundError:
        return []


def test_everything_in_both_languages_as_json_and_csv(client, demo_content):
    archive = fetch(client)
    names = set(archive.namelist())
    assert {"README.md", "LICENCE.txt"} <= names
    for lang in ("de", "en"):
        for resource in (
            "alliances",
            "organisations",
            "memberships",
            "statements",
            "news",
            "key-figures",
        ):
            assert f"{lang}/{resource}.json" in names
            assert f"{lang}/{resource}.csv" in names
        assert f"{lang}/statements-quotes.csv" in names
    english = json.loads(archive.read("en/alliances.json"))
    assert english["language"] == "en"
    assert "German Aluminium Alliance" in [a["name"] for a in english["items"]]
    # The same data as the API gives.
    api = client.get("/api/v1/alliances/?lang=en&limit=200").json()["items"]
    assert english["items"] == api
    quotes = list(
        csv.DictReader(io.StringIO(archive.read("de/statements-quotes.csv").decode("utf-8-sig")))
    )
    assert len(quotes) >= 6 and {"statement_id", "text", "speaker_name", "on_behalf_of_id"} <= set(
        quotes[0]
    )
    figures = list(
        csv.DictReader(io.StringIO(archive.read("de/key-figures.csv").decode("utf-8-sig")))
    )
    assert "22500000000" in [row["value"] for row in figures]
    readme = archive.read("README.md").decode()
    assert "Popolo" in readme and "CC BY 4.0" in readme
    assert "creativecommons.org/licenses/by/4.0" in archive.read("LICENCE.txt").decode()


def test_made_once_per_content_version(client, demo_content):
    fetch(client)
    assert len(stored_versions()) == 1
    fetch(client)
    assert len(stored_versions()) == 1, "a second download of the same version makes no new file"
    alliance = Alliance.objects.get(slug="deutsche-aluminium-allianz")
    alliance.name_de = "Deutsche Aluminium-Allianz (neu)"
    alliance.save()
    archive = fetch(client)
    assert len(stored_versions()) == 2
    german = json.loads(archive.read("de/alliances.json"))
    assert "Deutsche Aluminium-Allianz (neu)" in [a["name"] for a in german["items"]]
