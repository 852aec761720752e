"""The alliance app's open data (alliance_portal/opendata): alliances, as Popolo
organizations, and their key figures."""

from datetime import date, datetime

from ninja import Field, Schema

from .models import Alliance, KeyFigure
from .opendata.pagination import Order
from .opendata.parameters import ListParameters, Slug
from .opendata.resources import Resource, absolute, public_id
from .views import plain_number


class Link(Schema):
    url: str
    note: str | None = None


class AllianceOut(Schema):
    """An alliance, as a Popolo organization (classification: its kind)."""

    id: str
    slug: str
    name: str
    short_name: str | None
    classification: str
    kind: str
    summary: str
    description: str
    founding_date: date | None
    founding_place: str | None
    country: str | None
    region: str | None
    sector: str | None
    image: str | None
    image_alt: str | None
    url: str
    key_figures: str
    links: list[Link]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_id(alliance):
        return public_id("alliance", alliance.pk)

    @staticmethod
    def resolve_short_name(alliance):
        return alliance.short_name or None

    @staticmethod
    def resolve_classification(alliance):
        return str(alliance.get_kind_display())

    @staticmethod
    def resolve_founding_date(alliance):
        return alliance.founded_on

    @staticmethod
    def resolve_founding_place(alliance):
        return alliance.founding_place or None

    @staticmethod
    def resolve_country(alliance):
        return alliance.country.code or None

    @staticmethod
    def resolve_region(alliance):
        return alliance.region or None

    @staticmethod
    def resolve_sector(alliance):
        return alliance.sector.name if alliance.sector else None

    @staticmethod
    def resolve_image(alliance):
        return absolute(alliance.logo.url) if alliance.logo else None

    @staticmethod
    def resolve_image_alt(alliance):
        return (alliance.logo_alt or None) if alliance.logo else None

    @staticmethod
    def resolve_url(alliance):
        return absolute(alliance.get_absolute_url())

    @staticmethod
    def resolve_key_figures(alliance):
        return absolute(f"/api/v1/key-figures/?alliance={alliance.slug}")

    @staticmethod
    def resolve_links(alliance):
        links = [{"url": absolute(alliance.get_absolute_url()), "note": "Alliance Portal"}]
        if alliance.website:
            links.append({"url": alliance.website, "note": "website"})
        if alliance.founding_document_url:
            links.append({"url": alliance.founding_document_url, "note": "founding document"})
        if alliance.source_url:
            links.append({"url": alliance.source_url, "note": "source"})
        return links


class AllianceParameters(ListParameters):
    organisation: Slug | None = Field(
        None, description="Only alliances this organisation is or was a member of (its slug)."
    )


def public_alliances():
    return Alliance.objects.published().select_related("sector")


def filter_alliances(alliances, params):
    if params.organisation:
        # One membership per alliance and organisation: no row twice.
        alliances = alliances.filter(memberships__organisation__slug=params.organisation)
    return alliances


class KeyFigureOut(Schema):
    id: str
    alliance_id: str
    label: str
    qualifier: str | None
    qualifier_code: str | None
    value: str
    unit: str
    year: int
    scope: str
    source: str
    source_url: str | None

    @staticmethod
    def resolve_id(figure):
        return f"key-figure-{figure.pk}"

    @staticmethod
    def resolve_alliance_id(figure):
        return public_id("alliance", figure.alliance_id)

    @staticmethod
    def resolve_qualifier(figure):
        return str(figure.get_qualifier_display()) if figure.qualifier else None

    @staticmethod
    def resolve_qualifier_code(figure):
        return figure.qualifier or None

    @staticmethod
    def resolve_value(figure):
        return plain_number(figure.value)

    @staticmethod
    def resolve_source_url(figure):
        return figure.source_url or None


class KeyFigureParameters(ListParameters):
    alliance: Slug | None = Field(None, description="Only this alliance's figures (its slug).")


def public_key_figures():
    return KeyFigure.objects.filter(alliance__in=Alliance.objects.published().values("pk"))


def filter_key_figures(figures, params):
    if params.alliance:
        figures = figures.filter(alliance__slug=params.alliance)
    return figures


RESOURCES = [
    Resource(
        name="alliances",
        title="Alliances",
        description="The published alliances, as Popolo organizations.",
        schema=AllianceOut,
        queryset=public_alliances,
        order=Order((("id", False),)),
        parameters=AllianceParameters,
        filter=filter_alliances,
    ),
    Resource(
        name="key-figures",
        title="Key figures",
        description=(
            "The alliances' key figures: value (a decimal number as text, without "
            "thousands separators), unit, year, scope and source."
        ),
        schema=KeyFigureOut,
        queryset=public_key_figures,
        order=Order((("id", False),)),
        parameters=KeyFigureParameters,
        filter=filter_key_figures,
        updated_fields=("alliance__updated_at",),
        detail=False,
    ),
]
