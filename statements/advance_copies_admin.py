"""The back office of embargoed advance copies (`advance_copies.py`).

- `JournalistAdmin`: the list of vetted journalists. No history (django-reversion):
  it is personal data, and deleting someone must erase them.
- `AdvanceCopyAdmin`: who got which statement when, read-only.
- `AdvanceCopiesMixin`: on a statement's change form, the copies sent so far and the
  way to the page that sends them to chosen journalists. Shown as a read-only field,
  not an inline: an inline would put the copies into the statement's history and
  its reviews, which must neither restore nor remove them.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .advance_copies import NotUnderEmbargo, embargo_refusal, embargo_time, send_advance_copies
from .models import AdvanceCopy, Journalist


@admin.register(Journalist)
class JournalistAdmin(admin.ModelAdmin):
    list_display = ["name", "outlet", "email", "language", "is_active", "copies", "created_at"]
    list_filter = ["is_active", "language"]
    search_fields = ["name", "outlet", "email"]
    fields = ["name", "outlet", "email", "language", "is_active", "notes"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(copy_count=Count("advance_copies"))

    @admin.display(description=_("advance copies"), ordering="copy_count")
    def copies(self, journalist):
        return journalist.copy_count


@admin.register(AdvanceCopy)
class AdvanceCopyAdmin(admin.ModelAdmin):
    list_display = [
        "sent_at",
        "statement",
        "journalist",
        "language",
        "sent_by",
        "delivered_at",
        "link_state",
    ]
    list_filter = ["language", "sent_at"]
    list_select_related = ["statement", "journalist", "sent_by", "preview_link"]
    search_fields = ["journalist__name", "journalist__outlet", "statement__headline_de"]
    date_hierarchy = "sent_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("preview link"))
    def link_state(self, copy):
        return link_state(copy)


def link_state(copy):
    link = copy.preview_link
    if link is None:
        return gettext("deleted")
    return gettext("active") if link.is_active else gettext("expired or revoked")


class SendForm(forms.Form):
    journalists = forms.ModelMultipleChoiceField(
        queryset=Journalist.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one journalist.")},
    )


class AdvanceCopiesMixin:
    """PressStatementAdmin: send embargoed advance copies, and see who got one."""

    advance_copies_fieldset = (
        _("Embargoed advance copies"),
        {"fields": ("advance_copies",)},
    )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/advance-copies/",
                self.admin_site.admin_view(self.advance_copies_view),
                name="statements_pressstatement_advance_copies",
            ),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None or not request.user.has_perm("statements.view_advancecopy"):
            return fieldsets
        return [*fieldsets, self.advance_copies_fieldset]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "advance_copies")

    def may_send_advance_copies(self, request):
        return request.user.has_perms(["statements.add_advancecopy", "statements.add_previewlink"])

    @admin.display(description=_("sent"))
    def advance_copies(self, statement):
        if statement is None or statement.pk is None:
            return "–"
        return render_to_string(
            "admin/statements/_advance_copies.html",
            {
                "copies": statement.advance_copies.select_related(
                    "journalist", "sent_by", "preview_link"
                ),
                "send_url": reverse(
                    "admin:statements_pressstatement_advance_copies", args=[statement.pk]
                ),
                "refusal": embargo_refusal(statement),
            },
        )

    def advance_copies_view(self, request, object_id):
        statement = self.get_object(request, unquote(object_id))
        if statement is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not (
            self.has_view_permission(request, statement) and self.may_send_advance_copies(request)
        ):
            raise PermissionDenied
        change_url = reverse("admin:statements_pressstatement_change", args=[statement.pk])
        refusal = embargo_refusal(statement)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return HttpResponseRedirect(change_url)
        form = SendForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                copies, skipped = send_advance_copies(
                    statement=statement,
                    journalists=form.cleaned_data["journalists"],
                    sent_by=request.user,
                )
            except NotUnderEmbargo as refused:
                self.message_user(request, str(refused), messages.ERROR)
                return HttpResponseRedirect(change_url)
            self.report(request, copies, skipped)
            return HttpResponseRedirect(change_url)
        sent = {
            copy.journalist_id: copy
            for copy in statement.advance_copies.filter(journalist__isnull=False)
        }
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Send embargoed advance copies"),
            "opts": self.opts,
            "statement": statement,
            "change_url": change_url,
            "embargo": embargo_time(statement),
            "form": form,
            "rows": [
                (journalist, sent.get(journalist.pk))
                for journalist in form.fields["journalists"].queryset
            ],
            "journalist_list_url": reverse("admin:statements_journalist_changelist"),
        }
        return TemplateResponse(request, "admin/statements/send_advance_copies.html", context)

    def report(self, request, copies, skipped):
        self.message_user(
            request,
            ngettext(
                "%(count)d embargoed advance copy is on its way.",
                "%(count)d embargoed advance copies are on their way.",
                len(copies),
            )
            % {"count": len(copies)},
            messages.SUCCESS if copies else messages.WARNING,
        )
        if skipped:
            self.message_user(
                request,
                gettext("Not sent again (they already have it): %(journalists)s.")
                % {"journalists": ", ".join(str(journalist) for journalist in skipped)},
                messages.WARNING,
            )
