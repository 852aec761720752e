"""Embargoed advance copies: a statement sent before its release to vetted journalists.

Each journalist gets a preview link of their own (revocable, expiring a week after
the release) in a mail in their language that names the embargo in its subject and
at its top. Every copy is recorded (`AdvanceCopy`), once per statement and journalist;
the mail goes out through the task queue, with the retries of `mailing/tasks.py`,
and the copy records when the mail server accepted it.
"""

import logging
import smtplib
from datetime import timedelta

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from django_tasks import task

from alliance_portal.mailing.messages import Mail, render_mail, site_address
from alliance_portal.mailing.tasks import enqueue_on_commit, is_permanent, retry_later

from .models import AdvanceCopy, PressStatement, PreviewLink

logger = logging.getLogger(__name__)

# How long a journalist's preview link works after the release; the public page
# exists by then, but a link in a newsroom's inbox should not break at once.
LINK_DAYS_AFTER_RELEASE = 7


class NotUnderEmbargo(Exception):
    """The statement is a draft, or already public: nothing to send in advance."""


def embargo_refusal(statement):
    """Why no advance copy of `statement` may go out now, or None when it may."""
    state = statement.publication_state
    if state == PressStatement.State.SCHEDULED:
        return None
    if state == PressStatement.State.DRAFT:
        return gettext(
            "“%(statement)s” is a draft without a release time: advance copies go out "
            "only for a statement published with a release time still to come."
        ) % {"statement": statement}
    return gettext(
        "“%(statement)s” is not under embargo any more: the public can read it already "
        "(or could). Advance copies go out only before the release."
    ) % {"statement": statement}


def embargo_time(statement):
    """The release time as a newsroom reads it, in the active language."""
    local = timezone.localtime(statement.release_time)
    # Translators: a date format (Django's "date" filter), as in "Thursday 15 October
    # 2026, 10:00 CEST"; German: "Donnerstag, 15. Oktober 2026, 10:00 Uhr".
    return date_format(local, pgettext("embargo time", "l j F Y, H:i T"))


def send_advance_copies(*, statement, journalists, sent_by):
    """Record an advance copy for each journalist and queue their mail.

    Returns (copies made, journalists skipped because they already have one).
    Raises NotUnderEmbargo unless the statement's release is still to come.
    """
    with transaction.atomic():
        # One sender at a time per statement; the unique constraint backs this up.
        statement = PressStatement.objects.select_for_update().get(pk=statement.pk)
        refusal = embargo_refusal(statement)
        if refusal:
            raise NotUnderEmbargo(refusal)
        already = set(
            AdvanceCopy.objects.filter(statement=statement).values_list("journalist", flat=True)
        )
        copies, skipped = [], []
        for journalist in journalists:
            if journalist.pk in already:
                skipped.append(journalist)
                continue
            try:
                with transaction.atomic():
                    copy = record_copy(statement, journalist, sent_by)
            except IntegrityError:
                skipped.append(journalist)
                continue
            copies.append(copy)
            enqueue_on_commit(send_advance_copy, copy.pk, advance_copy_mail(copy).as_dict())
    return copies, skipped


def record_copy(statement, journalist, sent_by):
    link = PreviewLink.objects.create(
        statement=statement,
        recipient=str(journalist)[: PreviewLink._meta.get_field("recipient").max_length],
        expires_at=statement.release_time + timedelta(days=LINK_DAYS_AFTER_RELEASE),
        created_by=sent_by,
    )
    return AdvanceCopy.objects.create(
        statement=statement,
        journalist=journalist,
        preview_link=link,
        language=journalist.language,
        sent_by=sent_by,
    )


def advance_copy_mail(copy):
    """The mail of one advance copy, in its journalist's language."""
    statement = (
        PressStatement.objects.select_related("alliance")
        .prefetch_related("press_contacts__organisation")
        .get(pk=copy.statement_id)
    )
    link = copy.preview_link
    language = copy.language
    with translation.override(language):
        token = {"token": link.token}
        address = site_address()
        context = {
            "statement": statement,
            "journalist": copy.journalist,
            "embargo": embargo_time(statement),
            "preview_url": address + reverse("press:preview", kwargs=token),
            "pdf_url": address + reverse("press:preview-pdf", kwargs=token),
            "press_kit_url": address + reverse("press:preview-press-kit", kwargs=token),
            "expires": date_format(timezone.localtime(link.expires_at), "DATETIME_FORMAT"),
            "press_contacts": list(statement.press_contacts.all()),
        }
    return render_mail(
        "mail/advance_copy",
        context,
        to=copy.journalist.email,
        language=language,
    )


@task()
def send_advance_copy(copy_id, mail, attempt=1):
    """Send one advance copy's mail (a `Mail.as_dict()`) and record its delivery;
    retried with back-off while the server fails, as `mailing.tasks.send_mail`."""
    message = Mail.from_dict(mail)
    try:
        with get_connection() as connection:
            message.as_email(connection).send()
    except (smtplib.SMTPException, OSError) as error:
        if not is_permanent(error) and retry_later(
            send_advance_copy, copy_id, mail, attempt=attempt
        ):
            logger.warning("Advance copy to %s failed (%s); retrying later.", message.to, error)
        raise
    AdvanceCopy.objects.filter(pk=copy_id).update(delivered_at=timezone.now())
