"""Organisations and their memberships in alliances, for the API and the full download
(alliance_portal/opendata), in the field names of the Popolo standard: an alliance is
the `organization` of a membership, the organisation its `member`, with `start_date`
and `end_date`; a member that left stays on the record with its end date."""

from datetime import date, datetime

from django.db.models import Exists, OuterRef
from ninja import Field, Schema

from alliance_portal.models import Alliance
from alliance_portal.opendata.pagination import Order
from alliance_portal.opendata.parameters import ListParameters, Slug
from alliance_portal.opendata.resources import Resource, absolute, public_id

from .identifiers import identifiers_of
from .models import Membership, Organisation


class IdentifierOut(Schema):
    scheme: str
    identifier: str


class LinkOut(Schema):
    url: str
    note: str | None = None


class OtherNameOut(Schema):
    name: str
    note: str | None = None


class OrganisationOut(Schema):
    """An organisation, as a Popolo organization."""

    id: str
    slug: str
    name: str
    other_names: list[OtherNameOut]
    identifiers: list[IdentifierOut]
    classification: str
    kind: str
    description: str
    country: str | None
    region: str | None
    image: str | None
    image_alt: str | None
    url: str
    links: list[LinkOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(organisation):
        return public_id("organisation", organisation.pk)

    @staticmethod
    def resolve_other_names(organisation):
        if not organisation.short_name:
            return []
        return [{"name": organisation.short_name, "note": "short name"}]

    @staticmethod
    def resolve_identifiers(organisation):
        return [
            {"scheme": found.scheme, "identifier": found.value}
            for found in identifiers_of(organisation)
        ]

    @staticmethod
    def resolve_classification(organisation):
        return str(organisation.get_kind_display())

    @staticmethod
    def resolve_country(organisation):
        return organisation.country.code or None

    @staticmethod
    def resolve_region(organisation):
        return organisation.region or None

    @staticmethod
    def resolve_image(organisation):
        return absolute(organisation.logo.url) if organisation.logo else None

    @staticmethod
    def resolve_image_alt(organisation):
        return (organisation.logo_alt or None) if organisation.logo else None

    @staticmethod
    def resolve_url(organisation):
        return absolute(organisation.get_absolute_url())

    @staticmethod
    def resolve_links(organisation):
        links = [{"url": absolute(organisation.get_absolute_url()), "note": "Alliance Portal"}]
        if organisation.website:
            links.append({"url": organisation.website, "note": "website"})
        links += [
            {"url": found.url, "note": str(found.label)} for found in identifiers_of(organisation)
        ]
        return links


class OrganisationParameters(ListParameters):
    alliance: Slug | None = Field(
        None, description="Only organisations that are or were members of this alliance (its slug)."
    )


def public_organisations():
    return Organisation.objects.published()


def filter_organisations(organisations, params):
    if params.alliance:
        memberships = Membership.objects.filter(
            organisation=OuterRef("pk"), alliance__slug=params.alliance
        )
        organisations = organisations.filter(Exists(memberships))
    return organisations


class MembershipOut(Schema):
    """A Popolo membership: `member` (the organisation) in `organization_id` (the
    alliance) from `start_date` to `end_date`, in a `role`."""

    id: str
    label: str
    role: str
    role_code: str
    organization_id: str
    member_id: str
    member: dict
    start_date: date | None
    end_date: date | None
    current: bool

    @staticmethod
    def resolve_id(membership):
        return f"membership-{membership.pk}"

    @staticmethod
    def resolve_label(membership):
        return f"{membership.organisation.name} – {membership.alliance.name}"

    @staticmethod
    def resolve_role(membership):
        return str(membership.get_role_display())

    @staticmethod
    def resolve_role_code(membership):
        return membership.role

    @staticmethod
    def resolve_organization_id(membership):
        return public_id("alliance", membership.alliance_id)

    @staticmethod
    def resolve_member_id(membership):
        return public_id("organisation", membership.organisation_id)

    @staticmethod
    def resolve_member(membership):
        return {
            "@type": "Organization",
            "id": public_id("organisation", membership.organisation_id),
            "name": membership.organisation.name,
        }

    @staticmethod
    def resolve_start_date(membership):
        return membership.joined_on

    @staticmethod
    def resolve_end_date(membership):
        return membership.left_on

    @staticmethod
    def resolve_current(membership):
        return membership.left_on is None


class MembershipParameters(ListParameters):
    alliance: Slug | None = Field(None, description="Only this alliance's memberships (its slug).")
    organisation: Slug | None = Field(
        None, description="Only this organisation's memberships (its slug)."
    )


def public_memberships():
    """Memberships whose alliance and organisation are both public."""
    return Membership.objects.filter(
        alliance__in=Alliance.objects.published().values("pk"),
        organisation__in=Organisation.objects.published().values("pk"),
    ).select_related("alliance", "organisation")


def filter_memberships(memberships, params):
    if params.alliance:
        memberships = memberships.filter(alliance__slug=params.alliance)
    if params.organisation:
        memberships = memberships.filter(organisation__slug=params.organisation)
    return memberships


RESOURCES = [
    Resource(
        name="organisations",
        title="Organisations",
        description=(
            "The published organisations, as Popolo organizations, with their identifiers "
            "in public registers (Wikidata, EU Transparency Register, German "
            "Lobbyregister, LEI). `alliance` finds those that are or were its members."
        ),
        schema=OrganisationOut,
        queryset=public_organisations,
        order=Order((("id", False),)),
        parameters=OrganisationParameters,
        filter=filter_organisations,
    ),
    Resource(
        name="memberships",
        title="Memberships",
        description=(
            "Who is or was in which alliance, since when and until when, as Popolo "
            "memberships: `organization_id` is the alliance, `member` the organisation; "
            "a member that left has an `end_date`."
        ),
        schema=MembershipOut,
        queryset=public_memberships,
        order=Order((("id", False),)),
        parameters=MembershipParameters,
        filter=filter_memberships,
        updated_fields=("alliance__updated_at", "organisation__updated_at"),
        detail=False,
    ),
]
