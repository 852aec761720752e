"""Press statements: dateline, headline, quotes with exact attribution, attachments.

A statement's publish time is its release time: until then it is under embargo
and invisible to the public everywhere.
"""

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from alliance_portal.alerts.fields import without_alert_field
from alliance_portal.publishing.models import (
    PUBLIC_LIST_INDEX_FIELDS,
    Publishable,
    unpublish_time_index,
)
from alliance_portal.publishing.slugs import SlugFromTitle
from alliance_portal.richtext.fields import RichTextField
from alliance_portal.uploads.fields import DocumentFileField

from .quotation import QuoteTextField


class PressStatement(SlugFromTitle, Publishable):
    slug_source = "headline"
    # Preview links for journalists are a Publisher's own decision, made on the
    # live statement: a pending change neither carries nor removes them.
    parts_outside_review = ("statements.PreviewLink",)

    headline = models.CharField(_("headline"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the web address. Left empty, it is made from the headline, and it "
            "follows the headline until the item is first published; then it stays. If "
            "you change it after that, the old address leads to the new one."
        ),
    )
    sub_headline = models.CharField(_("sub-headline"), max_length=400, blank=True)
    dateline_place = models.CharField(
        _("dateline place"), max_length=120, help_text=_("Where it was issued, e.g. Düsseldorf.")
    )
    lead = models.TextField(_("lead"), blank=True, help_text=_("The first, summarising paragraph."))
    body = RichTextField(_("text"))
    alliance = models.ForeignKey(
        "alliance_portal.Alliance",
        verbose_name=_("issuing alliance"),
        on_delete=models.PROTECT,
        related_name="press_statements",
        # statement_alliance_list_idx starts with this column and serves its lookups.
        db_index=False,
    )
    signatories = models.ManyToManyField(
        "members.Organisation",
        verbose_name=_("signatories"),
        related_name="signed_statements",
        blank=True,
    )
    press_contacts = models.ManyToManyField(
        "members.Person",
        verbose_name=_("press contacts"),
        related_name="press_statements",
        blank=True,
    )
    boilerplate = models.TextField(
        _("about the alliance"),
        blank=True,
        help_text=_("The closing paragraph about the issuing alliance. Empty: its summary."),
    )
    without_alert = without_alert_field()

    class Meta(Publishable.Meta):
        ordering = ["-published_at", "-pk"]
        verbose_name = _("press statement")
        verbose_name_plural = _("press statements")
        indexes = [
            models.Index(fields=PUBLIC_LIST_INDEX_FIELDS, name="statement_public_list_idx"),
            # One alliance's statements: its press list, feed and "latest statements".
            models.Index(
                fields=["alliance", *PUBLIC_LIST_INDEX_FIELDS], name="statement_alliance_list_idx"
            ),
            unpublish_time_index("statement_unpublish_idx"),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        return reverse("press:detail", kwargs={"slug": self.slug})

    @property
    def release_time(self):
        """The embargo: the statement is public from this moment on."""
        return self.published_at


class Quote(models.Model):
    """Someone's exact words, attributed as of the statement's day.

    Name, function and organisation are copied onto the quote, so a later
    change of someone's job does not rewrite what they were when they spoke.
    `person` and `organisation` link who spoke, on behalf of whom, to their records.
    """

    statement = models.ForeignKey(
        PressStatement,
        verbose_name=_("press statement"),
        on_delete=models.CASCADE,
        related_name="quotes",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text = QuoteTextField(
        _("quote"),
        help_text=_(
            "Without quotation marks: typed ones are removed on saving, and pages, PDF "
            "and press kit add those of the text's language."
        ),
    )
    speaker_name = models.CharField(_("speaker"), max_length=200)
    speaker_function = models.CharField(_("speaker's function"), max_length=300, blank=True)
    speaker_organisation = models.CharField(_("speaker's organisation"), max_length=300, blank=True)
    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        related_name="quotes",
        null=True,
        blank=True,
        help_text=_("Optional. The quote keeps its own name and function either way."),
    )
    # Popolo's `on_behalf_of`: whom the speaker spoke for, in this statement (a person
    # may speak for another organisation elsewhere). Its contacts approve the quote.
    # PROTECT: an organisation cannot disappear from under its quotes.
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="quotes",
        null=True,
        blank=True,
        help_text=_(
            "The organisation the person spoke for in this statement. Links the quote to "
            "that organisation's page, where it is listed among its quotes."
        ),
    )

    class Meta:
        ordering = ["statement", "position", "id"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self):
        return f"{self.speaker_name}: {self.text[:60]}"

    @property
    def anchor(self):
        return f"quote-{self.position}"


