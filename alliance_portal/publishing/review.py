"""Review: changes to published items wait for a Publisher before the public sees them.

A change is kept as a stored version, the way django-reversion keeps the item's
history: the item and every part its history follows (an alliance's goals, key
figures, memberships…), serialised (`PendingChange.snapshot`). Why a stored
version and not a draft copy of the item: a copy would need every part copied and
linked, and every public query taught to skip copies; a version is one row, and the
public queries, the page cache, search, feeds and PDFs read the live rows as they
always did, so nothing pending can leak through any of them.

- `capture_change()`: the admin saves the form as usual inside a transaction,
  the saved state is read as a version, and the transaction is rolled back.
- `applied()`: the change written to the live rows inside a transaction that is
  rolled back, to show the form or the public page as it will be.
- `approve()`: written for good, now or at a chosen time. A time needs no job
  runner: `DueChangesMiddleware` applies due changes on the next request, before
  the page cache or any view reads the data.
- `compare()`: live and pending, field by field, parts added, changed, removed
  and reordered.
"""

import logging
import time
from contextlib import contextmanager
from decimal import Decimal

import reversion
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone, translation
from django.utils.formats import localize
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext
from reversion.models import Version
from reversion.utils import mute_signals

from .cache_outage import guarded
from .models import PendingChange, Publishable
from .numbers import format_number

# Fields every save sets anew: no reader of a comparison cares.
UNCOMPARED_FIELDS = {"updated_at", "created_at", "first_published_at", "position"}
PUBLICATION_FIELDS = ("status", "published_at", "unpublish_at")
NEXT_GO_LIVE_KEY = "review:next-go-live"
logger = logging.getLogger(__name__)
# An empty text and no value read the same to a reader.
EMPTY = (None, "")


class ReviewError(Exception):
    """A change that cannot be written to the live rows (its message says why)."""


class _RollBack(Exception):
    def __init__(self, value):
        self.value = value


class _Undo(Exception):
    pass


def open_change_for(item):
    return PendingChange.objects.open().for_item(item).select_related("proposed_by").first()


def needs_review(item, user, *, asked=False):
    """Whether a save of `item` by `user` becomes a pending change: always for a
    published (or scheduled) item an Editor changes, and when a Publisher asks."""
    return item.status == Publishable.Status.PUBLISHED and (
        asked or not user.has_perm(type(item).publish_permission())
    )


# --- Versions ----------------------------------------------------------------


def _version_data(version):
    return {
        # The model by name, not by content-type id: ids differ between databases,
        # and a backup restores this row into another one.
        "model": version._model._meta.label_lower,
        "object_id": version.object_id,
        "db": version.db,
        "format": version.format,
        "serialized_data": version.serialized_data,
        "object_repr": version.object_repr,
    }


def _versions(snapshot):
    versions = []
    for data in snapshot:
        data = dict(data)
        app_label, model_name = data.pop("model").split(".")
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
        versions.append(Version(content_type=content_type, **data))
    return versions


def _key(data):
    return (data["model"], str(data["object_id"]))


def _version_key(version):
    return (version._model._meta.label_lower, str(version.object_id))


def latest_snapshot(item):
    """The item's newest version in its history, with its parts, as stored data."""
    version = Version.objects.get_for_object(item).select_related("revision").first()
    if version is None:
        return None
    return [_version_data(v) for v in version.revision.version_set.order_by("pk")]


def snapshot(item):
    """The item and its followed parts as they are in the database now.

    Recorded as django-reversion records a version, in a transaction that is
    then rolled back: the history does not grow, the serialisation is the same.
    """
    # Read afresh: django-reversion serialises the object it is given.
    item = type(item)._default_manager.get(pk=item.pk)
    try:
        with transaction.atomic():
            with reversion.create_revision(manage_manually=True):
                reversion.add_to_revision(item)
            raise _RollBack(latest_snapshot(item))
    except _RollBack as rollback:
        return rollback.value


def _reserve_keys(versions_data):
    """Keep the primary keys of rows the change adds from being given out again.

    The rows were inserted in a rolled-back transaction. PostgreSQL's sequences
    never give a number twice anyway; SQLite's AUTOINCREMENT counter was rolled
    back with them, so move it on.
    """
    if connection.vendor != "sqlite":
        return
    highest = {}
    for data in versions_data:
        model = apps.get_model(data["model"])
        try:
            number = int(data["object_id"])
        except ValueError:
            continue
        table = model._meta.db_table
        highest[table] = max(highest.get(table, 0), number)
    with connection.cursor() as cursor:
        for table, number in highest.items():
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = MAX(seq, %s) WHERE name = %s", [number, table]
            )


