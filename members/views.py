from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from alliance_portal.models import Alliance
from alliance_portal.publishing.models import published_q
from alliance_portal.publishing.parameters import (
    ChoiceParameterField,
    DeclaredParametersMixin,
    PaginatedParameters,
    SlugParameterField,
    country_codes,
)
from alliance_portal.publishing.views import KeysFirstPaginator, PreviewableMixin, country_choices
from alliance_portal.richtext import to_plain_line
from alliance_portal.web.structured_data import organization_data

from .identifiers import identifiers_of
from .models import Membership, Organisation


class OrganisationListParameters(PaginatedParameters):
    alliance = SlugParameterField()
    kind = ChoiceParameterField(Organisation.Kind.choices)
    country = ChoiceParameterField(country_codes)


class OrganisationListView(DeclaredParametersMixin, ListView):
    """Published organisations, filtered by kind and country."""

    parameters = OrganisationListParameters
    template_name = "members/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = 48
    paginator_class = KeysFirstPaginator

    def get_queryset(self):
        organisations = Organisation.objects.published()
        self.chosen = self.params
        # ?alliance=<slug>: the current members of one alliance (linked from its page).
        self.alliance = None
        if slug := self.params["alliance"]:
            self.alliance = get_object_or_404(Alliance.objects.published(), slug=slug)
            organisations = organisations.filter(
                memberships__alliance=self.alliance, memberships__left_on__isnull=True
            )
        if self.chosen["kind"]:
            organisations = organisations.filter(kind=self.chosen["kind"])
        if self.chosen["country"]:
            organisations = organisations.filter(country=self.chosen["country"])
        return organisations.order_by("name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chosen"] = self.chosen
        context["chosen_alliance"] = self.alliance
        context["kinds"] = Organisation.Kind.choices
        context["countries"] = country_choices(Organisation.objects.published())
        return context


class OrganisationDetailView(PreviewableMixin, DetailView):
    model = Organisation

    def get_queryset(self):
        memberships = (
            Membership.objects.filter(published_q("alliance__"))
            .select_related("alliance")
            .order_by("alliance__name")
        )
        return self.base_queryset().prefetch_related(
            Prefetch("memberships", queryset=memberships, to_attr="public_memberships"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.object
        memberships = organisation.public_memberships
        context["current_memberships"] = [m for m in memberships if not m.is_former]
        # Those it left last first; in alphabetical order as prefetched otherwise.
        context["former_memberships"] = sorted(
            (m for m in memberships if m.is_former), key=lambda m: m.left_on, reverse=True
        )
        context["identifiers"] = identifiers_of(organisation)
        context["structured_data"] = organization_data(
            self.request,
            organisation,
            description=to_plain_line(organisation.description) if organisation.description else "",
            member_of=[m.alliance for m in context["current_memberships"]],
            identifiers=context["identifiers"],
            lei_code=organisation.lei,
        )
        return context
