"""The worker process sends queued mail through a real SMTP server, and retries."""

from alliance_portal.mailing.messages import Mail
from alliance_portal.mailing.tasks import send_mail


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
