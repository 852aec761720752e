"""The admin's publishing rules, shared by every app's admin.

- `HistoryAdmin`: every change and deletion is kept (django-reversion) and can be undone.
- `PublicationRulesMixin`, `PartRulesMixin`: the Editor and Publisher roles (`roles.py`)
  turned into what each may see and do, refused on the server too.
- `PublishableAdmin`: the base of every publishable model's admin, with publish and
  unpublish actions, the publication fieldset and the English-translation status; changes
  to published items go through review (`review_admin.ReviewMixin`) and the page names
  who else has the item open (`presence.PresenceMixin`).
- `OrderedInline`: inline rows in the order staff give them.
- `translation_overview_view`: every published item that still misses English.

No admin prepopulates slugs in the browser (`prepopulated_fields`): the server makes
them (`slugs.py`), in German transliteration, unique, and following the title until
the first publication. Django's URLify would write "bundnis" for "Bündnis", cut in
mid-word, and make a slug that looks typed by staff.
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from js_asset import Media
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin

from .models import Publishable
from .numbers import NUMBER_FORMFIELDS
from .presence import PresenceMixin
from .review_admin import ReviewMixin
from .roles import may_publish
from .translation_status import SOURCE, missing_english, proper_names, translation_overview


class LocalizedNumbers:
    """Admins and inlines: numbers typed and shown the admin language's way (numbers.py)."""

    formfield_overrides = NUMBER_FORMFIELDS


