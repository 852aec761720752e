"""Alerts at release: who gets one, what it says, and that nobody gets two.

These tests run the queued tasks in this process (`db_worker --batch`) against a real
SMTP server; tests/alerts/test_sending_worker.py does the same with a worker process.
"""

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alliance_portal.alerts import sending
from alliance_portal.alerts.models import Delivery, Release
from tests.factories import (
    make_alliance,
    make_news_item,
    make_statement,
    make_subscriber,
)
from tests.mail_server import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliance():
    return make_alliance(name_de="Aluminiumbündnis NRW", name_en="Aluminium Alliance NRW")


def statement_of(alliance, **overrides):
    values = {
        "alliance": alliance,
        "headline_de": "Bündnis fordert Strompreisbremse",
        "headline_en": "Alliance calls for an electricity price cap",
        "lead_de": "Die Mitglieder sprechen für 87,5 % der Beschäftigten.",
        "lead_en": "The members speak for 87.5 % of the workforce.",
        "dateline_place_de": "Düsseldorf",
        "published_at": timezone.now() - timedelta(minutes=1),
    }
    values.update(overrides)
    statement = make_statement(**values)
    statement.quotes.create(
        position=1,
        text_de="Wir brauchen verlässliche Preise.",
        text_en="We need reliable prices.",
        speaker_name="Erika Muster",
        speaker_function_de="Vorsitzende",
        speaker_function_en="Chair",
        speaker_organisation="Muster Aluminium GmbH",
    )
    return statement


def test_release_makes_one_delivery_per_matching_subscriber(alliance):
    other = make_alliance()
    follows = make_subscriber(alliances=[alliance])
    follows_all = make_subscriber(all_alliances=True, language="en")
    make_subscriber(alliances=[other])  # another alliance
    make_subscriber(alliances=[alliance], press_statements=False, news=True)  # news only
    statement = statement_of(alliance)

    sending.sweep()

    release = Release.objects.get()
    assert (release.object_id, release.state, release.recipients) == (
        statement.pk,
        Release.State.SENDING,
        2,
    )
    assert {(d.subscriber, d.language) for d in release.deliveries.all()} == {
        (follows, "de"),
        (follows_all, "en"),
    }


def test_sweep_releases_a_scheduled_statement_only_when_its_time_has_come(alliance):
    make_subscriber(alliances=[alliance])
    release_time = timezone.now() + timedelta(hours=3)
    statement_of(alliance, published_at=release_time)

    sending.sweep()
    assert not Release.objects.exists()

    with time_machine.travel(release_time + timedelta(seconds=5)):
        sending.sweep()
        sending.sweep()
    assert Release.objects.get().recipients == 1
    assert Delivery.objects.count() == 1


def test_later_edits_and_a_second_publication_send_nothing_more(
    alliance, smtp_settings, smtp_server
):
    make_subscriber(alliances=[alliance])
    statement = statement_of(alliance)
    sending.sweep()
    run_queued_tasks()
    assert len(smtp_server.messages) == 1

    statement.headline_de = "Bündnis fordert Strompreisbremse (aktualisiert)"
    statement.status = statement.Status.DRAFT
    statement.save()
    statement.status = statement.Status.PUBLISHED
    statement.save()
    sending.sweep()
    run_queued_tasks()

    assert len(smtp_server.messages) == 1
    assert Release.objects.count() == 1


def test_without_alert_releases_without_any_mail(alliance, smtp_settings, smtp_server):
    make_subscriber(alliances=[alliance])
    statement_of(alliance, without_alert=True)

    sending.sweep()
    run_queued_tasks()

    release = Release.objects.get()
    assert release.state == Release.State.WITHOUT_ALERT
    assert not release.deliveries.exists()
    assert smtp_server.messages == []


def test_an_item_older_than_the_catch_up_window_is_not_alerted(alliance):
    make_subscriber(alliances=[alliance])
    statement_of(alliance, published_at=timezone.now() - sending.CATCH_UP - timedelta(hours=1))

    sending.sweep()

    assert not Release.objects.exists()


