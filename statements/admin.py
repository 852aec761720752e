from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from alliance_portal.admin import OrderedInline, PublishableAdmin

from .models import Attachment, PressStatement, Quote


class QuoteInline(OrderedInline, TranslationStackedInline):
    model = Quote
    fields = (
        "position",
        "person",
        "speaker_name",
        "speaker_function",
        "speaker_organisation",
        "organisation",
        "text",
    )
    autocomplete_fields = ["person", "organisation"]


class AttachmentInline(OrderedInline, TranslationTabularInline):
    model = Attachment
    fields = ("position", "file", "title", "credit", "licence")


@admin.register(PressStatement)
class PressStatementAdmin(PublishableAdmin):
    list_display = ["headline", "alliance", "dateline_place", "published_at", "status", "is_public"]
    list_filter = ["status", "alliance"]
    list_select_related = ["alliance"]
    search_fields = ["headline_de", "headline_en", "lead_de", "lead_en", "slug"]
    prepopulated_fields = {"slug": ("headline_de",)}
    autocomplete_fields = ["alliance", "signatories", "press_contacts"]
    inlines = [QuoteInline, AttachmentInline]
    fieldsets = [
        (None, {"fields": ("headline", "sub_headline", "slug", "alliance")}),
        (_("Dateline"), {"fields": ("dateline_place",)}),
        (_("Text"), {"fields": ("lead", "body", "boilerplate")}),
        (_("People"), {"fields": ("signatories", "press_contacts")}),
        (
            _("Release"),
            {
                "fields": ("status", "published_at"),
                "description": _(
                    "The publish time is the release time: until then the statement "
                    "is under embargo and invisible to the public."
                ),
            },
        ),
    ]