# --- Writing a change to the live rows ----------------------------------------


def outside_review(item):
    """Labels of parts kept out of review (`parts_outside_review` on the item's model):
    their own rules apply, as for a statement's embargo preview links."""
    return {label.lower() for label in getattr(type(item), "parts_outside_review", ())}


def write(change, item, *, live=None):
    """Make the live rows of `item` what `change` says, in the current transaction.

    Like "restore" in the history (django-reversion's revert with delete): parts
    not in the change are deleted, the others saved as stored. The publication
    fields stay the live ones unless the change's author may publish.
    """
    live = snapshot(item) if live is None else live
    ignored = outside_review(item)
    versions = [v for v in _versions(change.snapshot) if v._model._meta.label_lower not in ignored]
    wanted = {_version_key(v) for v in versions}
    live_keys = {_key(data) for data in live}
    root = item_key(item)
    if root not in wanted:
        raise ReviewError(gettext("The change does not contain the item itself."))
    for label, object_id in live_keys - wanted:
        model = apps.get_model(label)
        if label not in ignored:
            model._default_manager.filter(pk=object_id).delete()
    for version in versions:
        key = _version_key(version)
        stored = version._object_version
        model = type(stored.object)
        if key not in live_keys and model._default_manager.filter(pk=stored.object.pk).exists():
            raise ReviewError(
                gettext("“%(part)s” cannot be added: its number is taken. Make the change again.")
                % {"part": version.object_repr}
            )
        if key == root:
            keep = ("first_published_at",)
            if not change.sets_publication:
                keep += PUBLICATION_FIELDS
            for name in keep:
                setattr(stored.object, name, getattr(item, name))
        stored.save()
    # A version keeps its stored "last changed" time; the item did change now
    # (and an edit form opened before this is out of date).
    type(item)._default_manager.filter(pk=item.pk).update(updated_at=timezone.now())


@contextmanager
def applied(change, item):
    """Inside this block the database shows `item` with `change` applied; afterwards
    it is rolled back. Signals are muted, as django-reversion does for its
    previews: the page cache and the history must not notice."""
    silent = mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
    try:
        with transaction.atomic(), silent:
            write(change, item)
            yield
            raise _Undo
    except _Undo:
        pass


def render_applied(change, item, render):
    """`render()`'s response, made (and rendered) while `change` is applied."""
    try:
        with applied(change, item):
            response = render()
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            raise _RollBack(response)
    except _RollBack as rollback:
        return rollback.value


# --- Saving, approving, sending back -----------------------------------------


def capture_change(item, user, save):
    """Run `save()` (the admin's own save of the form, returning its response) so that
    it becomes the pending change of `item` instead of going live.

    Returns (response, change): change is None when the form was not valid
    (the response then shows the errors and the typed values).
    """
    change = open_change_for(item)
    live = snapshot(item)
    try:
        with transaction.atomic():
            if change is not None:
                write(change, item, live=live)
            response = save()
            if response.status_code != 302:
                if hasattr(response, "render"):
                    response.render()
                raise _RollBack((response, None))
            raise _RollBack((response, snapshot(item)))
    except _RollBack as rollback:
        response, captured = rollback.value
    if captured is None:
        return response, None
    _reserve_keys(captured)
    differences = compare(item, live, captured)
    now = timezone.now()
    if change is None:
        change = PendingChange(
            content_type=ContentType.objects.get_for_model(item),
            object_id=str(item.pk),
            proposed_by=user,
            proposed_at=now,
        )
    with translation.override(settings.LANGUAGE_CODE):  # names are in German first
        change.item_repr = str(item)[:300]
    change.snapshot = captured
    change.summary = differences.summary()
    change.languages = differences.languages()
    change.sets_publication = user.has_perm(type(item).publish_permission())
    change.changed_by = user
    change.changed_at = now
    change.state = PendingChange.State.PENDING
    change.go_live_at = None
    change.save()
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(
            gettext("Change proposed for review: %(what)s") % {"what": change.summary}
        )
        reversion.add_to_revision(item)
    remember_next_go_live()
    return response, change


def _history_comment(change, reviewer, *, approved):
    values = {
        "author": person(change.proposed_by),
        "when": localize(localtime(change.proposed_at)),
        "reviewer": person(reviewer),
    }
    if approved:
        return gettext("Change by %(author)s (%(when)s) approved by %(reviewer)s.") % values
    return gettext("Change by %(author)s (%(when)s) sent back by %(reviewer)s.") % values


