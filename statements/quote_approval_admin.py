"""Quote approval in the statement's admin (the rules are in `quote_approvals.py`).

- `QuoteApprovalInlineMixin`: each quote's row shows its approval state, who was
  asked and when, the answer, a "Request approval" link and, for a proposed
  wording, a one-click "Take over this wording" button.
- `QuoteApprovalAdminMixin`: the request and take-over views, and the Publisher's
  confirmation when a save publishes a statement whose quotes are not all approved
  (the publish action leaves such statements out and says so).
"""

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from alliance_portal.publishing import review
from alliance_portal.publishing.models import Publishable
from alliance_portal.publishing.roles import may_publish

from . import quote_approvals
from .forms import QuoteApprovalRequestForm
from .models import Quote, QuoteApproval

CONFIRM_FIELD = "publish_unapproved_quotes"


def unapproved_quotes(statement, data=None, prefix="quotes"):
    """[(quote, state)] of the statement's quotes that are not approved: as a change
    form submits them (`data`, its quote rows), or else as stored."""
    stored = (
        {quote.pk: quote for quote in statement.quotes.prefetch_related("approvals")}
        if statement.pk
        else {}
    )
    rows = []
    if data is None or f"{prefix}-TOTAL_FORMS" not in data:
        rows = [(quote, None) for quote in stored.values()]
    else:
        try:
            total = min(int(data[f"{prefix}-TOTAL_FORMS"]), 1000)
        except ValueError:
            total = 0
        for index in range(total):
            key = f"{prefix}-{index}-"
            texts = {code: data.get(f"{key}text_{code}", "") for code, _name in settings.LANGUAGES}
            if data.get(f"{key}DELETE") or not any(texts.values()):
                continue
            pk = data.get(f"{key}id", "")
            quote = stored.get(int(pk)) if pk.isdigit() else None
            rows.append((quote or Quote(speaker_name=data.get(f"{key}speaker_name", "")), texts))
    states = [(quote, quote_approvals.quote_state(quote, texts)[0]) for quote, texts in rows]
    return [
        (quote, state) for quote, state in states if state not in quote_approvals.APPROVED_STATES
    ]


def describe(unapproved):
    return ", ".join(f"{quote.speaker_name or '?'} ({state.label})" for quote, state in unapproved)


class QuoteApprovalConfirmForm(forms.ModelForm):
    """The statement's form: publishing it with quotes not approved needs a tick."""

    publish_unapproved_quotes = forms.BooleanField(
        label=_("Publish although not all quotes are approved"), required=False
    )

    def publishes(self):
        status = self.cleaned_data.get("status")
        return (
            status == Publishable.Status.PUBLISHED
            and self.instance.status != Publishable.Status.PUBLISHED
        )

    def clean(self):
        cleaned_data = super().clean()
        self.published_unapproved = ""
        if "status" in self.fields and self.publishes():
            unapproved = unapproved_quotes(self.instance, self.data)
            if unapproved and cleaned_data.get(CONFIRM_FIELD):
                self.published_unapproved = describe(unapproved)
            elif unapproved:
                self.add_error(
                    None,
                    gettext(
                        "Not all quotes are approved: %(quotes)s. Tick “Publish although "
                        "not all quotes are approved” to publish all the same."
                    )
                    % {"quotes": describe(unapproved)},
                )
                self.add_error(CONFIRM_FIELD, gettext("Tick this to publish all the same."))
        return cleaned_data


class QuoteApprovalInlineMixin:
    """For the quote inline: add "approval" to its fields."""

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["css/admin/quote-approval.css"]})

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "approvals__requested_by", "approvals__adopted_by", "organisation", "person"
            )
        )

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "approval")

    @admin.display(description=_("approval by the organisation"))
    def approval(self, obj):
        if obj is None or obj.pk is None:
            return gettext("Save the statement to request approval of this quote.")
        state, latest = quote_approvals.quote_state(obj)
        info = self.admin_site.name
        return render_to_string(
            "admin/statements/_quote_approval.html",
            {
                "quote": obj,
                "state": state,
                "approval": latest,
                "request_url": reverse(
                    f"{info}:statements_pressstatement_quote_approval_request",
                    args=[obj.statement_id, obj.pk],
                ),
                "take_over_url": latest
                and reverse(
                    f"{info}:statements_pressstatement_quote_approval_take_over",
                    args=[obj.statement_id, latest.pk],
                ),
            },
        )


