"""The back office for organisations and people.

It also puts memberships and contacts on the alliance page: this app builds
on the alliance app, so it extends that admin rather than the other way round.
"""

import reversion
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from alliance_portal.admin import AllianceAdmin
from alliance_portal.models import Alliance
from alliance_portal.publishing.admin import (
    HistoryAdmin,
    OrderedInline,
    PartRulesMixin,
    PublishableAdmin,
)

from .models import AllianceContact, Membership, Organisation, Person


class MembershipInline(OrderedInline, admin.TabularInline):
    model = Membership
    fields = ("position", "organisation", "role", "joined_on")
    autocomplete_fields = ["organisation"]


class MembershipOfOrganisationInline(admin.TabularInline):
    model = Membership
    fields = ("alliance", "role", "joined_on", "position")
    autocomplete_fields = ["alliance"]
    extra = 0
    verbose_name = _("membership in an alliance")
    verbose_name_plural = _("memberships in alliances")


class AllianceContactInline(OrderedInline, TranslationTabularInline):
    model = AllianceContact
    fields = ("position", "person", "role")
    autocomplete_fields = ["person"]


class PersonInline(TranslationTabularInline):
    model = Person
    fields = ("honorific", "name", "function", "email", "phone")
    extra = 0
    show_change_link = True


admin.site.unregister(Alliance)
# The history of an alliance follows its inlines (django-reversion registers
# them when the admin is made): register it again to follow these ones too, so
# that restoring a deleted alliance brings its memberships and contacts back.
reversion.unregister(Alliance)


@admin.register(Alliance)
class AllianceWithMembersAdmin(AllianceAdmin):
    inlines = [MembershipInline, AllianceContactInline, *AllianceAdmin.inlines]


@admin.register(Organisation)
class OrganisationAdmin(PublishableAdmin):
    list_display = [
        "name",
        "short_name",
        "kind",
        "country",
        "region",
        "alliance_count",
        "state",
        "english",
    ]
    list_filter = ["status", "kind", ("country", CountryFilter), "region"]
    search_fields = ["name_de", "name_en", "short_name", "slug", "description_de"]
    inlines = [MembershipOfOrganisationInline, PersonInline]
    fieldsets = [
        (None, {"fields": ("name", "short_name", "slug", "kind")}),
        (_("Location"), {"fields": ("country", "region")}),
        (_("Profile"), {"fields": ("description", "website")}),
        (_("Logo"), {"fields": ("logo", "logo_alt")}),
        PublishableAdmin.publication_fieldset,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(alliance_count=Count("memberships"))

    @admin.display(description=_("alliances"), ordering="alliance_count")
    def alliance_count(self, obj):
        return obj.alliance_count


@admin.register(Person)
class PersonAdmin(PartRulesMixin, HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "honorific", "function", "organisation", "email", "phone"]
    list_filter = ["organisation__kind", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "function_de", "function_en", "email", "organisation__name_de"]
    autocomplete_fields = ["organisation"]
    fields = ("honorific", "name", "function", "organisation", "email", "phone")
    publishable_parents = ("organisation",)


@admin.register(Membership)
class MembershipAdmin(PartRulesMixin, HistoryAdmin):
    """Every membership across the portal, for searching and filtering."""

    list_display = ["organisation", "alliance", "role", "joined_on", "position"]
    list_filter = ["role", "alliance", "organisation__kind"]
    list_select_related = ["organisation", "alliance"]
    search_fields = ["organisation__name_de", "organisation__name_en", "alliance__name_de"]
    autocomplete_fields = ["alliance", "organisation"]
    publishable_parents = ("alliance", "organisation")
