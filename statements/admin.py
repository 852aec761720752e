from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.forms import Script
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from alliance_portal.alerts.item_admin import AlertedItemAdmin
from alliance_portal.publishing.admin import OrderedInline, PublishableAdmin

from .advance_copies_admin import AdvanceCopiesMixin
from .models import Attachment, PressStatement, PreviewLink, Quote
from .quote_approval_admin import QuoteApprovalAdminMixin, QuoteApprovalInlineMixin


class QuoteInline(QuoteApprovalInlineMixin, OrderedInline, TranslationStackedInline):
    model = Quote
    fields = (
        "position",
        "person",
        "speaker_name",
        "speaker_function",
        "speaker_organisation",
        "organisation",
        "text",
        "approval",
    )
    autocomplete_fields = ["person", "organisation"]


class AttachmentInline(OrderedInline, TranslationTabularInline):
    model = Attachment
    fields = ("position", "file", "title", "credit", "licence")


def default_expiry():
    return timezone.now() + timedelta(days=7)


class PreviewLinkInline(admin.TabularInline):
    """Links that let named journalists read the statement before its release.

    Each shows its full address in a read-only field, to select and copy by hand
    or with the copy button (`js/copy-button.js`, shown only where JavaScript runs).
    """

    model = PreviewLink
    fields = ("recipient", "expires_at", "revoked_at", "link")
    readonly_fields = ("link",)
    extra = 0
    verbose_name = _("preview link for a journalist")
    verbose_name_plural = _("preview links for journalists (signed, expiring, revocable)")

    class Media:
        js = [Script("js/copy-button.js", type="module")]

    def get_formset(self, request, obj=None, **kwargs):
        # An inline is made afresh for each request (ModelAdmin.get_inline_instances):
        # the site's address can be kept on it for `link`.
        self.site_address = settings.SITE_URL or request.build_absolute_uri("/").rstrip("/")
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["expires_at"].initial = default_expiry
        return formset

    @admin.display(description=_("link"))
    def link(self, obj):
        if not obj.pk:
            return _("Save to get the link.")
        if not obj.is_active:
            return _("expired or revoked")
        site_address = getattr(self, "site_address", settings.SITE_URL)
        address = f"{site_address}{obj.get_absolute_url()}"
        return format_html(
            '<span class="preview-link" data-copy-container>'
            '<input type="text" class="vTextField" readonly value="{address}" size="70" '
            'aria-label="{label}"> '
            '<button type="button" class="button" data-copy data-copied="{copied}" hidden>'
            "{copy}</button> "
            '<a href="{address}" target="_blank" rel="noopener">{open}</a> '
            '<span role="status"></span></span>',
            address=address,
            label=gettext("Preview link for %(recipient)s") % {"recipient": obj.recipient},
            copy=gettext("Copy"),
            copied=gettext("Copied."),
            open=gettext("Open"),
        )


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    list_display = ["recipient", "statement", "expires_at", "revoked_at", "created_by"]
    list_filter = ["revoked_at"]
    list_select_related = ["statement", "created_by"]
    search_fields = ["recipient", "statement__headline_de"]
    actions = ["revoke"]
    readonly_fields = ["created_by"]

    @admin.action(description=_("Revoke the selected preview links"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d link revoked.", "%(count)d links revoked.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(PressStatement)
class PressStatementAdmin(
    AdvanceCopiesMixin, QuoteApprovalAdminMixin, AlertedItemAdmin, PublishableAdmin
):
    list_display = [
        "headline",
        "alliance",
        "dateline_place",
        "published_at",
        "state",
        "english",
    ]
    list_filter = ["status", "alliance"]
    list_select_related = ["alliance"]
    search_fields = ["headline_de", "headline_en", "lead_de", "lead_en", "slug"]
    autocomplete_fields = ["alliance", "signatories", "press_contacts"]
    inlines = [QuoteInline, AttachmentInline, PreviewLinkInline]
    fieldsets = [
        (None, {"fields": ("headline", "sub_headline", "slug", "alliance")}),
        (_("Dateline"), {"fields": ("dateline_place",)}),
        (_("Text"), {"fields": ("lead", "body", "boilerplate")}),
        (_("People"), {"fields": ("signatories", "press_contacts")}),
        (
            _("Release"),
            {
                "fields": (
                    *PublishableAdmin.publication_fieldset[1]["fields"],
                    *AlertedItemAdmin.alert_fields,
                ),
                "description": _(
                    "The publish time is the release time: until then the statement "
                    "is under embargo and invisible to the public."
                ),
            },
        ),
    ]

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            if formset.model is PreviewLink:
                for inline_form in formset.forms:
                    if not inline_form.instance.pk:
                        inline_form.instance.created_by = request.user
        super().save_related(request, form, formsets, change)
