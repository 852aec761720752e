"""The back office for organisations and people.

It also puts memberships and contacts on the alliance page: this app builds
on the alliance app, so it extends that admin rather than the other way round.
"""

import reversion
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from alliance_portal.admin import AllianceAdmin
from alliance_portal.models import Alliance
from alliance_portal.publishing.admin import (
    HistoryAdmin,
    LocalizedNumbers,
    OrderedInline,
    PartRulesMixin,
    PublishableAdmin,
)
from alliance_portal.publishing.slugs import comparison_key

from . import duplicates, identifiers
from .models import AllianceContact, Membership, Organisation, Person


class CheckboxWithLabel(forms.CheckboxInput):
    """A checkbox with its label beside it, for a table cell without a label of its own."""

    def __init__(self, label, attrs=None):
        super().__init__(attrs)
        self.label = label

    def render(self, name, value, attrs=None, renderer=None):
        checkbox = super().render(name, value, attrs, renderer)
        return format_html('{} <label for="{}">{}</label>', checkbox, attrs["id"], self.label)


class ConfirmSimilarNameForm(forms.ModelForm):
    """Refused once when records with a similar name exist (`similar_records`), with a
    warning that links them and a checkbox to confirm that this one is different.

    The checkbox is hidden until then. Asked only when the item is new or one of
    `identity_fields` changed, so a confirmed pair can be edited without asking again.
    """

    confirm_different = forms.BooleanField(required=False, widget=forms.HiddenInput)
    confirm_label = ""
    checkbox_beside_label = False  # a tabular inline's cell has no label of its own

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm_different"].label = self.confirm_label

    def clean(self):
        cleaned_data = super().clean()
        asked = self.instance._state.adding or set(self.identity_fields()) & set(self.changed_data)
        if not asked or cleaned_data.get("confirm_different"):
            return cleaned_data
        similar = self.similar_records(cleaned_data)
        if similar:
            self.fields["confirm_different"].widget = (
                CheckboxWithLabel(self.confirm_label)
                if self.checkbox_beside_label
                else forms.CheckboxInput()
            )
            self.add_error("confirm_different", self.warning(similar))
        return cleaned_data

    def identity_fields(self):
        """The fields whose change makes the question worth asking again."""
        raise NotImplementedError

    def similar_records(self, cleaned_data):
        raise NotImplementedError

    def warning(self, similar):
        raise NotImplementedError


class OrganisationForm(ConfirmSimilarNameForm):
    confirm_label = _("Yes, this is a different organisation")

    def identity_fields(self):
        return [Organisation.slug_title_field()]  # the German name

    def similar_records(self, cleaned_data):
        name = cleaned_data.get(Organisation.slug_title_field())
        if not name:
            return []
        return duplicates.organisations_like(Organisation, name, exclude_pk=self.instance.pk)

    def warning(self, similar):
        return format_html(
            _(
                "Organisations with a similar name exist: {organisations}. If this is "
                "another organisation, tick “{confirm}” and save again."
            ),
            organisations=duplicates.admin_links(
                similar, lambda o: getattr(o, Organisation.slug_title_field())
            ),
            confirm=self.confirm_label,
        )


class PersonForm(ConfirmSimilarNameForm):
    confirm_label = _("Yes, this is a different person")

    def identity_fields(self):
        return ["name", "organisation"]

    def similar_records(self, cleaned_data):
        name, organisation = cleaned_data.get("name"), cleaned_data.get("organisation")
        if not name or (organisation is not None and organisation.pk is None):
            return []  # a new organisation has no people yet
        return duplicates.people_like(
            Person,
            name,
            organisation.pk if organisation is not None else None,
            exclude_pk=self.instance.pk,
        )

    def warning(self, similar):
        return format_html(
            _(
                "People of the same or a similar name are recorded: {people}. If this is "
                "another person, tick “{confirm}” and save again."
            ),
            people=duplicates.admin_links(similar, duplicates.person_with_organisation),
            confirm=self.confirm_label,
        )


class PersonInlineForm(PersonForm):
    checkbox_beside_label = True


class PersonFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """One person twice on the page (names that differ only in case, spaces or
        punctuation) is refused like one person twice in the database."""
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            key = comparison_key(form.cleaned_data.get("name") or "")
            if key and key in seen:
                raise ValidationError(
                    _("“%(name)s” is on this page twice."),
                    params={"name": form.cleaned_data["name"]},
                    code="duplicate",
                )
            seen.add(key)


class MembershipInline(OrderedInline, admin.TabularInline):
    model = Membership
    fields = ("position", "organisation", "role", "joined_on", "left_on")
    autocomplete_fields = ["organisation"]


class MembershipOfOrganisationInline(LocalizedNumbers, admin.TabularInline):
    model = Membership
    fields = ("alliance", "role", "joined_on", "left_on", "position")
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
    form = PersonInlineForm
    formset = PersonFormSet
    fields = ("honorific", "name", "confirm_different", "function", "email", "phone")
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
    search_fields = [
        "name_de",
        "name_en",
        "short_name",
        "slug",
        "description_de",
        *(f"{scheme.field}__iexact" for scheme in identifiers.SCHEMES),
    ]
    form = OrganisationForm
    inlines = [MembershipOfOrganisationInline, PersonInline]
    fieldsets = [
        (None, {"fields": ("name", "confirm_different", "short_name", "slug", "kind")}),
        (_("Location"), {"fields": ("country", "region")}),
        (_("Profile"), {"fields": ("description", "website")}),
        (_("Logo"), {"fields": ("logo", "logo_alt")}),
        (
            _("External identifiers"),
            {
                "fields": tuple(scheme.field for scheme in identifiers.SCHEMES),
                "description": _(
                    "The organisation's entries in public registers, each shown on its "
                    "page with a link to the record. Leave empty what you have not "
                    "checked in the register itself."
                ),
            },
        ),
        PublishableAdmin.publication_fieldset,
    ]

    def get_queryset(self, request):
        current = Count("memberships", filter=Q(memberships__left_on__isnull=True))
        return super().get_queryset(request).annotate(alliance_count=current)

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
    form = PersonForm
    fields = (
        "honorific",
        "name",
        "organisation",
        "confirm_different",
        "function",
        "email",
        "phone",
    )
    publishable_parents = ("organisation",)


class CurrentOrFormerFilter(admin.SimpleListFilter):
    title = _("current or former")
    parameter_name = "ended"

    def lookups(self, request, model_admin):
        return [("no", _("current")), ("yes", _("former (left)"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.current()
        if self.value() == "yes":
            return queryset.former()
        return queryset


@admin.register(Membership)
class MembershipAdmin(PartRulesMixin, HistoryAdmin):
    """Every membership across the portal, for searching and filtering."""

    list_display = ["organisation", "alliance", "role", "joined_on", "left_on", "position"]
    list_filter = [CurrentOrFormerFilter, "role", "alliance", "organisation__kind"]
    list_select_related = ["organisation", "alliance"]
    search_fields = ["organisation__name_de", "organisation__name_en", "alliance__name_de"]
    autocomplete_fields = ["alliance", "organisation"]
    publishable_parents = ("alliance", "organisation")