class HistoryAdmin(LocalizedNumbers, VersionAdmin):
    """Every change and deletion made in the admin is kept, with who and when.

    django-reversion records changes; deletions are recorded here too, so a
    deleted item (with the parts it follows, e.g. an alliance's goals) can be
    brought back from "Recover deleted …" on its list page.
    """

    def delete_model(self, request, obj):
        self._record_deletion(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._record_deletion(request, list(queryset))
        super().delete_queryset(request, queryset)

    def _record_deletion(self, request, objects):
        with self.create_revision(request):
            reversion.set_comment(gettext("Deleted."))
            for obj in objects:
                reversion.add_to_revision(obj)


class LockedWhenPublishedMixin:
    """Read-only, for users who may not publish, once what it belongs to is published.

    `publishable_items(obj)` says which publishable items decide: the object
    itself, or the items it is a part of. The server refuses changes and
    deletions (403), and the form says why.
    """

    def publishable_items(self, obj):
        raise NotImplementedError

    # False where published items are changed through review instead (ReviewMixin).
    locks_changes = True

    def is_locked_for(self, request, obj):
        return obj is not None and any(
            item is not None
            and item.status == Publishable.Status.PUBLISHED
            and not may_publish(request.user, type(item))
            for item in self.publishable_items(obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (
            self.locks_changes and self.is_locked_for(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self.is_locked_for(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "GET" and self.is_locked_for(request, obj):
            self.message_user(
                request,
                gettext(
                    "This item is published: your changes go to a Publisher for review "
                    "before the public sees them. Only a Publisher can delete it."
                )
                if not self.locks_changes
                else gettext("This item is published: only a Publisher can change or delete it."),
                messages.INFO,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)


class PublicationRulesMixin(LockedWhenPublishedMixin):
    """Who may change what: the Editor and Publisher roles (alliance_portal/roles.py).

    Without the model's "publish" permission a user sees no publication
    fields and no publish actions, cannot delete an item once it is published
    (or scheduled), and changes it only through review (`review_admin.py`):
    the server refuses, not just the form.
    """

    locks_changes = False

    def has_publish_permission(self, request):
        # Checked by Django for actions declared with permissions=["publish"].
        return may_publish(request.user, self.model)

    def publishable_items(self, obj):
        return [obj]

    def _reversion_revisionform_view(self, request, version, *args, **kwargs):
        # Restoring a published version, or over a published item, is publishing.
        if request.method == "POST" and not self.has_publish_permission(request):
            restored = version._object_version.object
            live = self.model._default_manager.filter(pk=restored.pk).first()
            if Publishable.Status.PUBLISHED in (restored.status, getattr(live, "status", None)):
                raise PermissionDenied
        return super()._reversion_revisionform_view(request, version, *args, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += PUBLICATION_FIELDS
        return fields

    def save_model(self, request, obj, form, change):
        # The form has no publication fields for Editors; this also covers any
        # other way a status could reach the model (a revert, a crafted form).
        # (A save for review is rolled back and waits for a Publisher: review.py.)
        if (
            obj.status == Publishable.Status.PUBLISHED
            and not self.has_publish_permission(request)
            and not getattr(request, "saving_for_review", False)
        ):
            raise PermissionDenied
        super().save_model(request, obj, form, change)
        if obj.status == Publishable.Status.PUBLISHED:
            warn_missing_english(self, request, [obj])


PUBLICATION_FIELDS = ("status", "published_at", "unpublish_at")
PROPER_NAME_HELP = _(
    "Only if it has a name of its own in this language. Left empty, pages in this "
    "language show the German name as it is, not as a missing translation."
)


class PartRulesMixin(LockedWhenPublishedMixin):
    """Parts of publishable items (a goal, a membership) follow their item's rule.

    `publishable_parents` names the foreign keys to those items: without the
    parent's "publish" permission, parts of published items are read-only, and
    new parts can only be attached to drafts.
    """

    publishable_parents = ()

    def publishable_items(self, obj):
        return [getattr(obj, name) for name in self.publishable_parents]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in self.publishable_parents and not may_publish(
            request.user, db_field.related_model
        ):
            field.queryset = field.queryset.filter(status=Publishable.Status.DRAFT)
        return field


def warn_missing_english(model_admin, request, items):
    """Publishing is allowed without English, but never unnoticed."""
    for item in items:
        fields = missing_english(item)
        if fields:
            model_admin.message_user(
                request,
                gettext("“%(item)s” is public without English for: %(fields)s.")
                % {"item": item, "fields": ", ".join(str(name) for name in fields)},
                messages.WARNING,
            )


class PublishableAdmin(
    PresenceMixin, ReviewMixin, PublicationRulesMixin, HistoryAdmin, TabbedTranslationAdmin
):
    """Shared admin behaviour of everything that can be published."""

    actions = ["publish", "unpublish"]
    date_hierarchy = "published_at"
    publication_fieldset = (
        _("Publication"),
        {"fields": (*PUBLICATION_FIELDS, "public_page", "english_missing")},
    )

    def get_readonly_fields(self, request, obj=None):
        return ("public_page", "english_missing", *super().get_readonly_fields(request, obj))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # A proper name's other languages (translation_status.proper_names) are optional:
        # say so under the field, where staff would otherwise copy the name across.
        original = getattr(db_field, "translated_field", None)
        if (
            field is not None
            and original is not None
            and db_field.language != SOURCE
            and original.name in proper_names(self.model)
        ):
            field.help_text = PROPER_NAME_HELP
        return field

    def _set_status(self, request, items, status, comment):
        """Save each item's new status one by one, as one entry in the history."""
        with self.create_revision(request):
            reversion.set_comment(comment)
            for item in items:
                item.status = status
                item.save(update_fields=["status", "updated_at"])

    @admin.action(description=_("Publish the selected items"), permissions=["publish"])
    def publish(self, request, queryset):
        drafts = list(queryset.exclude(status=Publishable.Status.PUBLISHED))
        self._set_status(request, drafts, Publishable.Status.PUBLISHED, gettext("Published."))
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", len(drafts))
            % {"count": len(drafts)},
            messages.SUCCESS,
        )
        # A publish time in the future is kept: the item appears by itself then.
        now = timezone.now()
        scheduled = sum(1 for item in drafts if item.published_at > now)
        if scheduled:
            self.message_user(
                request,
                ngettext(
                    "%(count)d of these has a publish time in the future and will "
                    "become public at that time.",
                    "%(count)d of these have a publish time in the future and will "
                    "become public at that time.",
                    scheduled,
                )
                % {"count": scheduled},
                messages.WARNING,
            )
        warn_missing_english(self, request, drafts)

    @admin.action(
        description=_("Unpublish the selected items (back to draft)"), permissions=["publish"]
    )
    def unpublish(self, request, queryset):
        published = list(queryset.filter(status=Publishable.Status.PUBLISHED))
        self._set_status(request, published, Publishable.Status.DRAFT, gettext("Unpublished."))
        self.message_user(
            request,
            ngettext(
                "%(count)d item set back to draft.",
                "%(count)d items set back to draft.",
                len(published),
            )
            % {"count": len(published)},
            messages.SUCCESS,
        )

    @admin.display(description=_("public"), boolean=True)
    def is_public(self, obj):
        return obj.is_published

    @admin.display(description=_("state"))
    def state(self, obj):
        return obj.publication_state.label

    @admin.display(description=_("English"))
    def english(self, obj):
        missing = missing_english(obj)
        return (
            ngettext("%(count)d text missing", "%(count)d texts missing", len(missing))
            % {"count": len(missing)}
            if missing
            else "✓"
        )

    @admin.display(description=_("English missing for"))
    def english_missing(self, obj):
        missing = missing_english(obj) if obj else []
        return ", ".join(str(name) for name in missing) or gettext(
            "Nothing: all texts have English."
        )

    @admin.display(description=_("page"))
    def public_page(self, obj):
        # (A form shown again with its errors may hold an emptied slug.)
        if not obj or not obj.pk or not getattr(obj, "slug", True):
            return "–"
        note = (
            gettext("the public page")
            if obj.is_published
            else gettext("a preview, marked as such; the public gets a 404")
        )
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> ({})',
            obj.get_absolute_url(),
            gettext("Open"),
            note,
        )

    def render_change_form(self, request, context, *args, **kwargs):
        # The rich-text editor's import map is an inline <script>: under a
        # Content-Security-Policy it carries the request's nonce (django-csp's
        # request.csp_nonce), like every script tag of the form's media.
        nonce = getattr(request, "csp_nonce", None)
        if nonce is not None and "media" in context:
            context["media"] = Media.from_media(context["media"], nonce=nonce)
        return super().render_change_form(request, context, *args, **kwargs)


class OrderedInlineFormSet(forms.BaseInlineFormSet):
    """Rows are stored in the order staff give them, numbered 1, 2, 3… on every save.

    The order is the typed positions (rows without one go to the end), ties broken by
    the order on the page; dragging rows (static/js/admin/ordered-inlines.js) only
    rewrites those numbers, so without JavaScript the position field does the same.
    A subclass may number groups of rows apart (`group_of`): sub-goals per goal.
    """

    order_field = "position"

    def group_of(self, form):
        return None

    def rows_in_order(self):
        """The forms that will be stored, in their new order."""
        deleted = set(self.deleted_forms) if self.can_delete else set()
        rows = [
            (index, form)
            for index, form in enumerate(self.forms)
            if form not in deleted and (form.instance.pk is not None or form.has_changed())
        ]

        def typed(row):
            index, form = row
            position = form.cleaned_data.get(self.order_field)
            return (position is None, position or 0, index)

        return [form for _index, form in sorted(rows, key=typed)]

    def renumber(self):
        numbers = {}
        for form in self.rows_in_order():
            group = self.group_of(form)
            numbers[group] = numbers.get(group, 0) + 1
            if getattr(form.instance, self.order_field) != numbers[group] or not form.instance.pk:
                setattr(form.instance, self.order_field, numbers[group])
                form.cleaned_data[self.order_field] = numbers[group]
                if self.order_field not in form.changed_data:
                    form.changed_data.append(self.order_field)

    def save(self, commit=True):
        self.renumber()
        return super().save(commit)


class OrderedInline(LocalizedNumbers):
    """Inline rows in the order staff give them: by dragging, or by the position field."""

    extra = 0
    ordering = ["position", "id"]
    formset = OrderedInlineFormSet
    # Many rows on one page: keep text boxes short until someone types.
    formfield_overrides = {
        **NUMBER_FORMFIELDS,
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})},
    }

    @property
    def media(self):
        return super().media + forms.Media(
            js=["js/admin/ordered-inlines.js"], css={"all": ["css/admin/ordered-inlines.css"]}
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name == self.formset.order_field:
            # Empty for a new row: it goes to the end.
            field.required = False
            field.initial = None
            field.widget.attrs.update(
                {
                    "size": 3,
                    "class": "ordered-inline-position",
                    "data-drag-label": _("Drag to change the order"),
                }
            )
        return field


def translation_overview_view(request):
    """Every published item that still misses English, with links to edit it."""
    sections = [
        (
            model._meta.verbose_name_plural,
            [
                (
                    entry,
                    reverse(
                        f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                        args=[entry.item.pk],
                    ),
                )
                for entry in entries
            ],
        )
        for model, entries in translation_overview()
    ]
    context = {
        **admin.site.each_context(request),
        "title": gettext("Missing English translations"),
        "sections": sections,
    }
    return TemplateResponse(request, "admin/translation_overview.html", context)
