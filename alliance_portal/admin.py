"""The back office for alliances: one page per alliance with its parts inline.

Memberships and contacts are added to the alliance page by the members app
(see members/admin.py), which builds on this one.
"""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from js_asset import Media
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from .models import (
    Alliance,
    Demand,
    Goal,
    KeyFigure,
    ParticipantGroup,
    Publishable,
    Section,
    Sector,
)


class PublishableAdmin(TabbedTranslationAdmin):
    """Shared admin behaviour of everything that can be published."""

    actions = ["publish", "unpublish"]
    date_hierarchy = "published_at"
    publication_fieldset = (
        _("Publication"),
        {"fields": ("status", "published_at")},
    )

    @admin.action(description=_("Publish the selected items"))
    def publish(self, request, queryset):
        drafts = list(queryset.exclude(status=Publishable.Status.PUBLISHED))
        for item in drafts:
            item.status = Publishable.Status.PUBLISHED
            item.save(update_fields=["status", "updated_at"])
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

    @admin.action(description=_("Unpublish the selected items (back to draft)"))
    def unpublish(self, request, queryset):
        published = queryset.filter(status=Publishable.Status.PUBLISHED)
        count = published.count()
        for item in published:
            item.status = Publishable.Status.DRAFT
            item.save(update_fields=["status", "updated_at"])
        self.message_user(
            request,
            ngettext(
                "%(count)d item set back to draft.",
                "%(count)d items set back to draft.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.display(description=_("public"), boolean=True)
    def is_public(self, obj):
        return obj.is_published

    def render_change_form(self, request, context, *args, **kwargs):
        # The rich-text editor's import map is an inline <script>: under a
        # Content-Security-Policy it carries the request's nonce (django-csp's
        # request.csp_nonce), like every script tag of the form's media.
        nonce = getattr(request, "csp_nonce", None)
        if nonce is not None and "media" in context:
            context["media"] = Media.from_media(context["media"], nonce=nonce)
        return super().render_change_form(request, context, *args, **kwargs)


class OrderedInline:
    """Inline rows sorted by their position field, which staff can edit."""

    extra = 0
    ordering = ["position", "id"]
    # Many rows on one page: keep text boxes short until someone types.
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}


class SectionInline(OrderedInline, TranslationStackedInline):
    model = Section
    fields = ("position", "heading", "body")


class GoalInline(OrderedInline, TranslationStackedInline):
    model = Goal
    fields = ("position", "kind", "parent", "title", "description")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            # Only main goals of the alliance being edited can be parents.
            alliance_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Goal.objects.filter(alliance_id=alliance_id, parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class DemandInline(OrderedInline, TranslationTabularInline):
    model = Demand
    fields = ("position", "title", "description")


class KeyFigureInline(OrderedInline, TranslationTabularInline):
    model = KeyFigure
    fields = (
        "position",
        "label",
        "qualifier",
        "value",
        "unit",
        "year",
        "scope",
        "source",
        "source_url",
    )


class ParticipantGroupInline(OrderedInline, TranslationTabularInline):
    model = ParticipantGroup
    fields = ("position", "name", "description")


@admin.register(Sector)
class SectorAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_de", "name_en", "slug"]
    prepopulated_fields = {"slug": ("name_de",)}


@admin.register(Alliance)
class AllianceAdmin(PublishableAdmin):
    list_display = [
        "name",
        "kind",
        "sector",
        "country",
        "region",
        "member_count",
        "status",
        "is_public",
        "published_at",
    ]
    list_filter = ["status", "kind", "sector", "country", "region", "featured"]
    list_select_related = ["sector"]
    search_fields = ["name_de", "name_en", "short_name", "summary_de", "summary_en", "slug"]
    prepopulated_fields = {"slug": ("name_de",)}
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
class GoalAdmin(TabbedTranslationAdmin):
    """Goals are edited on their alliance's page; here sub-goals are inline too."""

    list_display = ["title", "alliance", "kind", "parent", "position"]
    list_filter = ["kind", "alliance"]
    list_select_related = ["alliance", "parent"]
    search_fields = ["title_de", "title_en", "description_de", "description_en"]
    autocomplete_fields = ["alliance"]
    fields = ("alliance", "parent", "kind", "position", "title", "description")
    inlines = [SubGoalInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Goal.objects.filter(parent__isnull=True).select_related("alliance")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
