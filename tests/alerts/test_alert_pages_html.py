"""The alert pages a visitor reaches by a form or a link from a mail (not in
tests/pages.py: they need a POST or a secret) are valid HTML too, by the Nu HTML
Checker, in both languages."""

import pytest
from django.core import mail, signing
from django.utils import timezone

from alliance_portal.alerts import services
from alliance_portal.alerts.models import Subscriber
from tests.e2e.browser import require_java
from tests.factories import make_alliance
from tests.test_html_validity import outdated_checker_error, vnu_messages

pytestmark = pytest.mark.django_db


def test_alert_pages_are_valid_html(client, tmp_path, settings, django_capture_on_commit_callbacks):
    require_java()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    alliance = make_alliance()
    pages = {}
    for language in ("de", "en"):
        data = {
            "email": "a@example.org",
            "language": language,
            "choices": services.choices_of(
                press_statements=True, news=True, all_alliances=False, alliance_ids=[alliance.pk]
            ),
            "requested_at": timezone.now().isoformat(),
        }
        token = signing.dumps(data, salt=services.CONFIRM_SALT, compress=True)
        confirm = f"/{language}/alerts/confirm/{token}/"
        pages[f"errors-{language}"] = client.post(f"/{language}/alerts/", {"email": "x"})
        pages[f"confirm-{language}"] = client.get(confirm)
        with django_capture_on_commit_callbacks(execute=True):
            pages[f"confirmed-{language}"] = client.post(confirm)
        pages[f"already-{language}"] = client.get(confirm)
        subscriber = Subscriber.objects.get()
        pages[f"manage-{language}"] = client.get(f"/{language}/alerts/manage/{subscriber.token}/")
        pages[f"saved-{language}"] = client.post(
            f"/{language}/alerts/manage/{subscriber.token}/",
            {"topics": ["news"], "all_alliances": "on", "language": language},
        )
        pages[f"unsubscribe-{language}"] = client.get(
            f"/{language}/alerts/unsubscribe/{subscriber.token}/"
        )
        pages[f"unsubscribed-{language}"] = client.post(
            f"/{language}/alerts/unsubscribe/{subscriber.token}/"
        )
        pages[f"expired-{language}"] = client.get(f"/{language}/alerts/confirm/x{token}/")
        pages[f"sent-{language}"] = client.get(f"/{language}/alerts/sent/")
        mail.outbox.clear()
    files = {}
    for name, response in pages.items():
        target = tmp_path / f"{name}.html"
        target.write_bytes(response.content)
        files[target.resolve()] = name
    errors = [
        message
        for message in vnu_messages(files)
        if message.get("type") != "info" and not outdated_checker_error(message)
    ]
    assert not errors, "\n".join(
        f"- {error.get('url', '?').rsplit('/', 1)[-1]} line {error.get('lastLine', '?')}: "
        f"{error.get('message')}"
        for error in errors
    )
