"""The back office for alliances: one page per alliance with its parts inline.

Memberships and contacts are added to the alliance page by the members app
(see members/admin.py), which builds on this one.
"""

from django import forms
from django.contrib import admin
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from .alerts.admin import ReleaseAdmin, SubscriberAdmin
from .alerts.models import Release, Subscriber
from .legal.admin import LegalPageAdmin
from .legal.models import LegalPage
from .models import (
    Alliance,
    Demand,
    Goal,
    KeyFigure,
    ParticipantGroup,
    Section,
    Sector,
)
from .publishing.admin import (
    HistoryAdmin,
    OrderedInline,
    OrderedInlineFormSet,
    PartRulesMixin,
    PublishableAdmin,
)
from .publishing.models import PendingChange
from .publishing.numbers import LocalizedIntegerField
from .publishing.review_admin import PendingChangeAdmin
from .web.branding import BrandColourField, ColourInput


class SectionInline(OrderedInline, TranslationStackedInline):
    model = Section
    fields = ("position", "heading", "body")


class GoalForm(forms.ModelForm):
    """A goal on its alliance's page: a sub-goal names its main goal by number."""

    parent_number = LocalizedIntegerField(
        label=_("sub-goal of no."),
        required=False,
        min_value=1,
        help_text=_("Empty for a main goal."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.parent_id:
            self.initial.setdefault("parent_number", self.instance.parent.position)


class GoalFormSet(OrderedInlineFormSet):
    """Goals and sub-goals in one save. Main goals are numbered 1…n, each goal's
    sub-goals 1…n under it; a sub-goal names its main goal by the number typed for
    it, so a goal and its sub-goals can be entered together."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        main_goals, sub_goals = {}, {}
        for form in self.rows_in_order():
            kind = sub_goals if form.cleaned_data.get("parent_number") else main_goals
            kind.setdefault(form.cleaned_data.get(self.order_field), []).append(form)
        for form in (form for rows in sub_goals.values() for form in rows):
            number = form.cleaned_data["parent_number"]
            candidates = main_goals.get(number, [])
            if len(candidates) == 1:
                form.parent_form = candidates[0]
            elif candidates:
                form.add_error(
                    "parent_number",
                    _("Several main goals have the number %(number)s: give each its own.")
                    % {"number": number},
                )
            elif number in sub_goals:
                form.add_error(
                    "parent_number",
                    _(
                        "No. %(number)s is itself a sub-goal. Sub-goals go one level deep: "
                        "give the number of a main goal."
                    )
                    % {"number": number},
                )
            else:
                form.add_error(
                    "parent_number",
                    _("No main goal has the number %(number)s.") % {"number": number},
                )

    def group_of(self, form):
        return getattr(form, "parent_form", None)

    def save(self, commit=True):
        self.renumber()
        waiting = []  # sub-goals of main goals that get their key in this save
        for form in self.rows_in_order():
            parent_form = getattr(form, "parent_form", None)
            parent = parent_form.instance if parent_form else None
            if parent is not None and parent.pk is None:
                waiting.append((form.instance, parent))
                parent = None
            if form.instance.parent_id != (parent.pk if parent else None):
                form.instance.parent = parent
                form.changed_data.append("parent")
        saved = super().save(commit)
        for goal, parent in waiting:
            goal.parent = parent
            goal.save(update_fields=["parent"])
        return saved


class GoalInline(OrderedInline, TranslationStackedInline):
    model = Goal
    form = GoalForm
    formset = GoalFormSet
    fields = (("position", "parent_number", "kind"), "title", "description")

    def get_queryset(self, request):
        # As the page shows them: each main goal followed by its sub-goals.
        return (
            super()
            .get_queryset(request)
            .select_related("parent")
            .order_by(
                Coalesce("parent__position", "position"),
                Coalesce("parent_id", "id"),
                F("parent_id").asc(nulls_first=True),
                "position",
                "id",
            )
        )


class DemandInline(OrderedInline, TranslationTabularInline):
    model = Demand
    fields = ("position", "title", "description")


class KeyFigureInline(OrderedInline, TranslationStackedInline):
    """Stacked, a figure in three lines: a table of eight translated columns was
    wider than two screens."""

    model = KeyFigure
    fields = (
        ("position", "qualifier", "value", "unit", "year"),
        "label",
        ("scope", "source"),
        "source_url",
    )


class ParticipantGroupInline(OrderedInline, TranslationTabularInline):
    model = ParticipantGroup
    fields = ("position", "name", "description")


# The review queue: changes to published items of every app wait here.
admin.site.register(PendingChange, PendingChangeAdmin)
# Impressum, privacy notice, accessibility statement (legal/admin.py).
admin.site.register(LegalPage, LegalPageAdmin)
# E-mail alerts: subscribers (export, erase) and the alerts sent (alerts/admin.py).
admin.site.register(Subscriber, SubscriberAdmin)
admin.site.register(Release, ReleaseAdmin)


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
    # The admin gives every CharField its text input; the brand colour keeps its picker.
    formfield_overrides = {
        **PublishableAdmin.formfield_overrides,
        BrandColourField: {"widget": ColourInput},
    }
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
                    "founding_place",
                    "founding_document_title",
                    "founding_document_text",
                    "founding_document_file",
                    "founding_document_url",
                )
            },
        ),
        (_("Introductions"), {"fields": ("goals_intro", "demands_intro")}),
        (
            _("Images and colour"),
            {
                "fields": (
                    "logo",
                    "logo_alt",
                    "brand_colour",
                    "hero_image",
                    "hero_image_alt",
                    "hero_image_caption",
                    ("hero_image_credit", "hero_image_licence"),
                    "hero_image_licence_url",
                )
            },
        ),
        PublishableAdmin.publication_fieldset,
    ]

    def get_queryset(self, request):
        # Current members: those that left are no longer counted.
        current = Count("memberships", filter=Q(memberships__left_on__isnull=True))
        return super().get_queryset(request).annotate(member_count=current)

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