class QuoteApprovalAdminMixin:
    """For the statement's admin, before PublishableAdmin."""

    form = QuoteApprovalConfirmForm

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:statement_id>/quotes/<int:quote_id>/request-approval/",
                view(self.request_quote_approval_view),
                name="statements_pressstatement_quote_approval_request",
            ),
            path(
                "<int:statement_id>/quote-approvals/<int:approval_id>/take-over/",
                view(require_POST(self.take_over_wording_view)),
                name="statements_pressstatement_quote_approval_take_over",
            ),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        publishing = (
            request.method == "POST"
            and request.POST.get("status") == Publishable.Status.PUBLISHED
            and (obj is None or obj.status != Publishable.Status.PUBLISHED)
            and may_publish(request.user, self.model)
        )
        if not publishing:
            return fieldsets
        return [
            (name, {**options, "fields": (*options["fields"], CONFIRM_FIELD)})
            if "status" in options["fields"]
            else (name, options)
            for name, options in fieldsets
        ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(form, "published_unapproved", ""):
            request.published_unapproved = gettext(
                "Published although not all quotes were approved: %(quotes)s."
            ) % {"quotes": form.published_unapproved}
            self.message_user(request, request.published_unapproved, messages.WARNING)

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._note_in_history(request)
        return entry

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._note_in_history(request)
        return entry

    def _note_in_history(self, request):
        note = getattr(request, "published_unapproved", "")
        if note and reversion.is_active():
            reversion.set_comment(f"{reversion.get_comment()} {note}".strip())

    def _statement_for(self, request, statement_id):
        statement = get_object_or_404(self.model, pk=statement_id)
        if not self.has_change_permission(request, statement):
            raise PermissionDenied
        return statement

    def _change_url(self, statement):
        return reverse(
            f"{self.admin_site.name}:statements_pressstatement_change", args=[statement.pk]
        )

    def request_quote_approval_view(self, request, statement_id, quote_id):
        statement = self._statement_for(request, statement_id)
        quote = get_object_or_404(
            Quote.objects.select_related("organisation", "person"), pk=quote_id, statement=statement
        )
        if statement.is_published:
            self.message_user(
                request,
                gettext("The statement is released: its quotes can no longer be approved."),
                messages.ERROR,
            )
            return HttpResponseRedirect(self._change_url(statement))
        form = QuoteApprovalRequestForm(
            request.POST or None, quote=quote, initial={"language": settings.LANGUAGE_CODE}
        )
        if request.method == "POST" and form.is_valid():
            approval = quote_approvals.request_approval(
                quote=quote,
                contact_name=form.cleaned_data["contact_name"],
                contact_email=form.cleaned_data["contact_email"],
                language=form.cleaned_data["language"],
                user=request.user,
            )
            self.message_user(
                request,
                gettext("Approval of the quote by %(speaker)s requested from %(contact)s.")
                % {"speaker": quote.speaker_name, "contact": approval.contact_email},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._change_url(statement))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Request approval of a quote"),
            "opts": self.model._meta,
            "statement": statement,
            "quote": quote,
            "form": form,
            "change_url": self._change_url(statement),
        }
        return TemplateResponse(request, "admin/statements/quote_approval_request.html", context)

    def take_over_wording_view(self, request, statement_id, approval_id):
        statement = self._statement_for(request, statement_id)
        approval = get_object_or_404(
            QuoteApproval.objects.select_related("quote__statement"),
            pk=approval_id,
            quote__statement=statement,
            state=QuoteApproval.State.CHANGES_PROPOSED,
        )
        refusal = None
        if approval.adopted_at:
            refusal = gettext("This wording was taken over already.")
        elif statement.status == Publishable.Status.PUBLISHED and not may_publish(
            request.user, self.model
        ):
            refusal = gettext(
                "The statement is published or scheduled: only a Publisher can change its quotes."
            )
        elif review.open_change_for(statement) is not None:
            refusal = gettext(
                "A change of this statement awaits review: take the wording over in that "
                "change, by hand."
            )
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
        else:
            quote_approvals.take_over_wording(approval=approval, user=request.user)
            self.message_user(
                request,
                gettext("The wording proposed by %(contact)s is now the quote's text.")
                % {"contact": approval.contact_name},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._change_url(statement))

    @admin.action(description=_("Publish the selected items"), permissions=["publish"])
    def publish(self, request, queryset):
        drafts = queryset.exclude(status=Publishable.Status.PUBLISHED)
        held = {
            statement: unapproved
            for statement in drafts
            if (unapproved := unapproved_quotes(statement))
        }
        if held:
            self.message_user(
                request,
                ngettext(
                    "Not published, as not all its quotes are approved: %(items)s. "
                    "Publish it from its page to confirm that.",
                    "Not published, as not all their quotes are approved: %(items)s. "
                    "Publish them from their pages to confirm that.",
                    len(held),
                )
                % {
                    "items": "; ".join(
                        f"“{statement}” ({describe(unapproved)})"
                        for statement, unapproved in held.items()
                    )
                },
                messages.WARNING,
            )
        return super().publish(request, queryset.exclude(pk__in=[s.pk for s in held]))
