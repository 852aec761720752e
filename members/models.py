"""Who is in the alliances: organisations, their memberships, and people."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from alliance_portal.publishing.models import Publishable, unpublish_time_index
from alliance_portal.publishing.slugs import SlugFromTitle, comparison_key
from alliance_portal.richtext.fields import RichTextField
from alliance_portal.uploads.fields import ImagesNeedAltText, ImageWithAltText

from . import duplicates, identifiers

phone_validator = RegexValidator(
    r"^\+?[0-9 ()/\-]{4,30}$",
    _("Enter a phone number of digits, spaces and + ( ) / -, such as +49 211 4796-276."),
)


class Organisation(SlugFromTitle, Publishable, ImagesNeedAltText):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        ASSOCIATION = "association", _("Association")
        TRADE_UNION = "trade_union", _("Trade union")
        GOVERNMENT_BODY = "government_body", _("Government body")
        RESEARCH = "research", _("Research")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the web address. Left empty, it is made from the name, and it "
            "follows the name until the item is first published; then it stays. If you "
            "change it after that, the old address leads to the new one."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = RichTextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    logo = ImageWithAltText(
        _("logo"), alt_text=_("logo alt text"), upload_to="organisations/logos/"
    )
    # In public registers (identifiers.py): each empty when not known.
    wikidata_id = identifiers.IdentifierField(identifiers.WIKIDATA)
    transparency_register_id = identifiers.IdentifierField(identifiers.EU_TRANSPARENCY_REGISTER)
    lobbyregister_id = identifiers.IdentifierField(identifiers.DE_LOBBYREGISTER)
    lei = identifiers.IdentifierField(identifiers.LEI)
    # The German name as duplicates are found by (`duplicates.py`); made by save().
    name_key = models.CharField(
        _("name for comparison"), max_length=400, blank=True, default="", editable=False
    )

    class Meta(Publishable.Meta):
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # The list in each language's alphabetical order (modeltranslation sorts by
        # `name_<language>`). The trailing columns let PostgreSQL filter, count and skip
        # to a deep page from the index alone (an index-only scan).
        indexes = [
            models.Index(
                fields=[
                    f"name_{code}",
                    "id",
                    "status",
                    "published_at",
                    "unpublish_at",
                    "kind",
                    "country",
                ],
                name=f"organisation_name_{code}_idx",
            )
            for code, _language in settings.LANGUAGES
        ] + [
            unpublish_time_index("organisation_unpublish_idx"),
            models.Index(fields=["name_key"], name="organisation_name_key_idx"),
        ]
        # An identifier names one organisation (clean() says which one has it).
        constraints = [
            models.UniqueConstraint(
                fields=[scheme.field],
                condition=~models.Q(**{scheme.field: ""}),
                name=f"organisation_unique_{scheme.field}",
                violation_error_code="unique",  # the message goes to the field
                violation_error_message=_(
                    "Another organisation has this identifier already: an identifier "
                    "names one organisation only."
                ),
            )
            for scheme in identifiers.SCHEMES
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        name_field = self.slug_title_field()  # the German name
        self.name_key = comparison_key(getattr(self, name_field) or "")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", name_field} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = self.identifiers_taken()
        name_field = self.slug_title_field()
        name = getattr(self, name_field)
        # Refused when the name is new or changed: an existing pair stays editable.
        if name and (self._state.adding or comparison_key(name) != self.name_key):
            existing = duplicates.organisation_named(Organisation, name, exclude_pk=self.pk)
            if existing is not None:
                errors[name_field] = ValidationError(
                    format_html(
                        _(
                            "An organisation of this name exists already: {organisation}. "
                            "Change that one instead of adding it a second time."
                        ),
                        organisation=duplicates.admin_link(existing, getattr(existing, name_field)),
                    ),
                    code="duplicate",
                )
        if errors:
            raise ValidationError(errors)

    def identifiers_taken(self):
        """{field: error} for each identifier that another organisation has, naming
        that organisation: one query, none without identifiers."""
        given = {
            scheme.field: value
            for scheme in identifiers.SCHEMES
            if (value := getattr(self, scheme.field))
        }
        if not given:
            return {}
        query = models.Q()
        for field, value in given.items():
            query |= models.Q(**{field: value})
        errors = {}
        for other in Organisation.objects.filter(query).exclude(pk=self.pk):
            for field, value in given.items():
                if getattr(other, field) == value:
                    errors[field] = ValidationError(
                        format_html(
                            _(
                                "{organisation} has this identifier already: an identifier "
                                "names one organisation only."
                            ),
                            organisation=duplicates.admin_link(
                                other, getattr(other, self.slug_title_field())
                            ),
                        ),
                        code="duplicate",
                    )
        return errors


class MembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)

    def former(self):
        """Memberships that ended: they stay on the record, shown as former."""
        return self.filter(left_on__isnull=False)


class Membership(models.Model):
    """An organisation in an alliance, in a role, from the day it joined to the day it
    left (Popolo's membership with `start_date` and `end_date`)."""

    class Role(models.TextChoices):
        FOUNDER = "founder", _("Founding member")
        MEMBER = "member", _("Member")
        PARTNER = "partner", _("Partner")
        ORGANISER = "organiser", _("Organiser")

    FORMER_ROLES = {
        Role.FOUNDER: _("former founding member"),
        Role.MEMBER: _("former member"),
        Role.PARTNER: _("former partner"),
        Role.ORGANISER: _("former organiser"),
    }

    alliance = models.ForeignKey(
        "alliance_portal.Alliance",
        verbose_name=_("alliance"),
        on_delete=models.CASCADE,
        related_name="memberships",
        db_index=False,  # the unique constraint's index starts with this column
    )
    # PROTECT: an organisation that is in an alliance cannot vanish from it by
    # accident; its memberships have to be ended first.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
        db_index=False,  # membership_by_organisation_idx starts with this column
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(
        _("left on"),
        null=True,
        blank=True,
        help_text=_(
            "Empty while the organisation is in the alliance. Once it has left, the day it "
            "left: it stays on the alliance's page as a former member."
        ),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["alliance", "position", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        # An organisation's alliances, and the alliances sharing current members with
        # one (related alliances), from the index alone (`include` on PostgreSQL).
        indexes = [
            models.Index(
                fields=["organisation", "alliance"],
                include=["left_on"],
                name="membership_by_organisation_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "organisation"],
                name="membership_unique_per_alliance",
                violation_error_message=_(
                    "This organisation is already in this alliance: change its "
                    "existing membership instead of adding a second one."
                ),
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.alliance} ({self.get_role_display()})"

    @property
    def is_former(self):
        return self.left_on is not None

    @property
    def former_role_label(self):
        """ "former member", as `get_role_display()` says "Member"."""
        return self.FORMER_ROLES.get(self.role, self.get_role_display())

    def clean(self):
        super().clean()
        if self.left_on is None:
            return
        if self.joined_on and self.left_on < self.joined_on:
            raise ValidationError(
                {
                    "left_on": ValidationError(
                        _(
                            "The organisation cannot have left before it joined "
                            "(%(joined_on)s): check both dates."
                        ),
                        # Formatted when shown, in the language it is shown in.
                        params={"joined_on": lazy(date_format, str)(self.joined_on)},
                        code="left_before_joining",
                    )
                }
            )
        # A departure is recorded once it has happened, never ahead of time: so whether
        # a membership is current never changes with the clock alone, and a cached page
        # stays right until the next edit (unlike publish times, there is no moment at
        # which the page cache would have to end by itself).
        if self.left_on > timezone.localdate():
            raise ValidationError(
                {
                    "left_on": ValidationError(
                        _(
                            "The day the organisation left cannot be in the future: enter it "
                            "once the organisation has left."
                        ),
                        code="left_in_future",
                    )
                }
            )


class Person(models.Model):
    name = models.CharField(_("name"), max_length=200)
    honorific = models.CharField(
        _("honorific"), max_length=60, blank=True, help_text=_("Such as “Prof. Dr.”.")
    )
    function = models.CharField(
        _("function"),
        max_length=200,
        blank=True,
        help_text=_("The person's current job title, such as “Press officer”."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[phone_validator])
    # The name as duplicates are found by (`duplicates.py`); made by save().
    name_key = models.CharField(
        _("name for comparison"), max_length=400, blank=True, default="", editable=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["name_key", "organisation"], name="person_name_key_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "organisation"],
                name="person_unique_per_organisation",
                violation_error_message=_(
                    "A person of this name is already recorded for this organisation."
                ),
            )
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_key = comparison_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)
        self._stored_identity = (self.name_key, self.organisation_id)

    @classmethod
    def from_db(cls, db, field_names, values):
        person = super().from_db(db, field_names, values)
        person._stored_identity = (
            person.__dict__.get("name_key"),
            person.__dict__.get("organisation_id"),
        )
        return person

    @property
    def full_name(self):
        return f"{self.honorific} {self.name}".strip()

    def clean(self):
        super().clean()
        identity = (comparison_key(self.name), self.organisation_id)
        # Refused when new, renamed or moved: an existing pair stays editable.
        if self.name and identity != getattr(self, "_stored_identity", None):
            existing = duplicates.person_at(
                Person, self.name, self.organisation_id, exclude_pk=self.pk
            )
            if existing is not None:
                raise ValidationError(
                    {
                        "name": format_html(
                            _(
                                "{person} is already recorded for this organisation. Change "
                                "that entry instead of adding the person a second time."
                            ),
                            person=duplicates.admin_link(existing),
                        )
                    },
                    code="duplicate",
                )


class AllianceContact(models.Model):
    """Someone the public may contact about an alliance, in a given role."""

    alliance = models.ForeignKey(
        "alliance_portal.Alliance",
        verbose_name=_("alliance"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="alliance_contacts",
    )
    role = models.CharField(
        _("role"), max_length=120, blank=True, help_text=_("Such as “Press contact”.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["alliance", "position", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "person"],
                name="contact_unique_per_alliance",
                violation_error_message=_("This person is already a contact of this alliance."),
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.alliance})"
