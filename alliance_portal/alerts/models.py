import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """Someone who confirmed that they want e-mail alerts, and what about.

    Nobody is stored before they confirm: the request travels in the signed link of
    the confirmation mail (`views.py`). Not in the content history (django-reversion),
    so that erasing a subscriber leaves nothing behind.
    """

    # Not content: saving one must not empty the page cache (apps.py).
    shown_on_public_pages = False

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    press_statements = models.BooleanField(_("press statements"), default=True)
    news = models.BooleanField(_("news"), default=False)
    all_alliances = models.BooleanField(
        _("all alliances"), default=False, help_text=_("Also those added later.")
    )
    alliances = models.ManyToManyField(
        "alliance_portal.Alliance",
        verbose_name=_("alliances"),
        related_name="+",
        blank=True,
    )
    # The secret in the manage and unsubscribe links of every mail.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("alert subscriber")
        verbose_name_plural = _("alert subscribers")

    def __str__(self):
        return self.email


class Consent(models.Model):
    """What someone agreed to, when, and in which words (Art. 7 (1) GDPR)."""

    shown_on_public_pages = False

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    wording = models.TextField(_("wording shown"))
    choices = models.JSONField(_("what was chosen"))
    language = models.CharField(_("language"), max_length=8)
    requested_at = models.DateTimeField(_("asked for"))
    confirmed_at = models.DateTimeField(_("confirmed"))

    class Meta:
        ordering = ["subscriber", "confirmed_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.subscriber} ({self.confirmed_at:%Y-%m-%d %H:%M})"


class SignupAttempt(models.Model):
    """A confirmation mail sent to an address (by a keyed hash, not the address):
    the per-address rate limit counts these."""

    shown_on_public_pages = False

    address_key = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sign-up attempt")
        verbose_name_plural = _("sign-up attempts")

    def __str__(self):
        return f"{self.address_key[:8]}… {self.created_at:%Y-%m-%d %H:%M}"


class Release(models.Model):
    """An item that became public, and what was done about its alert: made once per
    item (by constraint), so later edits or a second publication send nothing."""

    shown_on_public_pages = False

    class State(models.TextChoices):
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        WITHOUT_ALERT = "without_alert", _("Published without alert")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("title"), max_length=300)
    released_at = models.DateTimeField(_("released"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-released_at", "-pk"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_release_per_item"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def item(self):
        return self.content_type.get_object_for_this_type(pk=self.object_id)


class Delivery(models.Model):
    """One alert to one subscriber: claimed by a worker before it is sent, marked sent
    after, so that no worker sends it twice and a dead worker's share is taken over."""

    shown_on_public_pages = False

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    release = models.ForeignKey(
        Release, verbose_name=_("alert"), on_delete=models.CASCADE, related_name="deliveries"
    )
    # Erasing a subscriber keeps the count, not the person.
    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="deliveries",
    )
    language = models.CharField(_("language"), max_length=8)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    # When it was last given to a worker (queued or claimed): stale means abandoned.
    handed_out_at = models.DateTimeField(_("handed out"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["release", "pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "subscriber"], name="one_delivery_per_subscriber"
            )
        ]
        indexes = [
            # The sweep's question: what is unfinished and was handed out long ago?
            models.Index(
                fields=["handed_out_at"],
                condition=models.Q(state__in=["pending", "sending"]),
                name="delivery_unfinished_idx",
            )
        ]

    def __str__(self):
        return f"{self.release} → {self.subscriber or _('(erased)')}"