def person(user):
    if user is None:
        return gettext("a deleted user")
    return user.get_full_name() or user.get_username()


def approve(change, reviewer, *, at=None):
    """Approve `change`: live now, or at `at` (a scheduled approval)."""
    now = timezone.now()
    change.reviewed_by = reviewer
    change.reviewed_at = now
    if at is not None and at > now:
        change.state = PendingChange.State.SCHEDULED
        change.go_live_at = at
        change.save()
        remember_next_go_live()
        return
    change.go_live_at = None
    go_live(change)


def go_live(change):
    """Write an approved change to the live rows, and record it in the item's history."""
    with transaction.atomic():
        claimed = PendingChange.objects.filter(
            pk=change.pk, state__in=PendingChange.OPEN_STATES
        ).update(state=PendingChange.State.APPROVED)
        if not claimed:
            return False
        item = change.item
        if item is None:
            raise ReviewError(gettext("The item no longer exists."))
        live = snapshot(item)
        if latest_snapshot(item) is None:
            # Keep what the approval replaces restorable from the history.
            with reversion.create_revision():
                reversion.set_comment(gettext("Live version before an approved change."))
                reversion.add_to_revision(item)
        write(change, item, live=live)
        item.refresh_from_db()
        with reversion.create_revision():
            reversion.set_user(change.reviewed_by)
            reversion.set_comment(_history_comment(change, change.reviewed_by, approved=True))
            reversion.add_to_revision(item)
        change.state = PendingChange.State.APPROVED
        change.save()
    remember_next_go_live()
    return True


def send_back(change, reviewer, comment):
    change.state = PendingChange.State.RETURNED
    change.reviewed_by = reviewer
    change.reviewed_at = timezone.now()
    change.review_comment = comment
    change.go_live_at = None
    change.save()
    item = change.item
    if item is not None:
        with reversion.create_revision():
            reversion.set_user(reviewer)
            reversion.set_comment(
                _history_comment(change, reviewer, approved=False)
                + " "
                + gettext("Comment: %(comment)s") % {"comment": comment}
            )
            reversion.add_to_revision(item)
    remember_next_go_live()


def discard(change, user):
    change.state = PendingChange.State.DISCARDED
    change.reviewed_by = user
    change.reviewed_at = timezone.now()
    change.save()
    remember_next_go_live()


def discard_open_changes(items, user):
    """Deleting an item ends its open change: there is nothing left to change."""
    for item in items:
        PendingChange.objects.open().for_item(item).update(
            state=PendingChange.State.DISCARDED, reviewed_by=user, reviewed_at=timezone.now()
        )
    remember_next_go_live()


# --- Scheduled approvals --------------------------------------------------------


def _coordination():
    from django.core.cache import caches

    return caches["coordination"]


def remember_next_go_live():
    """Store when the next scheduled approval is due (0: none) in the shared cache."""
    moment = (
        PendingChange.objects.filter(state=PendingChange.State.SCHEDULED)
        .order_by("go_live_at")
        .values_list("go_live_at", flat=True)
        .first()
    )
    value = moment.timestamp() if moment else 0
    guarded(lambda: _coordination().set(NEXT_GO_LIVE_KEY, value, timeout=None))
    return value


def apply_due_changes():
    """Write every scheduled approval whose time has come; returns how many.

    A change that cannot be written (its item was deleted, a part's number is
    taken) is sent back with the reason instead of being tried on every request.
    """
    due = PendingChange.objects.filter(
        state=PendingChange.State.SCHEDULED, go_live_at__lte=timezone.now()
    ).select_related("reviewed_by", "proposed_by")
    applied_count = 0
    for change in due:
        try:
            applied_count += go_live(change)
        except ReviewError as error:
            logger.warning("Scheduled change %s could not go live: %s", change.pk, error)
            PendingChange.objects.filter(pk=change.pk).update(
                state=PendingChange.State.RETURNED,
                review_comment=gettext("Could not go live at its time: %(reason)s")
                % {"reason": error},
            )
    remember_next_go_live()
    return applied_count


