"""Subscribing, confirming, changing and ending a subscription; a subscriber's data
for Art. 15 and 17 GDPR.

Nothing about a person is stored before they confirm: the request travels signed in
the confirmation link (`signing.dumps`), and only a keyed hash of the address is kept
for the per-address rate limit.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from ..mailing.messages import render_mail, site_address
from ..mailing.tasks import enqueue_on_commit, send_mail
from .models import Consent, SignupAttempt, Subscriber

CONFIRM_SALT = "alliance_portal.alerts.confirm"
CONFIRM_MAX_AGE = timedelta(days=7)
# At most this many confirmation mails per address within RATE_WINDOW.
RATE_LIMIT = 3
RATE_WINDOW = timedelta(hours=1)

# The consent wording by version: a changed wording gets a new key, so that each
# consent row stores the words the person was shown.
WORDINGS = {
    "2026-12": _(
        "I want to receive e-mails from Alliance Portal about new press statements "
        "and/or news of the alliances I chose, in the language I chose. I can "
        "withdraw this consent at any time with the link in every e-mail; my address "
        "is then deleted."
    ),
}
CURRENT_WORDING = "2026-12"


def wording(key=CURRENT_WORDING, language=None):
    with translation.override(language or translation.get_language()):
        return str(WORDINGS[key])


def public_alliances():
    Alliance = apps.get_model("alliance_portal", "Alliance")
    return Alliance.objects.published().order_by("name")


# --- The request, signed into the confirmation link ---------------------------


def address_key(email):
    return salted_hmac(
        "alliance_portal.alerts.address", email.strip().lower(), algorithm="sha256"
    ).hexdigest()


def rate_limited(email):
    """True when the address was sent RATE_LIMIT confirmation mails within the window."""
    since = timezone.now() - RATE_WINDOW
    SignupAttempt.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()
    recent = SignupAttempt.objects.filter(address_key=address_key(email), created_at__gte=since)
    return recent.count() >= RATE_LIMIT


def choices_of(*, press_statements, news, all_alliances, alliance_ids):
    return {
        "press_statements": bool(press_statements),
        "news": bool(news),
        "all_alliances": bool(all_alliances),
        "alliances": sorted(set(alliance_ids)) if not all_alliances else [],
    }


def request_subscription(*, email, language, choices, shown_language):
    """Count the attempt and queue the confirmation mail with the signed request."""
    SignupAttempt.objects.create(address_key=address_key(email))
    token = signing.dumps(
        {
            "email": email,
            "language": language,
            "choices": choices,
            "requested_at": timezone.now().isoformat(),
            "wording": CURRENT_WORDING,
            "shown_language": shown_language,
        },
        salt=CONFIRM_SALT,
        compress=True,
    )
    with translation.override(language):
        url = site_address() + reverse("alerts:confirm", kwargs={"token": token})
        chosen = described(choices)
    mail = render_mail(
        "alerts/mail/confirm",
        {"confirm_url": url, "days": CONFIRM_MAX_AGE.days, **chosen},
        to=email,
        language=language,
        headers={"Auto-Submitted": "auto-generated"},
    )
    enqueue_on_commit(send_mail, mail.as_dict())


def read_request(token):
    """The signed request; raises signing.SignatureExpired or signing.BadSignature."""
    data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    if not isinstance(data, dict) or not {"email", "language", "choices"} <= data.keys():
        raise signing.BadSignature("Not a subscription request")
    return data


def described(choices):
    """The choices for a page or mail: the topics and the alliances' names (in the
    active language)."""
    alliances = (
        []
        if choices["all_alliances"]
        else list(public_alliances().filter(pk__in=choices["alliances"]))
    )
    return {
        "press_statements": choices["press_statements"],
        "news": choices["news"],
        "all_alliances": choices["all_alliances"],
        "alliances": alliances,
        "alliance_names": ", ".join(alliance.name for alliance in alliances),
    }


def current_choices(subscriber):
    return choices_of(
        press_statements=subscriber.press_statements,
        news=subscriber.news,
        all_alliances=subscriber.all_alliances,
        alliance_ids=[a.pk for a in subscriber.alliances.all()],
    )


def subscriber_for(email):
    return Subscriber.objects.filter(email__iexact=email).first()


def already_follows(request_data):
    """True when the address already follows exactly what the request asks for."""
    subscriber = subscriber_for(request_data["email"])
    return (
        subscriber is not None
        and subscriber.language == request_data["language"]
        and current_choices(subscriber) == public_only(request_data["choices"])
    )


def public_only(choices):
    """The choices without alliances that are no longer public."""
    ids = set(public_alliances().filter(pk__in=choices["alliances"]).values_list("pk", flat=True))
    return {**choices, "alliances": sorted(ids)}


# --- Confirming, changing, ending ---------------------------------------------


@transaction.atomic
def confirm(request_data):
    """Create or update the subscriber from a confirmed request, store the consent and
    queue the welcome mail. Returns the subscriber."""
    now = timezone.now()
    choices = public_only(request_data["choices"])
    subscriber = subscriber_for(request_data["email"])
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(
                    email=request_data["email"],
                    language=request_data["language"],
                    confirmed_at=now,
                )
        except IntegrityError:  # the same link, confirmed twice at once
            subscriber = subscriber_for(request_data["email"])
    apply_choices(subscriber, choices, request_data["language"])
    requested_at = parse_datetime(request_data.get("requested_at") or "") or now
    record_consent(
        subscriber,
        choices,
        key=request_data.get("wording", CURRENT_WORDING),
        language=request_data.get("shown_language") or request_data["language"],
        requested_at=requested_at,
    )
    send_welcome(subscriber)
    return subscriber


@transaction.atomic
def change(subscriber, choices, language, *, shown_language):
    """New choices from the manage page; a consent row when what is sent changes."""
    choices = public_only(choices)
    unchanged = current_choices(subscriber) == choices
    apply_choices(subscriber, choices, language)
    if not unchanged:
        record_consent(subscriber, choices, language=shown_language, requested_at=timezone.now())
    return subscriber


def apply_choices(subscriber, choices, language):
    subscriber.language = language
    subscriber.press_statements = choices["press_statements"]
    subscriber.news = choices["news"]
    subscriber.all_alliances = choices["all_alliances"]
    subscriber.save()
    subscriber.alliances.set(choices["alliances"])


def record_consent(subscriber, choices, *, key=CURRENT_WORDING, language, requested_at):
    if key not in WORDINGS:
        key = CURRENT_WORDING
    return Consent.objects.create(
        subscriber=subscriber,
        wording=wording(key, language),
        choices={**choices, "wording_version": key},
        language=language,
        requested_at=requested_at,
        confirmed_at=timezone.now(),
    )


def links(subscriber):
    with translation.override(subscriber.language):
        manage = reverse("alerts:manage", kwargs={"token": subscriber.token})
        unsubscribe = reverse("alerts:unsubscribe", kwargs={"token": subscriber.token})
    return site_address() + manage, site_address() + unsubscribe


def send_welcome(subscriber):
    """The mail after confirmation: what is followed, and the links to change or end
    it (also as List-Unsubscribe headers, RFC 2369 and RFC 8058)."""
    manage, unsubscribe = links(subscriber)
    with translation.override(subscriber.language):
        chosen = described(current_choices(subscriber))
    mail = render_mail(
        "alerts/mail/welcome",
        {"manage_url": manage, "unsubscribe_url": unsubscribe, **chosen},
        to=subscriber.email,
        language=subscriber.language,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    enqueue_on_commit(send_mail, mail.as_dict())


def unsubscribe(subscriber):
    """End the subscription: the subscriber and their consents go; deliveries keep
    their counts without them."""
    subscriber.delete()


# --- Art. 15 and 17 GDPR -------------------------------------------------------


def export(subscriber):
    """Everything stored about one subscriber, as JSON-ready data."""
    consents = subscriber.consents.order_by("confirmed_at")
    deliveries = subscriber.deliveries.select_related("release").order_by("release__released_at")
    return {
        "subscriber": {
            "email": subscriber.email,
            "language": subscriber.language,
            "press_statements": subscriber.press_statements,
            "news": subscriber.news,
            "all_alliances": subscriber.all_alliances,
            "alliances": [
                {"id": alliance.pk, "name": alliance.name}
                for alliance in subscriber.alliances.order_by("name")
            ],
            "confirmed_at": subscriber.confirmed_at.isoformat(),
            "updated_at": subscriber.updated_at.isoformat(),
        },
        "consents": [
            {
                "wording": consent.wording,
                "choices": consent.choices,
                "language": consent.language,
                "requested_at": consent.requested_at.isoformat(),
                "confirmed_at": consent.confirmed_at.isoformat(),
            }
            for consent in consents
        ],
        "deliveries": [
            {
                "item": delivery.release.title,
                "released_at": delivery.release.released_at.isoformat(),
                "language": delivery.language,
                "state": delivery.state,
                "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
            }
            for delivery in deliveries
        ],
        "exported_at": timezone.now().isoformat(),
        "site": site_address(),
        "format": "alliance-portal-subscriber/1",
        "time_zone": settings.TIME_ZONE,
    }


@transaction.atomic
def erase(subscribers):
    """Delete subscribers, their consents and the admin log entries naming them;
    their deliveries stay, without them (counts for the alerts' statistics)."""
    emails = [s.email for s in subscribers]
    for subscriber in subscribers:
        subscriber.delete()
    naming = Q(pk__in=[])
    for email in emails:
        naming |= Q(object_repr__icontains=email) | Q(change_message__icontains=email)
    LogEntry.objects.filter(naming).delete()
    return len(emails)