class Attachment(models.Model):
    statement = models.ForeignKey(
        PressStatement,
        verbose_name=_("press statement"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    file = DocumentFileField(
        _("file"),
        upload_to="statements/attachments/",
        help_text=_(
            "PDF, Word, Excel or PowerPoint (without macros), or a PNG, JPEG or WebP image."
        ),
    )
    title = models.CharField(_("title"), max_length=200)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    licence = models.CharField(
        _("licence"), max_length=200, help_text=_("Such as “CC BY 4.0” or “free for press use”.")
    )

    class Meta:
        ordering = ["statement", "position", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title


class PreviewLink(models.Model):
    """A signed, expiring, revocable link to an embargoed statement for one journalist.

    The URL carries this row's id signed with the secret key, the same token every
    time for a given link; the page checks the signature, the expiry and the
    revocation on every request. Tokens of the first kind (signed with a timestamp,
    a new one on every page load) are still accepted, so that links already sent
    keep working until they expire.
    """

    statement = models.ForeignKey(
        PressStatement,
        verbose_name=_("press statement"),
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    recipient = models.CharField(
        _("recipient"), max_length=200, help_text=_("The journalist or newsroom it is for.")
    )
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self):
        return f"{self.recipient} – {self.statement}"

    def get_absolute_url(self):
        return reverse("press:preview", kwargs={"token": self.token})

    @property
    def token(self):
        """The link's id, signed: the same for this link on every call."""
        return signing.Signer(salt=PREVIEW_SALT).sign_object(self.pk)

    @property
    def is_active(self):
        return self.revoked_at is None and timezone.now() < self.expires_at

    @classmethod
    def active_for_token(cls, token):
        """The link a token names, if its signature holds and it is neither expired nor revoked."""
        pk = _signed_pk(token)
        if not isinstance(pk, int):
            return None
        link = cls.objects.select_related("statement").filter(pk=pk).first()
        return link if link is not None and link.is_active else None


# Two salts, so that a token of one kind never passes for the other.
PREVIEW_SALT = "statements.preview-link.stable"
# Tokens made before links kept one token (`signing.dumps`, with a timestamp).
TIMESTAMPED_PREVIEW_SALT = "statements.preview-link"


def _signed_pk(token):
    """The id a preview token carries, or None when no signature of ours holds."""
    try:
        return signing.Signer(salt=PREVIEW_SALT).unsign_object(token)
    except signing.BadSignature:
        pass
    try:
        # The link's own expiry decides how long it works, not the token's age.
        return signing.loads(token, salt=TIMESTAMPED_PREVIEW_SALT)
    except signing.BadSignature:
        return None


class Journalist(models.Model):
    """A vetted journalist who may get embargoed advance copies (`advance_copies.py`).

    Personal data: kept without history, so that erasing someone erases them; their
    advance copies then stay on record without a name.
    """

    class Language(models.TextChoices):
        GERMAN = "de", _("German")
        ENGLISH = "en", _("English")

    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(
        _("outlet"), max_length=200, help_text=_("Newspaper, broadcaster, agency or newsroom.")
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        default=Language.GERMAN,
        help_text=_("Advance copies are written to them in this language."),
    )
    is_active = models.BooleanField(
        _("vetted"),
        default=True,
        help_text=_("Only vetted journalists are offered when advance copies are sent."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="journalist_email_unique",
                violation_error_message=_("This address is already on the list."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.outlet})"


class AdvanceCopy(models.Model):
    """An embargoed statement sent to one journalist: who got it, when, by whom, and
    which preview link it carried. Once per statement and journalist."""

    statement = models.ForeignKey(
        PressStatement,
        verbose_name=_("press statement"),
        on_delete=models.CASCADE,
        related_name="advance_copies",
    )
    journalist = models.ForeignKey(
        Journalist,
        verbose_name=_("journalist"),
        # Erasing a journalist keeps the record that a copy went out.
        on_delete=models.SET_NULL,
        null=True,
        related_name="advance_copies",
    )
    preview_link = models.OneToOneField(
        PreviewLink,
        verbose_name=_("preview link"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="advance_copy",
    )
    language = models.CharField(_("language"), max_length=2, choices=Journalist.Language.choices)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    # When the mail server accepted the mail; empty while it waits in the queue.
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    sent_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("advance copy")
        verbose_name_plural = _("advance copies")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "journalist"], name="advance_copy_once_per_journalist"
            )
        ]

    def __str__(self):
        return f"{self.journalist or _('(erased)')} – {self.statement}"


class QuoteApproval(models.Model):
    """A quoted organisation's contact asked to approve a quote, through a signed link.

    `quote_text` is the wording in the request's language the contact was asked
    about, and once they answer, the wording they answered on. The quote's state is
    its latest request's (`statements.approvals`).
    """

    class State(models.TextChoices):
        REQUESTED = "requested", _("approval requested")
        APPROVED = "approved", _("approved")
        CHANGES_PROPOSED = "changes_proposed", _("changes proposed")

    quote = models.ForeignKey(
        Quote, verbose_name=_("quote"), on_delete=models.CASCADE, related_name="approvals"
    )
    contact_name = models.CharField(_("contact"), max_length=200)
    contact_email = models.EmailField(_("contact's e-mail"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    quote_text = models.TextField(_("wording asked about"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    requested_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("expires"))
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    proposed_text = QuoteTextField(_("proposed wording"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    adopted_at = models.DateTimeField(_("wording taken over"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("wording taken over by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["quote", "-requested_at", "-pk"]
        verbose_name = _("quote approval")
        verbose_name_plural = _("quote approvals")

    def __str__(self):
        return f"{self.contact_name} – {self.quote}"

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("press:quote-approval", kwargs={"token": self.token})

    @property
    def token(self):
        return signing.Signer(salt=QUOTE_APPROVAL_SALT).sign_object(self.pk)

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at

    @classmethod
    def for_token(cls, token):
        """The request a token names if its signature holds (expired or not), else None."""
        try:
            pk = signing.Signer(salt=QUOTE_APPROVAL_SALT).unsign_object(token)
        except (signing.BadSignature, ValueError):
            return None
        if not isinstance(pk, int):
            return None
        return cls.objects.select_related("quote__statement").filter(pk=pk).first()


QUOTE_APPROVAL_SALT = "statements.quote-approval"