class DueChangesMiddleware:
    """Scheduled approvals go live on the first request after their time.

    One read of the shared cache per request; the database only when a change
    is due (or the cache lost the time). Placed before the page cache, so no
    cached page outlives the change.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            next_due = guarded(lambda: _coordination().get(NEXT_GO_LIVE_KEY))
            if next_due is None:
                next_due = remember_next_go_live()
            if next_due and next_due <= time.time():
                apply_due_changes()
        except DatabaseError:
            # The page itself then answers 503 (web/middleware.py); the change goes
            # live on the first request after the database is back.
            logger.warning("Scheduled changes not checked: the database is unavailable.")
        return self.get_response(request)


# --- Comparison -----------------------------------------------------------------


class Difference:
    """One object's change: "added", "removed", "changed" or "reordered", with the
    fields that differ as (label, language, live, pending)."""

    def __init__(self, kind, model, label, fields=()):
        self.kind = kind
        self.model = model
        self.label = label
        self.fields = list(fields)

    @property
    def kind_label(self):
        return {
            "added": gettext("added"),
            "removed": gettext("removed"),
            "changed": gettext("changed"),
            "reordered": gettext("moved"),
        }[self.kind]

    @property
    def model_label(self):
        return self.model._meta.verbose_name


class Comparison:
    def __init__(self, item_differences, part_differences):
        self.item = item_differences
        self.parts = part_differences

    def __bool__(self):
        return bool(self.item or self.parts)

    def languages(self):
        found = {language for d in self.all() for _l, language, *_ in d.fields if language}
        return [code for code, _name in settings.LANGUAGES if code in found]

    def all(self):
        return [*self.item, *self.parts]

    def summary(self):
        pieces = [str(label) for label, *_ in (self.item[0].fields if self.item else [])]
        counts = {}
        for difference in self.parts:
            counts.setdefault(difference.model, {}).setdefault(difference.kind, 0)
            counts[difference.model][difference.kind] += 1
        for model, kinds in counts.items():
            tally = ", ".join(
                f"{count} {Difference(kind, model, '').kind_label}" for kind, count in kinds.items()
            )
            pieces.append(f"{model._meta.verbose_name_plural}: {tally}")
        return "; ".join(pieces) or gettext("No visible difference")


def _comparable_fields(model):
    """(name, label, language) of the fields a reader compares."""
    translated_originals = set()
    for field in model._meta.concrete_fields:
        original = getattr(field, "translated_field", None)
        if original is not None:
            translated_originals.add(original.name)
    fields = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in UNCOMPARED_FIELDS:
            continue
        if field.name in translated_originals:
            continue
        fields.append((field, getattr(field, "language", None)))
    return fields


def _shown(field, value):
    if value in (None, ""):
        return "–"
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return localize(localtime(value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, Decimal):
        return format_number(value)
    return Truncator(strip_tags(str(value))).chars(400)


def _field_differences(model, before, after, root=None):
    differences = []
    for field, language in _comparable_fields(model):
        old, new = before.get(field.attname), after.get(field.attname)
        if root is not None and _points_to(field, new, root):
            continue  # a part's link to its item: the item is the page's subject
        if old != new and not (old in EMPTY and new in EMPTY):
            differences.append(
                (field.verbose_name, language, _shown(field, old), _shown(field, new))
            )
    return differences


def _objects(snapshot_data, ignored):
    objects = {}
    for version in _versions(snapshot_data):
        stored = version._object_version.object
        if stored._meta.label_lower in ignored:
            continue
        values = {f.attname: getattr(stored, f.attname) for f in type(stored)._meta.concrete_fields}
        objects[_version_key(version)] = (
            type(stored),
            version.object_repr,
            values,
        )
    return objects


def item_key(item):
    return (item._meta.label_lower, str(item.pk))


def _points_to(field, value, item):
    return (
        field.is_relation
        and field.related_model is not None
        and issubclass(type(item), field.related_model)
        and str(value) == str(item.pk)
    )


def compare(item, live_snapshot, pending_snapshot):
    """Live and pending, field by field, with parts added, removed, changed and moved."""
    ignored = outside_review(item)
    live, pending = _objects(live_snapshot, ignored), _objects(pending_snapshot, ignored)
    root = item_key(item)
    item_differences, part_differences = [], []
    for key in [*pending, *(k for k in live if k not in pending)]:
        if key in pending and key in live:
            model, label, after = pending[key]
            before = live[key][2]
            fields = _field_differences(model, before, after, item if key != root else None)
            target = item_differences if key == root else part_differences
            if fields:
                target.append(Difference("changed", model, label, fields))
            elif key != root and before.get("position") != after.get("position"):
                target.append(
                    Difference(
                        "reordered",
                        model,
                        label,
                        [
                            (
                                gettext("position"),
                                None,
                                before.get("position"),
                                after.get("position"),
                            )
                        ],
                    )
                )
        elif key in pending:
            model, label, after = pending[key]
            fields = _field_differences(model, {}, after, item)
            part_differences.append(Difference("added", model, label, fields))
        else:
            model, label, before = live[key]
            part_differences.append(Difference("removed", model, label, []))
    return Comparison(item_differences, part_differences)
