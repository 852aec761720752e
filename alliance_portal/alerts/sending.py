"""Alerts go out by themselves when an item becomes public, to each subscriber once.

The worker's sweep (`sweep`, every few seconds, see `mailing/worker.py`):

1. releases what became public since the last look: one `Release` per item (a
   unique constraint, so two workers cannot both release it), and in the same
   transaction one `Delivery` per matching subscriber; then queues `send_alerts`
   tasks of `BATCH_SIZE` deliveries each;
2. hands out again what was handed out long ago and is not finished (its task was
   lost, or its worker died): deliveries waiting or claimed for longer than
   ALERT_CLAIM_TIMEOUT.

`send_alerts` claims its deliveries (waiting → being sent, one UPDATE, so no other
worker can take them), renews the claim while it works (`Claim`), sends each and
marks it sent at once. A worker killed
half-way leaves the rest claimed; after the timeout the sweep hands them out again.
Only a mail the SMTP server accepted in the instant before its worker died, before
it was marked sent, can go out twice: we chose a rare repeat over a silent loss.
"""

import logging
import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection
from django.core.mail.message import make_msgid
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from ..mailing.messages import render_mail, site_address
from ..mailing.tasks import enqueue_on_commit, is_permanent, retry_later
from .kinds import alert_kinds, kind_of
from .models import Delivery, Release, Subscriber

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
# An item that became public while no worker ran is still alerted if it is at most
# this old when a worker looks; older news is not news.
CATCH_UP = timedelta(days=2)
# Stand-ins for each subscriber's own links in a mail rendered once per language.
MANAGE_MARK = "__alert_manage_url__"
UNSUBSCRIBE_MARK = "__alert_unsubscribe_url__"


def sweep():
    for kind in alert_kinds():
        for item in due_items(kind):
            release(item)
    hand_out_abandoned()


def due_items(kind):
    """Public items of a kind, first public within CATCH_UP, not yet released.

    Both times count: an item imported or entered today with last year's date
    is first public today, but it is not news."""
    now = timezone.now()
    released = Release.objects.filter(
        content_type=ContentType.objects.get_for_model(kind.model)
    ).values("object_id")
    return (
        kind.model.objects.published()
        .filter(
            first_published_at__gt=now - CATCH_UP,
            first_published_at__lte=now,
            published_at__gt=now - CATCH_UP,
        )
        .exclude(pk__in=released)
        .order_by("first_published_at", "pk")
    )


def matching_subscribers(kind, item):
    alliances = list(kind.alliance_ids(item))
    return (
        Subscriber.objects.filter(**{kind.topic: True})
        .filter(Q(all_alliances=True) | Q(alliances__in=alliances))
        .distinct()
    )


def release(item):
    """Make the item's `Release` and deliveries and queue their sending; None when
    another worker released it first."""
    kind = kind_of(type(item))
    now = timezone.now()
    try:
        with transaction.atomic():
            record = Release.objects.create(
                content_type=ContentType.objects.get_for_model(item),
                object_id=item.pk,
                title=str(item)[:300],
                released_at=item.published_at,
                state=Release.State.WITHOUT_ALERT if item.without_alert else Release.State.SENDING,
            )
            if item.without_alert:
                return record
            recipients = matching_subscribers(kind, item).values_list("pk", "language")
            Delivery.objects.bulk_create(
                (
                    Delivery(release=record, subscriber_id=pk, language=language, handed_out_at=now)
                    for pk, language in recipients.iterator()
                ),
                batch_size=1000,
            )
            record.recipients = record.deliveries.count()
            record.save(update_fields=["recipients"])
            queue_batches(record, record.deliveries.values_list("pk", flat=True))
    except IntegrityError:
        return None
    logger.info("Released %s: %d alerts queued.", record, record.recipients)
    return record


def queue_batches(record, delivery_ids):
    ids = list(delivery_ids)
    for start in range(0, len(ids), BATCH_SIZE):
        enqueue_on_commit(send_alerts, record.pk, ids[start : start + BATCH_SIZE])


def hand_out_abandoned():
    """Queue again the deliveries a lost task or a dead worker left unfinished."""
    stale = timezone.now() - timedelta(seconds=settings.ALERT_CLAIM_TIMEOUT)
    unfinished = Delivery.objects.filter(
        state__in=[Delivery.State.PENDING, Delivery.State.SENDING], handed_out_at__lt=stale
    )
    by_release = {}
    for pk, release_id in unfinished.values_list("pk", "release_id")[:10_000]:
        by_release.setdefault(release_id, []).append(pk)
    for release_id, ids in by_release.items():
        with transaction.atomic():
            # Claimed ones return to waiting: their worker is gone.
            Delivery.objects.filter(pk__in=ids).filter(
                state__in=[Delivery.State.PENDING, Delivery.State.SENDING],
                handed_out_at__lt=stale,
            ).update(state=Delivery.State.PENDING, handed_out_at=timezone.now())
            queue_batches(Release(pk=release_id), ids)
        logger.info("Handed out %d unfinished alerts of release %s again.", len(ids), release_id)


