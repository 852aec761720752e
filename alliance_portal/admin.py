"""The back office for alliances: one page per alliance with its parts inline.

Memberships and contacts are added to the alliance page by the members app
(see members/admin.py), which builds on this one.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from .models import (
    KEY_FIGURE_FIELDS,
    Alliance,
    Demand,
    Goal,
    KeyFigure,
    ParticipantGroup,
    Section,
    Sector,
)
from .publishing.admin import HistoryAdmin, OrderedInline, PartRulesMixin, PublishableAdmin


class SectionInline(OrderedInline, TranslationStackedInline):
    model = Section
    fields = ("position", "heading", "body")


class GoalFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Only main goals of the alliance being edited can be parents. Taken from
        # the formset's alliance, not the URL: the history views (revert,
        # recover) show this form under other URLs.
        form.fields["parent"].queryset = (
            Goal.objects.filter(alliance=self.instance, parent__isnull=True)
            if self.instance.pk
            else Goal.objects.none()
        )


class GoalInline(OrderedInline, TranslationStackedInline):
    model = Goal
    formset = GoalFormSet
    fields = ("position", "kind", "parent", "title", "description")


class DemandInline(OrderedInline, TranslationTabularInline):
    model = Demand
    fields = ("position", "title", "description")


class KeyFigureInline(OrderedInline, TranslationTabularInline):
    model = KeyFigure
    fields = ("position", *KEY_FIGURE_FIELDS)


class ParticipantGroupInline(OrderedInline, TranslationTabularInline):
    model = ParticipantGroup
    fields = ("position", "name", "description")


@admin.register(Sector)
class SectorAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_de", "name_en", "slug"]


@admin.register(Alliance)
class AllianceAdmin(PublishableAdmin):
    list_display = [
        "name",
        "kind",
        "sector",
        "country",
        "region",
        "member_count",
        "state",
        "english",
        "published_at",
    ]
    list_filter = ["status", "kind", "sector", ("country", CountryFilter), "region", "featured"]
    list_select_related = ["sector"]
    search_fields = ["name_de", "name_en", "short_name", "summary_de", "summary_en", "slug"]
    inlines = [SectionInline, GoalInline, DemandInline, KeyFigureInline, ParticipantGroupInline]
    fieldsets = [
        (None, {"fields": ("name", "short_name", "slug", "kind", "sector", "featured")}),
        (_("Location"), {"fields": ("country", "region")}),
        (
            _("Profile"),
            {"fields": ("summary", "description", "website", "source_url")},
        ),
        (
            _("Founding"),
            {
                "fields": (
                    "founded_on",
                    "founding_document_title",
                    "founding_document_text",
                    "founding_document_file",
                    "founding_document_url",
                )
            },
        ),
        (_("Introductions"), {"fields": ("goals_intro", "demands_intro")}),
        (_("Images"), {"fields": ("logo", "logo_alt", "hero_image", "hero_image_alt")}),
        PublishableAdmin.publication_fieldset,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("memberships"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count


class SubGoalInline(OrderedInline, TranslationStackedInline):
    model = Goal
    fk_name = "parent"
    fields = ("position", "kind", "title", "description")
    verbose_name = _("sub-goal")
    verbose_name_plural = _("sub-goals")


@admin.register(Goal)
class GoalAdmin(PartRulesMixin, HistoryAdmin, TabbedTranslationAdmin):
    """Goals are edited on their alliance's page; here sub-goals are inline too."""

    list_display = ["title", "alliance", "kind", "parent", "position"]
    list_filter = ["kind", "alliance"]
    list_select_related = ["alliance", "parent"]
    search_fields = ["title_de", "title_en", "description_de", "description_en"]
    autocomplete_fields = ["alliance"]
    fields = ("alliance", "parent", "kind", "position", "title", "description")
    inlines = [SubGoalInline]
    publishable_parents = ("alliance",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Goal.objects.filter(parent__isnull=True).select_related("alliance")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
