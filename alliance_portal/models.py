"""Alliances and what they are made of: goals, demands, key figures, groups.

Also the pieces every public model shares: the `Publishable` base with its
`published()` queryset, stable slugs and images that need alt text.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from .fields import RichTextField
from .uploads.fields import DocumentFileField, PortalImageField


def published_q(relation=""):
    """The rule for what the public may see, as a Q object.

    `relation` lets a query on another model apply the same rule through a
    foreign key, e.g. ``published_q("organisation__")`` on memberships.
    """
    now = timezone.now()
    return models.Q(
        **{
            f"{relation}status": Publishable.Status.PUBLISHED,
            f"{relation}published_at__lte": now,
        }
    ) & (
        models.Q(**{f"{relation}unpublish_at__isnull": True})
        | models.Q(**{f"{relation}unpublish_at__gt": now})
    )


# The columns of an index for lists of public items, newest first: `published_q()`
# with the order `-published_at, -pk`, which the index gives read backwards. The
# trailing `unpublish_at` lets PostgreSQL count the public items and skip to a deep
# page from the index alone (an index-only scan), without reading the rows. A list
# of one alliance's items puts the alliance's column first.
PUBLIC_LIST_INDEX_FIELDS = ["status", "published_at", "id", "unpublish_at"]


def unpublish_time_index(name):
    """An index of the few items with an unpublish time: the page cache asks for the
    next one (`page_cache.next_scheduled_change`); the next publish time comes from
    the list index."""
    return models.Index(
        fields=["status", "unpublish_at"], condition=models.Q(unpublish_at__isnull=False), name=name
    )


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published, and its publish time has come."""
        return self.filter(published_q())

    def years(self):
        """The years (in the current time zone) that have items here, newest first.

        Two queries whatever the number of items, each answered from an index: the
        first and last publish time, then whether each year between has an item
        (where truncating every row's date would read them all).
        """
        # The newest row and, in a subquery, the oldest: each walks the list index
        # from one end and stops at the first public row. (SQLite answers MIN and
        # MAX under a WHERE clause by reading every public row's index entry.)
        oldest = self.order_by("published_at", "pk").values("published_at")[:1]
        # (Name a field in values(): modeltranslation adds every field when only
        # expressions are named.)
        newest = self.order_by("-published_at", "-pk").values(
            "published_at", first=Subquery(oldest)
        )
        span = next(iter(newest[:1]), None)
        if span is None:
            return []
        first, last = (timezone.localtime(span[end]).year for end in ("first", "published_at"))
        candidates = range(last, first - 1, -1)
        answers = {
            f"year_{year}": Exists(self.order_by().filter(published_at__year=year))
            for year in candidates
        }
        # The answers come on one row: the newest item's, found in the index.
        found = self.order_by("-published_at", "-pk").values("pk", **answers)[:1]
        row = next(iter(found), {})
        return [year for year in candidates if row.get(f"year_{year}")]

    def slice_by_keys(self, start, stop):
        """Rows `start` to `stop` of this ordered queryset, in one query that finds
        their keys first: skipping and filtering then happen in an index alone where
        one covers the order (an index-only scan), and only these rows are read."""
        return self.filter(pk__in=self.values("pk")[start:stop])

    def visible_to(self, user):
        """All items for staff who may edit them (to preview drafts); public ones for others."""
        meta = self.model._meta
        if user.has_perm(f"{meta.app_label}.change_{meta.model_name}"):
            return self.all()
        return self.published()


