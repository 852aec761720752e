"""Quote approval by the quoted organisations.

Staff ask a contact of the quoted organisation, from the statement's admin page,
to approve a quote (`request_approval`). The contact gets a mail with a signed,
expiring link (`QuoteApproval.token`; no account): the draft statement with their
quote highlighted, where they approve it (`approve`) or propose a new wording with
a comment (`propose_wording`). Staff may take a proposed wording over with one
click (`take_over_wording`). Each step is an entry in the statement's history
(django-reversion), with who did it where known.

A quote's state is its latest request's (`quote_state`); a quote whose wording
changed after it was approved counts as not approved. A Publisher publishing a
statement with quotes not approved confirms it (statements/admin.py).
"""

from datetime import timedelta

import reversion
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alliance_portal.mailing.messages import render_mail, site_address
from alliance_portal.mailing.tasks import enqueue_on_commit, send_mail

from .models import QuoteApproval
from .quotation import without_quote_marks

# How long a request's link works at most: until the release, if that is sooner.
APPROVAL_DAYS = 14


class QuoteState(models.TextChoices):
    NOT_REQUESTED = "not_requested", _("approval not requested")
    REQUESTED = "requested", _("approval requested")
    EXPIRED = "expired", _("request expired unanswered")
    APPROVED = "approved", _("approved")
    ADOPTED = "adopted", _("proposed wording taken over")
    CHANGES_PROPOSED = "changes_proposed", _("changes proposed")
    CHANGED = "changed", _("changed since approval")


APPROVED_STATES = {QuoteState.APPROVED, QuoteState.ADOPTED}


def text_in(quote, language, texts=None):
    """The quote's wording in `language`, German standing in for a missing one.
    `texts` ({language: text}) overrides the stored wording: a form's typed values."""
    texts = texts or {}

    def wording(code):
        text = texts[code] if code in texts else getattr(quote, f"text_{code}", "")
        return without_quote_marks(text or "")

    return wording(language) or wording(settings.LANGUAGE_CODE)


def latest_approval(quote):
    """The quote's latest request, from prefetched `approvals` where they are."""
    return next(iter(quote.approvals.all()), None)


def quote_state(quote, texts=None):
    """(state, latest request or None) of a quote; `texts` as in `text_in`."""
    approval = latest_approval(quote) if quote.pk else None
    if approval is None:
        return QuoteState.NOT_REQUESTED, None
    if approval.state == QuoteApproval.State.REQUESTED:
        return (QuoteState.EXPIRED if approval.is_expired else QuoteState.REQUESTED), approval
    if approval.state == QuoteApproval.State.CHANGES_PROPOSED and not approval.adopted_at:
        return QuoteState.CHANGES_PROPOSED, approval
    agreed = approval.proposed_text if approval.adopted_at else approval.quote_text
    if text_in(quote, approval.language, texts) != agreed:
        return QuoteState.CHANGED, approval
    return (QuoteState.ADOPTED if approval.adopted_at else QuoteState.APPROVED), approval


def default_expiry(statement, now=None):
    """APPROVAL_DAYS from now, or the release time if that comes sooner."""
    now = now or timezone.now()
    expiry = now + timedelta(days=APPROVAL_DAYS)
    if statement.published_at and now < statement.published_at < expiry:
        return statement.published_at
    return expiry


def record(statement, comment, user=None):
    """One entry in the statement's history (with its quotes, which it follows)."""
    with reversion.create_revision():
        reversion.add_to_revision(statement)
        reversion.set_comment(comment)
        if user is not None:
            reversion.set_user(user)


def person_label(user):
    return user.get_full_name() or user.get_username()


@transaction.atomic
def request_approval(*, quote, contact_name, contact_email, language, user):
    """Ask `contact_email` to approve `quote`; the mail goes out once this commits."""
    statement = quote.statement
    approval = QuoteApproval.objects.create(
        quote=quote,
        contact_name=contact_name,
        contact_email=contact_email,
        language=language,
        quote_text=text_in(quote, language),
        requested_by=user,
        expires_at=default_expiry(statement),
    )
    with translation.override(language):
        mail = render_mail(
            "mail/quote_approval_request",
            {
                "approval": approval,
                "quote": quote,
                "statement": statement,
                "wording": approval.quote_text,
                "link": site_address() + approval.get_absolute_url(),
                "requester": person_label(user),
            },
            to=contact_email,
            language=language,
            reply_to=user.email,
        )
    enqueue_on_commit(send_mail, mail.as_dict())
    record(
        statement,
        gettext("Approval of the quote by %(speaker)s requested from %(contact)s (%(email)s).")
        % {"speaker": quote.speaker_name, "contact": contact_name, "email": contact_email},
        user,
    )
    return approval


def _answer(approval, state, wording, *, proposed_text="", comment=""):
    approval.state = state
    approval.quote_text = wording
    approval.proposed_text = proposed_text
    approval.comment = comment
    approval.responded_at = timezone.now()
    approval.save()


@transaction.atomic
def approve(*, approval, wording):
    """The contact approves `wording`, the quote as the link showed it to them."""
    _answer(approval, QuoteApproval.State.APPROVED, wording)
    with translation.override(settings.LANGUAGE_CODE):
        comment = gettext("Quote by %(speaker)s approved by %(contact)s via the link.") % {
            "speaker": approval.quote.speaker_name,
            "contact": approval.contact_name,
        }
    record(approval.quote.statement, comment)


@transaction.atomic
def propose_wording(*, approval, wording, proposed_text, comment):
    """The contact proposes `proposed_text` instead of `wording`, with a comment."""
    _answer(
        approval,
        QuoteApproval.State.CHANGES_PROPOSED,
        wording,
        proposed_text=proposed_text,
        comment=comment,
    )
    with translation.override(settings.LANGUAGE_CODE):
        entry = gettext(
            "%(contact)s proposed a new wording for the quote by %(speaker)s via the link."
        ) % {"speaker": approval.quote.speaker_name, "contact": approval.contact_name}
    record(approval.quote.statement, entry)


@transaction.atomic
def take_over_wording(*, approval, user):
    """The proposed wording becomes the quote's text in the request's language."""
    quote = approval.quote
    setattr(quote, f"text_{approval.language}", approval.proposed_text)
    quote.save()
    approval.adopted_at = timezone.now()
    approval.adopted_by = user
    approval.save(update_fields=["adopted_at", "adopted_by"])
    statement = quote.statement
    # A new version of the statement: open forms made before now see the change.
    statement.save(update_fields=["updated_at"])
    record(
        statement,
        gettext("Wording proposed by %(contact)s taken over for the quote by %(speaker)s.")
        % {"contact": approval.contact_name, "speaker": quote.speaker_name},
        user,
    )
