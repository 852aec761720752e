"""Two staff with the same item open see each other (alliance_portal/publishing/presence.py)."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client, override_settings
from django.utils import timezone

from alliance_portal.publishing import presence
from statements.models import PressStatement
from tests.admin_forms import admin_form, admin_url, change_url
from tests.factories import make_statement
from tests.test_cache_outage import UNREACHABLE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nobody_present():
    """Presence from an earlier test (same ids, same shared cache) must not show here."""
    caches["coordination"].clear()
    yield
    caches["coordination"].clear()


@pytest.fixture
def now():
    """The clock stands still at a whole second, and moves only when a test moves it."""
    with time_machine.travel(timezone.now().replace(microsecond=0), tick=False) as traveller:
        yield traveller


def named(client, first_name, last_name):
    client.user.first_name, client.user.last_name = first_name, last_name
    client.user.save()
    return client


def presence_url(obj):
    return admin_url(type(obj), "presence", obj.pk)


def heartbeat(client, obj):
    response = client.post(presence_url(obj))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def banner(response):
    """The banner as rendered, from its opening tag to its end."""
    page = response.content.decode()
    start = page.index('<div class="presence-banner"')
    return page[start : page.index("</div>", start) + len("</div>")]


def hh_mm(moment):
    return timezone.localtime(moment).strftime("%H:%M")


def test_an_editor_sees_the_publisher_who_has_the_statement_open(
    now, editor_client, publisher_client
):
    statement = make_statement()
    named(publisher_client, "Paula", "Schmidt")
    opened_at = timezone.now()

    first = publisher_client.get(change_url(statement))
    assert first.status_code == 200
    assert first.context["others_editing"] == []
    url = presence_url(statement)
    assert banner(first) == (
        f'<div class="presence-banner" role="status" aria-live="polite" '
        f'data-presence-url="{url}" data-presence-interval="30000"></div>'
    )
    assert '<script src="/static/js/admin/presence.js" defer></script>' in first.content.decode()

    now.shift(timedelta(minutes=1))
    second = editor_client.get(change_url(statement))
    assert second.context["others_editing"] == [{"name": "Paula Schmidt", "since": opened_at}]
    assert banner(second) == (
        f'<div class="presence-banner" role="status" aria-live="polite" '
        f'data-presence-url="{url}" data-presence-interval="30000">'
        f"Also open by: Paula Schmidt (since {hh_mm(opened_at)}).</div>"
    )
    # In German, the admin's default language.
    german = editor_client.get(change_url(statement), headers={"accept-language": "de"})
    assert f"Auch geöffnet von: Paula Schmidt (seit {hh_mm(opened_at)}).</div>" in banner(german)
    # And the publisher, on the next page load, sees the editor (named by username).
    again = publisher_client.get(change_url(statement))
    assert f"Also open by: edith (since {hh_mm(opened_at + timedelta(minutes=1))})." in banner(
        again
    )


def test_a_form_shown_again_with_errors_keeps_the_banner(editor_client, publisher_client):
    statement = make_statement(status=PressStatement.Status.DRAFT)
    publisher_client.get(change_url(statement))
    form = admin_form(editor_client, change_url(statement))
    response = editor_client.post(change_url(statement), {**form, "headline_de": ""})
    assert response.status_code == 200  # the form again, with its errors
    assert "Also open by: paul (since " in banner(response)


def test_the_heartbeat_names_the_others_first_come_first(
    now, editor_client, publisher_client, django_user_model
):
    statement = make_statement()
    named(publisher_client, "Paula", "Schmidt")
    publisher_since = timezone.now()
    heartbeat(publisher_client, statement)
    now.shift(timedelta(seconds=20))
    editor_since = timezone.now()
    assert heartbeat(editor_client, statement) == {
        "others": [{"name": "Paula Schmidt", "since": publisher_since.isoformat()}],
        "text": f"Also open by: Paula Schmidt (since {hh_mm(publisher_since)}).",
    }
    third = django_user_model.objects.create_superuser("anna", "anna@example.org", "x" * 20)
    now.shift(timedelta(seconds=20))
    presence.mark_present(third, statement)
    # Heartbeats keep each person's first moment, and list people in the order they came.
    now.shift(timedelta(seconds=20))
    answer = heartbeat(publisher_client, statement)
    assert [other["name"] for other in answer["others"]] == ["edith", "anna"]
    assert answer["others"][0]["since"] == editor_since.isoformat()
    assert answer["text"].startswith("Also open by: edith (since ")
    assert ", anna (since " in answer["text"]
    assert [other["name"] for other in presence.others_present(third, statement)] == [
        "Paula Schmidt",
        "edith",
    ]


def test_whoever_is_not_seen_for_90_seconds_is_gone(now, editor_client, publisher_client):
    statement = make_statement()
    heartbeat(publisher_client, statement)
    now.shift(timedelta(seconds=60))
    assert [other["name"] for other in heartbeat(editor_client, statement)["others"]] == ["paul"]

    now.shift(timedelta(seconds=presence.PRESENCE_SECONDS - 60 + 1))
    # The publisher's page stopped (closed or hidden) 91 seconds ago.
    assert heartbeat(editor_client, statement) == {"others": [], "text": ""}
    stored = caches["coordination"].get(presence.presence_key(statement))
    assert list(stored) == [editor_client.user.pk]  # dropped when the editor's beat wrote
    assert "presence-banner" in editor_client.get(change_url(statement)).content.decode()
    assert banner(editor_client.get(change_url(statement))).endswith('"30000"></div>')

    # Back again, the publisher counts as just arrived.
    heartbeat(publisher_client, statement)
    assert heartbeat(editor_client, statement)["others"] == [
        {"name": "paul", "since": timezone.now().isoformat()}
    ]


def test_presence_is_only_for_staff_allowed_to_see_the_item(django_user_model):
    statement = make_statement()
    outsider = django_user_model.objects.create_user("otto", is_staff=True)  # in no group
    client = Client()
    client.force_login(outsider)
    assert client.post(presence_url(statement)).status_code == 403
    assert client.get(change_url(statement)).status_code == 403
    assert caches["coordination"].get(presence.presence_key(statement)) is None


def test_presence_of_an_unknown_item_is_not_found(editor_client):
    url = admin_url(PressStatement, "presence", 999_999)
    assert editor_client.post(url).status_code == 404


def test_the_heartbeat_is_post_only_and_needs_the_csrf_token(editor_client):
    statement = make_statement()
    assert editor_client.get(presence_url(statement)).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor_client.user)
    assert strict.post(presence_url(statement)).status_code == 403
    page = strict.get(change_url(statement)).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = strict.post(presence_url(statement), headers={"x-csrftoken": token})
    assert json.loads(response.content) == {"others": [], "text": ""}


def test_the_add_form_has_no_banner(editor_client, publisher_client):
    response = editor_client.get(admin_url(PressStatement, "add"))
    assert response.status_code == 200
    assert "presence-banner" not in response.content.decode()
    assert "presence.js" not in response.content.decode()
    assert "others_editing" not in response.context


def test_without_the_cache_the_form_still_works_and_shows_nobody(editor_client, publisher_client):
    statement = make_statement()
    publisher_client.get(change_url(statement))
    lost = override_settings(CACHES={**django_settings.CACHES, "coordination": UNREACHABLE})
    try:
        lost.enable()
        response = editor_client.get(change_url(statement))
        assert response.status_code == 200
        assert response.context["others_editing"] == []
        assert banner(response).endswith('"30000"></div>')
        assert heartbeat(editor_client, statement) == {"others": [], "text": ""}
    finally:
        caches["coordination"].close()
        lost.disable()
