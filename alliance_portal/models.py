"""Alliances and what they are made of: goals, demands, key figures, groups.

What every public model shares lives in sub-packages: the publication rule in
`publishing/`, rich text in `richtext/`, images and documents in `uploads/`. The legal
pages (`legal/`) and the e-mail alerts (`alerts/`) are models of this app too, imported
here.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from .alerts.models import Consent, Delivery, Release, SignupAttempt, Subscriber  # noqa: F401
from .legal.models import LegalPage  # noqa: F401 (a model of this app)
from .publishing.models import Publishable
from .publishing.numbers import format_number
from .publishing.slugs import SlugFromTitle
from .richtext.fields import RichTextField
from .uploads.fields import DocumentFileField, ImagesNeedAltText, ImageWithAltText
from .web.branding import BrandColourField, brand_class


class Sector(SlugFromTitle):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Part of the web address. Made from the name if left empty."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name


class Alliance(SlugFromTitle, Publishable, ImagesNeedAltText):
    class Kind(models.TextChoices):
        ALLIANCE = "alliance", _("Alliance")
        REGIONAL_ALLIANCE = "regional_alliance", _("Regional alliance")
        WORKING_GROUP = "working_group", _("Working group")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"),
        max_length=40,
        blank=True,
        help_text=_("An abbreviation used in lists, such as “UKAA”."),
    )
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
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ALLIANCE)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        related_name="alliances",
        null=True,
        blank=True,
    )
    country = CountryField(_("country"), blank=True)
    region = models.CharField(
        _("region"),
        max_length=120,
        blank=True,
        help_text=_("A federal state or region, if the alliance works in one."),
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown first on the home page.")
    )
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences for lists and search results.")
    )
    description = RichTextField(_("description"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    founding_place = models.CharField(
        _("founding place"),
        max_length=120,
        blank=True,
        help_text=_(
            "Where the alliance was founded, such as “Saarbrücken”: one name for all languages."
        ),
    )
    founding_document_title = models.CharField(
        _("founding document"),
        max_length=200,
        blank=True,
        help_text=_("For example “Gemeinsame Erklärung”."),
    )
    founding_document_text = RichTextField(_("founding document text"), blank=True)
    founding_document_file = DocumentFileField(
        _("founding document file"), upload_to="alliances/documents/", blank=True
    )
    founding_document_url = models.URLField(_("founding document link"), blank=True)
    website = models.URLField(_("website"), blank=True)
    source_url = models.URLField(
        _("source link"),
        blank=True,
        help_text=_("Where the information on this page comes from."),
    )
    goals_intro = models.TextField(_("introduction to the goals"), blank=True)
    demands_intro = models.TextField(_("introduction to the demands"), blank=True)
    logo = ImageWithAltText(_("logo"), alt_text=_("logo alt text"), upload_to="alliances/logos/")
    brand_colour = BrandColourField(
        _("brand colour"),
        help_text=_(
            "The alliance's colour, as #rrggbb: the band of its page, its cards and its "
            "sharing images. Text on it is white, so it must be dark enough for a contrast "
            "of at least 4.5:1 (WCAG AA)."
        ),
    )
    hero_image = ImageWithAltText(
        _("hero image"), alt_text=_("hero image alt text"), upload_to="alliances/heroes/"
    )
    hero_image_caption = models.CharField(
        _("hero image caption"),
        max_length=300,
        blank=True,
        help_text=_("Shown under the hero image: what or whom it shows."),
    )
    hero_image_credit = models.CharField(
        _("hero image credit"),
        max_length=200,
        blank=True,
        help_text=_("Who took or made the image, such as “Jane Doe / Trimet”."),
    )
    hero_image_licence = models.CharField(
        _("hero image licence"),
        max_length=100,
        blank=True,
        help_text=_("Under which terms the image is used, such as “CC BY 4.0”."),
    )
    hero_image_licence_url = models.URLField(
        _("hero image licence link"),
        blank=True,
        help_text=_("The licence's text, such as https://creativecommons.org/licenses/by/4.0/."),
    )

    class Meta(Publishable.Meta):
        ordering = ["name"]
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("alliances:detail", kwargs={"slug": self.slug})

    @property
    def brand_class(self):
        """The CSS class that gives an element this alliance's colour (`/brand.css`)."""
        return brand_class(self.slug)

    @property
    def has_hero_credits(self):
        return bool(
            self.hero_image_caption
            or self.hero_image_credit
            or self.hero_image_licence
            or self.hero_image_licence_url
        )


