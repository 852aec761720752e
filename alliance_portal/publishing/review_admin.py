"""The review workflow in the admin (the rules are in `review.py`).

- `ReviewMixin`, part of every publishable model's admin: an Editor's save of a
  published item, or a Publisher's "Save for review", becomes the item's pending
  change; whoever opens the item while one is open continues it. A save made from
  a version someone else has changed since is refused (`edit_version`).
- `PendingChangeAdmin`: the review queue, each change's comparison, its preview in
  both languages, and the Publisher's decision.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, resolve, reverse
from django.utils import timezone, translation
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from . import review
from .models import PendingChange
from .roles import may_publish


def item_admin_url(change):
    meta = change.content_type
    return reverse(f"admin:{meta.app_label}_{meta.model}_change", args=[change.object_id])


def review_url(change):
    return reverse("admin:alliance_portal_pendingchange_change", args=[change.pk])


# --- Edit conflicts ---------------------------------------------------------------


def edit_version(item, change):
    """What the form was made from: the live item's last change, and the pending
    change's, if any. A save from another version is refused."""
    version = item.updated_at.isoformat()
    if change is not None:
        version += f"|{change.pk}@{change.changed_at.isoformat()}"
    return version


def conflict_message(item, change, submitted):
    """Who changed what since `submitted` was the version, or None if nobody did."""
    current = edit_version(item, change)
    if not submitted or submitted == current:
        return None
    if change is not None and submitted.partition("|")[2] != current.partition("|")[2]:
        return gettext(
            "%(user)s changed the pending change of this item at %(time)s, after you "
            "opened it (%(what)s)."
        ) % {
            "user": review.person(change.changed_by),
            "time": localize(localtime(change.changed_at)),
            "what": change.summary,
        }
    latest = Version.objects.get_for_object(item).select_related("revision__user").first()
    if latest is None:
        who, when, what = None, item.updated_at, ""
    else:
        revision = latest.revision
        who, when, what = revision.user, revision.date_created, revision.get_comment()
    return gettext("%(user)s changed this item at %(time)s, after you opened it (%(what)s).") % {
        "user": review.person(who) if who else gettext("someone"),
        "time": localize(localtime(when)),
        "what": what or gettext("no details recorded"),
    }


CONFLICT_ADVICE = _(
    "Your typed values are still in the form below; nothing was saved. Compare them with "
    "the current version (open the item in a new tab), then save again to keep yours."
)