class Publishable(models.Model):
    """Content with a status and a time window in which the public may see it.

    Scheduling needs no job runner: every public query compares the window with
    the current time (`published_q`), so an item appears and disappears by itself.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class State(models.TextChoices):
        """Where an item stands right now, as staff need to know it."""

        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLIC = "public", _("Public")
        EXPIRED = "expired", _("Expired")

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("Only published items whose publish time has come are public."),
    )
    published_at = models.DateTimeField(
        _("publish time"),
        default=timezone.now,
        help_text=_("A time in the future keeps a published item hidden until then."),
    )
    unpublish_at = models.DateTimeField(
        _("unpublish time"),
        null=True,
        blank=True,
        help_text=_("Optional: the item disappears from the public site at this time."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        abstract = True
        # "publish" separates the Publisher role from the Editor role (see
        # alliance_portal/roles.py); subclasses keep it with `Meta(Publishable.Meta)`.
        default_permissions = ("add", "change", "delete", "view", "publish")

    @property
    def publication_state(self):
        now = timezone.now()
        if self.status != self.Status.PUBLISHED:
            return self.State.DRAFT
        if self.published_at > now:
            return self.State.SCHEDULED
        if self.unpublish_at is not None and self.unpublish_at <= now:
            return self.State.EXPIRED
        return self.State.PUBLIC

    @property
    def is_published(self):
        """The same rule as `published_q`, for one item already loaded."""
        return self.publication_state == self.State.PUBLIC

    @classmethod
    def publish_permission(cls):
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"

    def clean(self):
        super().clean()
        if self.unpublish_at and self.published_at and self.unpublish_at <= self.published_at:
            raise ValidationError(
                {"unpublish_at": _("The unpublish time must be after the publish time.")}
            )


def unique_slug(instance, text, *, max_length=80):
    """A slug for `text` that no other row of the instance's model uses yet.

    Slugs are made once, when an item is first saved, and then kept: links to
    an alliance must not break when its name is edited.
    """
    base = slugify(text)[:max_length].strip("-") or "item"
    candidate, number = base, 2
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    while others.filter(slug=candidate).exists():
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        number += 1
    return candidate


class SlugFromTitle(models.Model):
    """Gives a new item a unique slug from its German title (`slug_source`), once."""

    slug_source = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            source = self.slug_source
            self.slug = unique_slug(
                self, getattr(self, f"{source}_de", "") or getattr(self, source)
            )
        super().save(*args, **kwargs)


def require_alt_text(instance, image_field, alt_field):
    """Images are shown to people who cannot see them: they need alt text."""
    if getattr(instance, image_field) and not getattr(instance, f"{alt_field}_de", None):
        raise ValidationError(
            {
                f"{alt_field}_de": _(
                    "Describe the image in a few words for people who cannot see "
                    "it (at least in German), or remove the image."
                )
            }
        )


class Sector(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name


class Alliance(SlugFromTitle, Publishable):
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
        help_text=_("Part of the web address. Made from the name if left empty."),
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
    logo = PortalImageField(
        _("logo"),
        upload_to="alliances/logos/",
        blank=True,
        width_field="logo_width",
        height_field="logo_height",
    )
    logo_width = models.PositiveIntegerField(_("logo width"), null=True, editable=False)
    logo_height = models.PositiveIntegerField(_("logo height"), null=True, editable=False)
    logo_alt = models.CharField(_("logo alt text"), max_length=200, blank=True)
    hero_image = PortalImageField(
        _("hero image"),
        upload_to="alliances/heroes/",
        blank=True,
        width_field="hero_image_width",
        height_field="hero_image_height",
    )
    hero_image_width = models.PositiveIntegerField(_("hero image width"), null=True, editable=False)
    hero_image_height = models.PositiveIntegerField(
        _("hero image height"), null=True, editable=False
    )
    hero_image_alt = models.CharField(_("hero image alt text"), max_length=200, blank=True)

    class Meta(Publishable.Meta):
        ordering = ["name"]
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("alliances:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        require_alt_text(self, "logo", "logo_alt")
        require_alt_text(self, "hero_image", "hero_image_alt")


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
        help_text=_("The full number: 22.5 billion euros is 22500000000."),
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
        return f"{self.label}: {self.value} ({self.year}, {self.scope})"


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