class AlliancePart(models.Model):
    """A piece of an alliance page, shown in the order staff choose."""

    alliance = models.ForeignKey(Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["alliance", "position", "id"]


class Section(AlliancePart):
    heading = models.CharField(_("heading"), max_length=200)
    body = RichTextField(_("text"))

    class Meta(AlliancePart.Meta):
        default_related_name = "sections"
        verbose_name = _("text section")
        verbose_name_plural = _("text sections")

    def __str__(self):
        return self.heading


class Goal(AlliancePart):
    class Kind(models.TextChoices):
        GOAL = "goal", _("Goal")
        FIELD_OF_ACTION = "field_of_action", _("Field of action")

    # RESTRICT, not PROTECT: a main goal cannot be deleted while it has
    # sub-goals, but deleting the whole alliance takes both along.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent goal"),
        on_delete=models.RESTRICT,
        related_name="children",
        null=True,
        blank=True,
        help_text=_("Makes this a sub-goal, such as one dimension of a goal."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GOAL)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta(AlliancePart.Meta):
        default_related_name = "goals"
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.title

    def clean(self):
        if self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": _("A goal cannot be a part of itself.")})
        if self.alliance_id is None:
            # A sub-goal added on its main goal's page belongs to its alliance.
            self.alliance_id = self.parent.alliance_id
        if self.parent.alliance_id != self.alliance_id:
            raise ValidationError({"parent": _("Choose a parent goal from the same alliance.")})
        if self.parent.parent_id is not None:
            raise ValidationError(
                {
                    "parent": ValidationError(
                        _(
                            "“%(parent)s” is itself a sub-goal. Sub-goals go one level "
                            "deep: choose a main goal."
                        ),
                        params={"parent": self.parent},
                    )
                }
            )
        if self.pk and self.children.exists():
            raise ValidationError(
                {"parent": _("This goal has sub-goals of its own, so it must stay a main goal.")}
            )


class Demand(AlliancePart):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta(AlliancePart.Meta):
        default_related_name = "demands"
        verbose_name = _("demand")
        verbose_name_plural = _("demands")

    def __str__(self):
        return self.title


class KeyFigure(AlliancePart):
    """A number with its context: figures differ by year, scope and source."""

    class Unit(models.TextChoices):
        COUNT = "count", _("count (no unit)")
        EUR = "EUR", _("euro")
        GBP = "GBP", _("pound sterling")
        PERCENT = "percent", _("per cent")
        TONNES = "tonnes", _("tonnes")

    class Qualifier(models.TextChoices):
        EXACT = "", pgettext_lazy("key figure qualifier", "exactly")
        ABOUT = "about", pgettext_lazy("key figure qualifier", "about")
        OVER = "over", pgettext_lazy("key figure qualifier", "over")
        UP_TO = "up_to", pgettext_lazy("key figure qualifier", "up to")

    label = models.CharField(
        _("label"), max_length=200, help_text=_("What is counted, such as “employees”.")
    )
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, blank=True, default=""
    )
    value = models.DecimalField(
        _("value"),
        max_digits=20,
        decimal_places=3,
        help_text=_("The full number: 22.5 billion euros is 22,500,000,000."),
    )
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.COUNT)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1800), MaxValueValidator(2200)]
    )
    scope = models.CharField(
        _("scope"),
        max_length=200,
        help_text=_("Where or what the figure covers, such as “Germany” or “NRW”."),
    )
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source link"), blank=True)

    class Meta(AlliancePart.Meta):
        default_related_name = "key_figures"
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self):
        value = format_number(self.value) if self.value is not None else ""
        return f"{self.label}: {value} ({self.year}, {self.scope})"

    def clean(self):
        super().clean()
        if self.unit == self.Unit.PERCENT and self.value is not None and not 0 <= self.value <= 100:
            raise ValidationError(
                {
                    "value": _(
                        "A share in per cent lies between 0 and 100: check the value or the unit."
                    )
                }
            )


# What a key figure says, in order: its admin row and its CSV and JSON downloads.
KEY_FIGURE_FIELDS = ("label", "qualifier", "value", "unit", "year", "scope", "source", "source_url")


class ParticipantGroup(AlliancePart):
    """A kind of participant a working group invites, not a named member."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta(AlliancePart.Meta):
        default_related_name = "participant_groups"
        verbose_name = _("participant group")
        verbose_name_plural = _("participant groups")

    def __str__(self):
        return self.name