class ReviewMixin:
    """Changes to published items go through review; no save overwrites another's."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, unquote(object_id))
        if item is None:
            return super().change_view(request, object_id, form_url, extra_context)
        change = review.open_change_for(item)
        request.edit_version = edit_version(item, change)

        def admin_view():
            return super(ReviewMixin, self).change_view(request, object_id, form_url, extra_context)

        if request.method == "POST":
            conflict = conflict_message(item, change, request.POST.get("_edit_version"))
            if conflict:
                request.edit_conflict = f"{conflict} {CONFLICT_ADVICE}"
            asked = "_save_for_review" in request.POST
            if change is not None or review.needs_review(item, request.user, asked=asked):
                if not self.has_change_permission(request, item):
                    raise PermissionDenied
                return self._save_for_review(request, item, admin_view)
            return admin_view()
        if change is not None:
            self._announce(request, item, change)
            request.pending_comparison = review.compare(
                item, review.snapshot(item), change.snapshot
            )
            return review.render_applied(change, item, admin_view)
        return admin_view()

    def _save_for_review(self, request, item, admin_view):
        request.saving_for_review = True
        response, change = review.capture_change(item, request.user, admin_view)
        if change is None:
            return response
        # The rolled-back save queued its own messages ("changed successfully").
        list(messages.get_messages(request))
        self.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                gettext(
                    "Your change to “%(item)s” is saved for review: the public sees the "
                    "live version until a Publisher approves it."
                )
                % {"item": item},
                review_url(change),
                gettext("See the comparison"),
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(response["Location"])

    def _announce(self, request, item, change):
        if change.state == PendingChange.State.RETURNED:
            text = gettext(
                "%(reviewer)s sent the change by %(author)s back on %(time)s. Comment: "
                "“%(comment)s” – The form shows that change; saving it submits it for review "
                "again."
            ) % {
                "reviewer": review.person(change.reviewed_by),
                "author": review.person(change.proposed_by),
                "time": localize(localtime(change.reviewed_at)),
                "comment": change.review_comment,
            }
            level = messages.WARNING
        elif change.state == PendingChange.State.SCHEDULED:
            text = gettext(
                "A change approved by %(reviewer)s goes live at %(time)s. The form shows it; "
                "saving it again needs a new approval."
            ) % {
                "reviewer": review.person(change.reviewed_by),
                "time": localize(localtime(change.go_live_at)),
            }
            level = messages.INFO
        else:
            text = gettext(
                "A change by %(author)s (%(time)s) is awaiting review. The form shows it, "
                "not the live version; saving continues that change."
            ) % {
                "author": review.person(change.changed_by or change.proposed_by),
                "time": localize(localtime(change.changed_at)),
            }
            level = messages.INFO
        self.message_user(
            request,
            format_html('{} <a href="{}">{}</a>', text, review_url(change), gettext("Review")),
            level,
        )

    def delete_model(self, request, obj):
        review.discard_open_changes([obj], request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        review.discard_open_changes(list(queryset), request.user)
        super().delete_queryset(request, queryset)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        conflict = getattr(request, "edit_conflict", None)
        if not conflict:
            return form

        class RefusedForm(form):
            def clean(self):
                cleaned_data = super().clean()
                self.add_error(None, forms.ValidationError(conflict, code="edit_conflict"))
                return cleaned_data

        return RefusedForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["edit_version"] = getattr(request, "edit_version", "")
        context["pending_comparison"] = getattr(request, "pending_comparison", None)
        context["can_save_for_review"] = (
            obj is not None
            and change
            and review.needs_review(obj, request.user, asked=True)
            and may_publish(request.user, type(obj))
        )
        return super().render_change_form(request, context, add, change, form_url, obj)


# --- The review queue ------------------------------------------------------------


class OpenFilter(admin.SimpleListFilter):
    """Open changes first: the queue is what waits for someone."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("Open")), *PendingChange.State.choices, ("all", _("All"))]

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": (self.value() or "open") == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or "open"
        if value == "open":
            return queryset.open()
        if value == "all":
            return queryset
        return queryset.filter(state=value)


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Required when sending a change back."),
    )
    go_live_at = forms.SplitDateTimeField(
        label=_("Go live at"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=_("Only for “Approve for this time”: the change goes live by itself then."),
    )

    def clean(self):
        cleaned_data = super().clean()
        decision = self.data.get("decision")
        if decision == "send_back" and not cleaned_data.get("comment", "").strip():
            self.add_error("comment", gettext("Say what should change before sending it back."))
        if decision == "schedule":
            moment = cleaned_data.get("go_live_at")
            if moment is None and "go_live_at" not in self.errors:
                self.add_error("go_live_at", gettext("Enter when the change should go live."))
            elif moment is not None and moment <= timezone.now():
                self.add_error("go_live_at", gettext("This time has passed: approve now instead."))
        if decision not in ("approve", "schedule", "send_back", "discard"):
            raise forms.ValidationError(gettext("Choose a decision."))
        return cleaned_data


class PendingChangeAdmin(admin.ModelAdmin):
    list_display = ["item_link", "kind", "state", "author", "changed_at", "languages_touched"]
    list_filter = [OpenFilter, "content_type"]
    list_select_related = ["content_type", "proposed_by", "changed_by"]
    search_fields = ["item_repr", "summary"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("item"), ordering="item_repr")
    def item_link(self, change):
        return format_html('<a href="{}">{}</a>', review_url(change), change.item_repr)

    @admin.display(description=_("kind"), ordering="content_type")
    def kind(self, change):
        return change.content_type.model_class()._meta.verbose_name

    @admin.display(description=_("author"))
    def author(self, change):
        return review.person(change.changed_by or change.proposed_by)

    @admin.display(description=_("languages touched"))
    def languages_touched(self, change):
        names = dict(settings.LANGUAGES)
        return ", ".join(str(names[code]) for code in change.languages if code in names) or "–"

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/<str:language>/",
                self.admin_site.admin_view(self.preview_view),
                name="alliance_portal_pendingchange_preview",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = get_object_or_404(
            PendingChange.objects.select_related("proposed_by", "changed_by", "reviewed_by"),
            pk=unquote(object_id),
        )
        item = change.item
        if not self.has_view_permission(request, change) or item is None:
            raise Http404
        model = type(item)
        may_decide = may_publish(request.user, model)
        form = DecisionForm(request.POST or None)
        if request.method == "POST":
            if not may_decide or not change.is_open:
                raise PermissionDenied
            if form.is_valid():
                return self._decide(request, change, form)
        live = review.snapshot(item)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Review: %(item)s") % {"item": change.item_repr},
            "opts": self.model._meta,
            "change": change,
            "item": item,
            "kind": model._meta.verbose_name,
            "item_url": item_admin_url(change),
            "comparison": review.compare(item, live, change.snapshot) if change.is_open else None,
            "previews": [
                (
                    name,
                    reverse("admin:alliance_portal_pendingchange_preview", args=[change.pk, code]),
                )
                for code, name in settings.LANGUAGES
            ],
            "form": form if may_decide and change.is_open else None,
            "media": self.media + form.media,
            "live_changed_since": item.updated_at > change.proposed_at,
        }
        return TemplateResponse(request, "admin/publishing/review.html", context)

    def _decide(self, request, change, form):
        try:
            text = self._apply_decision(request, change, form)
        except review.ReviewError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.path)
        moment = change.go_live_at and localize(localtime(change.go_live_at))
        self.message_user(
            request, text % {"item": change.item_repr, "time": moment}, messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:alliance_portal_pendingchange_changelist"))

    def _apply_decision(self, request, change, form):
        decision = form.data["decision"]
        user = request.user
        if decision == "approve":
            review.approve(change, user)
            text = gettext("The change to “%(item)s” is live.")
        elif decision == "schedule":
            review.approve(change, user, at=form.cleaned_data["go_live_at"])
            text = gettext("The change to “%(item)s” goes live at %(time)s.")
        elif decision == "send_back":
            review.send_back(change, user, form.cleaned_data["comment"].strip())
            text = gettext("The change to “%(item)s” was sent back to its author.")
        else:
            review.discard(change, user)
            text = gettext("The change to “%(item)s” was discarded.")
        return text

    def preview_view(self, request, pk, language):
        """The public page of the item with the change applied, as the public would see
        it after approval, with a banner; rolled back, never cached, never indexed."""
        change = get_object_or_404(PendingChange, pk=pk)
        if language not in dict(settings.LANGUAGES) or not change.is_open:
            raise Http404
        item = change.item
        if item is None:
            raise Http404
        with translation.override(language):
            public_path = item.get_absolute_url()
            match = resolve(public_path)
            request.path = request.path_info = public_path
            request.LANGUAGE_CODE = language
            request.review_preview = change
            response = review.render_applied(
                change, item, lambda: match.func(request, *match.args, **match.kwargs)
            )
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
