from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..richtext.fields import RichTextField


class LegalPage(models.Model):
    """One of the legal pages: at most one of each kind, changed as soon as it is saved.

    Not a `Publishable`: a legal page must never be a draft the public cannot see.
    A kind without a page has no link in the footer and its address answers 404.
    """

    class Kind(models.TextChoices):
        # In the order the footer lists them.
        IMPRINT = "imprint", _("Imprint (Impressum)")
        PRIVACY = "privacy", _("Privacy notice")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"))
    last_reviewed = models.DateField(
        _("last reviewed"),
        help_text=_("When the page was last checked to be complete and correct."),
    )
    contact_email = models.EmailField(
        _("contact e-mail address"),
        blank=True,
        help_text=_(
            "Imprint: the portal's contact, shown in every page's footer. Accessibility "
            "statement: where visitors report barriers (required there by BITV 2.0)."
        ),
    )
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_(
            "As written on a letter. Imprint: the portal's address, shown in every page's "
            "footer. Accessibility statement: where feedback can be sent by post."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")
        constraints = [models.UniqueConstraint(fields=["kind"], name="one_legal_page_per_kind")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("legal:detail", kwargs={"kind": self.kind})

    @property
    def is_accessibility_statement(self):
        return self.kind == self.Kind.ACCESSIBILITY

    def clean(self):
        super().clean()
        if self.is_accessibility_statement and not self.contact_email:
            raise ValidationError(
                {
                    "contact_email": _(
                        "An accessibility statement must name where to report barriers: "
                        "give an e-mail address."
                    )
                }
            )
