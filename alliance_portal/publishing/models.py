"""The publication rule: what the public may see, and when.

`Publishable` is the abstract base of every public model (alliances, organisations,
news, articles, statements): a status (draft / published), a publish time and an
optional unpublish time. `published_q()` and `PublicationQuerySet.published()` are the
one place that rule is written; every public page, list, feed, sitemap, search and
download goes through them.

Scheduling needs no job runner: every public query compares the window with the
current time, so an item appears and disappears by itself (and the page cache's
content generation ends at the next such moment, see `page_cache.py`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    # Set when the item is published (to the time it becomes public) and kept from
    # then on, also when it is set back to draft: from then on its slug stays.
    first_published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        abstract = True
        # "publish" separates the Publisher role from the Editor role (see
        # alliance_portal/roles.py); subclasses keep it with `Meta(Publishable.Meta)`.
        default_permissions = ("add", "change", "delete", "view", "publish")

    def save(self, *args, **kwargs):
        first = self.first_publication()
        if first != self.first_published_at:
            self.first_published_at = first
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "first_published_at"}
        super().save(*args, **kwargs)

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

    def has_been_public(self):
        """Whether the public has seen the item (now or before), as last saved."""
        return self.first_published_at is not None and self.first_published_at <= timezone.now()

    def first_publication(self):
        """When the item was or will be public for the first time, by its status and
        publish time, or None: a time already past is history and stays."""
        if self.has_been_public():
            return self.first_published_at
        if self.status != self.Status.PUBLISHED:
            return None
        public_from = max(self.published_at, timezone.now())
        if self.unpublish_at is not None and self.unpublish_at <= public_from:
            return None
        return public_from

    @classmethod
    def publish_permission(cls):
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"

    def clean(self):
        super().clean()
        if self.unpublish_at and self.published_at and self.unpublish_at <= self.published_at:
            raise ValidationError(
                {"unpublish_at": _("The unpublish time must be after the publish time.")}
            )


class PendingChangeQuerySet(models.QuerySet):
    def open(self):
        """Changes not yet live: awaiting review, sent back, or approved for a later time."""
        return self.filter(state__in=PendingChange.OPEN_STATES)

    def for_item(self, item):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(item), object_id=str(item.pk)
        )


class PendingChange(models.Model):
    """A change to a published item (with its parts) that waits for a Publisher.

    The change is stored as django-reversion stores a version of the item: the
    item and every part its history follows, serialised (`snapshot`). Approval
    writes it to the live rows the way "restore" in the history does; until
    then the public sees the live rows only (see `review.py`).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        RETURNED = "returned", _("Sent back")
        SCHEDULED = "scheduled", _("Approved, goes live at its time")
        APPROVED = "approved", _("Approved, live")
        DISCARDED = "discarded", _("Discarded")

    OPEN_STATES = (State.PENDING, State.RETURNED, State.SCHEDULED)

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("kind")
    )
    object_id = models.CharField(_("item"), max_length=64)
    item_repr = models.CharField(_("item"), max_length=300)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    snapshot = models.JSONField(_("changed version"), editable=False)
    summary = models.TextField(_("what changed"), blank=True)
    languages = models.JSONField(_("languages touched"), default=list, blank=True)
    # Whether the publication fields (status, publish and unpublish time) come
    # with the change: only when its author may publish.
    sets_publication = models.BooleanField(default=False, editable=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    go_live_at = models.DateTimeField(_("goes live"), null=True, blank=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("pending change")
        verbose_name_plural = _("review queue")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state__in=["pending", "returned", "scheduled"]),
                name="one_open_change_per_item",
            )
        ]
        indexes = [
            models.Index(
                fields=["go_live_at"],
                condition=models.Q(state="scheduled"),
                name="scheduled_change_go_live",
            )
        ]

    def __str__(self):
        return self.item_repr

    @property
    def item(self):
        model = self.content_type.model_class()
        return model.objects.filter(pk=self.object_id).first()

    @property
    def is_open(self):
        return self.state in self.OPEN_STATES