class AlertMails:
    """The mail of one release, rendered once per language, then made personal."""

    def __init__(self, record):
        self.record = record
        self.kind = kind_of(record.content_type.model_class())
        self.item = self.kind.load(record.object_id)
        self.rendered = {}

    def for_delivery(self, delivery):
        language = delivery.language
        if language not in self.rendered:
            self.rendered[language] = self.render(language)
        base = self.rendered[language]
        token = delivery.subscriber.token
        manage, unsubscribe = subscriber_links(token, language)

        def personal(text):
            return text.replace(MANAGE_MARK, manage).replace(UNSUBSCRIBE_MARK, unsubscribe)

        message = base.__class__(
            to=delivery.subscriber.email,
            subject=base.subject,
            text=personal(base.text),
            html=personal(base.html),
            language=language,
            headers={
                # RFC 2369 and RFC 8058: mail programs offer a one-click unsubscribe.
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": f"<alerts.{host_of_site()}>",
                "Auto-Submitted": "auto-generated",
                "Message-ID": make_msgid(
                    idstring=f"alert.{self.record.pk}.{delivery.pk}", domain=host_of_site()
                ),
            },
        ).as_email()
        return message

    def render(self, language):
        with translation.override(language):
            context = self.kind.context(self.item)
        return render_mail(
            self.kind.template,
            {**context, "manage_url": MANAGE_MARK, "unsubscribe_url": UNSUBSCRIBE_MARK},
            to="",
            language=language,
        )


def host_of_site():
    return site_address().split("://", 1)[-1].split(":")[0].split("/")[0]


def subscriber_links(token, language):
    with translation.override(language):
        manage = reverse("alerts:manage", kwargs={"token": token})
        unsubscribe = reverse("alerts:unsubscribe", kwargs={"token": token})
    return site_address() + manage, site_address() + unsubscribe


class Claim:
    """A batch's hold on its deliveries: their `handed_out_at`, renewed well before
    ALERT_CLAIM_TIMEOUT runs out, so that the sweep never hands out what a live
    worker is still sending (a slow SMTP server makes a batch take long)."""

    def __init__(self, delivery_ids):
        self.at = timezone.now()
        self.renewed = time.monotonic()
        self.ids = set(delivery_ids)
        # Waiting → being sent, in one UPDATE: no other worker can take them now.
        Delivery.objects.filter(pk__in=self.ids, state=Delivery.State.PENDING).update(
            state=Delivery.State.SENDING, handed_out_at=self.at
        )
        self.ids = set(self.held().values_list("pk", flat=True))

    def held(self):
        return Delivery.objects.filter(
            pk__in=self.ids, state=Delivery.State.SENDING, handed_out_at=self.at
        )

    def holds(self, delivery):
        """Still ours? Renews the claim on the rest of the batch when it is getting old."""
        if time.monotonic() - self.renewed > settings.ALERT_CLAIM_TIMEOUT / 4:
            renewed_at = timezone.now()
            self.held().update(handed_out_at=renewed_at)
            self.at, self.renewed = renewed_at, time.monotonic()
            self.ids = set(self.held().values_list("pk", flat=True))
        return delivery.pk in self.ids

    def release(self, delivery):
        self.ids.discard(delivery.pk)


@task()
def send_alerts(release_id, delivery_ids, attempt=1):
    """Send the alerts of one release to one batch of its subscribers."""
    claim = Claim(delivery_ids)
    if not claim.ids:
        return 0
    record = Release.objects.select_related("content_type").get(pk=release_id)
    mails = AlertMails(record)
    deliveries = list(claim.held().select_related("subscriber").order_by("pk"))
    sent = 0
    connection = get_connection()
    try:
        connection.open()
        for delivery in deliveries:
            if not claim.holds(delivery):  # taken over: this worker was too slow
                continue
            claim.release(delivery)
            if delivery.subscriber is None:  # erased meanwhile
                delivery.delete()
                continue
            try:
                connection.send_messages([mails.for_delivery(delivery)])
            except (smtplib.SMTPException, OSError) as error:
                if not is_permanent(error):
                    claim.ids.add(delivery.pk)  # not sent: given back below
                    raise
                mark(delivery, Delivery.State.FAILED, error=str(error))
                continue
            mark(delivery, Delivery.State.SENT)
            sent += 1
    except (smtplib.SMTPException, OSError) as error:
        # The server is unwell: give back what this batch has not sent, retry later.
        claim.held().update(state=Delivery.State.PENDING, error=str(error))
        retry_later(send_alerts, release_id, delivery_ids, attempt=attempt)
        raise
    finally:
        connection.close()
    if not record.deliveries.filter(
        state__in=[Delivery.State.PENDING, Delivery.State.SENDING]
    ).exists():
        Release.objects.filter(pk=record.pk).update(state=Release.State.SENT)
    return sent


def mark(delivery, state, error=""):
    Delivery.objects.filter(pk=delivery.pk).update(
        state=state,
        sent_at=timezone.now() if state == Delivery.State.SENT else None,
        attempts=delivery.attempts + 1,
        error=error,
    )
