"""The worker process sends queued mail through a real SMTP server, and retries."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alliance_portal.mailing.messages import Mail
from alliance_portal.mailing.tasks import backoff, send_mail
from tests.mail_server import run_queued_tasks


def test_worker_process_sends_a_queued_mail_with_text_and_html(start_worker, smtp_server):
    mail = Mail(
        to="redaktion@example.org",
        subject="Grüße aus Düsseldorf – „Test“",
        text="Hallo,\n\n87,5 % der Mitglieder.\n",
        html="<p>Hallo,</p><p>87,5 % der Mitglieder.</p>",
        language="de",
    )
    send_mail.enqueue(mail.as_dict())
    start_worker()

    (received,) = smtp_server.sink.wait_for(1)
    assert received["To"] == "redaktion@example.org"
    assert received["Subject"] == "Grüße aus Düsseldorf – „Test“"
    assert received["Content-Language"] == "de"
    assert received.get_body(("plain",)).get_content() == "Hallo,\n\n87,5 % der Mitglieder.\n"
    assert "<p>87,5 % der Mitglieder.</p>" in received.get_body(("html",)).get_content()


@pytest.mark.django_db
def test_a_failed_mail_task_is_retried_later_and_shown_in_the_admin(admin_client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nobody listens
    mail = Mail(
        to="redaktion@example.org", subject="Test", text="x", html="<p>x</p>", language="de"
    )
    send_mail.enqueue(mail.as_dict())

    run_queued_tasks()

    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert (failed.status, retry.status) == ("FAILED", "READY")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert timezone.now() + backoff(1) - timedelta(seconds=30) < retry.run_after
    listing = admin_client.get("/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED")
    assert listing.status_code == 200
    assert "send_mail" in listing.content.decode()
    detail = admin_client.get(f"/admin/django_tasks_database/dbtaskresult/{failed.pk}/change/")
    assert "ConnectionRefusedError" in detail.content.decode()


def test_back_off_grows_from_a_minute_to_an_hour():
    assert [backoff(attempt).total_seconds() / 60 for attempt in (1, 2, 3, 4)] == [1, 4, 16, 64]