def test_alert_mail_in_german_and_english_with_quotes_links_and_unsubscribe_headers(
    alliance, smtp_settings, smtp_server
):
    german = make_subscriber(alliances=[alliance], email="redaktion@example.de")
    english = make_subscriber(alliances=[alliance], email="desk@example.co.uk", language="en")
    statement = statement_of(alliance)

    sending.sweep()
    run_queued_tasks()

    (to_german,) = smtp_server.sink.to("redaktion@example.de")
    assert to_german["Subject"] == "Bündnis fordert Strompreisbremse – Aluminiumbündnis NRW"
    text = to_german.get_body(("plain",)).get_content()
    assert "Die Mitglieder sprechen für 87,5 % der Beschäftigten." in text
    assert "„Wir brauchen verlässliche Preise.“" in text
    assert "– Erika Muster, Vorsitzende, Muster Aluminium GmbH" in text
    assert f"/de/press/{statement.slug}/pdf/" in text
    assert f"/de/press/{statement.slug}/press-kit.zip" in text
    html = to_german.get_body(("html",)).get_content()
    assert "„Wir brauchen verlässliche Preise.“" in html
    unsubscribe = f"/de/alerts/unsubscribe/{german.token}/"
    assert to_german["List-Unsubscribe"].endswith(f"{unsubscribe}>")
    assert to_german["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in text and unsubscribe in html

    (to_english,) = smtp_server.sink.to("desk@example.co.uk")
    assert to_english["Subject"] == (
        "Alliance calls for an electricity price cap – Aluminium Alliance NRW"
    )
    assert to_english["Content-Language"] == "en"
    text = to_english.get_body(("plain",)).get_content()
    assert "“We need reliable prices.”" in text
    assert "– Erika Muster, Chair, Muster Aluminium GmbH" in text
    assert f"/en/alerts/unsubscribe/{english.token}/" in text
    # Each mail has its own links: nobody can unsubscribe someone else.
    assert german.token not in text

    assert Release.objects.get().state == Release.State.SENT
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}


def test_news_alert_goes_to_news_subscribers_of_its_alliances(alliance, smtp_settings, smtp_server):
    make_subscriber(
        alliances=[alliance], email="news@example.org", press_statements=False, news=True
    )
    make_subscriber(alliances=[alliance], email="press@example.org")  # statements only
    make_news_item(
        alliances=[alliance],
        title_de="Neues Mitglied im Bündnis",
        teaser_de="Die Muster Aluminium GmbH tritt bei.",
        published_at=timezone.now() - timedelta(minutes=1),
    )

    sending.sweep()
    run_queued_tasks()

    (mail,) = smtp_server.messages
    assert mail.recipients == ["news@example.org"]
    assert mail["Subject"] == "Neues Mitglied im Bündnis – Aluminiumbündnis NRW"
    assert "Die Muster Aluminium GmbH tritt bei." in mail.get_body(("plain",)).get_content()


def test_a_failing_smtp_server_leaves_the_alerts_waiting_and_retries_later(
    alliance, settings, smtp_server
):
    for _ in range(3):
        make_subscriber(alliances=[alliance])
    statement_of(alliance)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nobody listens

    sending.sweep()
    run_queued_tasks()

    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.PENDING}
    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == "FAILED"
    assert "ConnectionRefusedError" in failed.exception_class_path
    assert retry.status == "READY"
    assert retry.run_after > timezone.now() + timedelta(seconds=50)
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}

    # The server is back; the retry's time comes.
    settings.EMAIL_PORT = smtp_server.port
    with time_machine.travel(retry.run_after + timedelta(seconds=1)):
        run_queued_tasks()
    assert len(smtp_server.messages) == 3
    assert set(Delivery.objects.values_list("state", flat=True)) == {Delivery.State.SENT}


def test_an_address_the_server_refuses_for_good_fails_alone(alliance, smtp_settings, smtp_server):
    make_subscriber(alliances=[alliance], email="gibt-es-nicht@example.org")
    make_subscriber(alliances=[alliance], email="redaktion@example.org")
    statement_of(alliance)

    def refuse_unknown(recipients):
        if "gibt-es-nicht@example.org" in recipients:
            return "550 5.1.1 No such user"
        return None

    smtp_server.sink.before_accepting = refuse_unknown
    sending.sweep()
    run_queued_tasks()

    assert [m.recipients for m in smtp_server.messages] == [["redaktion@example.org"]]
    failed = Delivery.objects.get(state=Delivery.State.FAILED)
    assert failed.subscriber.email == "gibt-es-nicht@example.org"
    assert "No such user" in failed.error


def test_abandoned_claims_are_handed_out_again_after_the_timeout(alliance, settings):
    make_subscriber(alliances=[alliance])
    statement_of(alliance)
    sending.sweep()
    DBTaskResult.objects.all().delete()  # the task was lost
    Delivery.objects.update(state=Delivery.State.SENDING)  # and its worker died

    sending.sweep()
    assert not DBTaskResult.objects.exists()  # not yet: the worker may still be alive

    with time_machine.travel(timezone.now() + timedelta(seconds=settings.ALERT_CLAIM_TIMEOUT + 1)):
        sending.sweep()
    assert Delivery.objects.get().state == Delivery.State.PENDING
    assert DBTaskResult.objects.count() == 1


def test_a_subscriber_erased_before_sending_gets_nothing(alliance, smtp_settings, smtp_server):
    subscriber = make_subscriber(alliances=[alliance])
    statement_of(alliance)
    sending.sweep()
    subscriber.delete()

    run_queued_tasks()

    assert smtp_server.messages == []
    assert not Delivery.objects.exists()


def test_smtp_refusal_codes_are_told_apart():
    from alliance_portal.mailing.tasks import is_permanent

    assert is_permanent(smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no")}))
    assert not is_permanent(smtplib.SMTPRecipientsRefused({"a@example.org": (451, b"later")}))
    assert not is_permanent(ConnectionRefusedError())
