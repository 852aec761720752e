"""Released press statements with their quotes, for the API and the full download
(alliance_portal/opendata). A statement under embargo is not here until its release
time, as on every other door."""

from datetime import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from ninja import Field, Schema

from alliance_portal.opendata.pagination import Order
from alliance_portal.opendata.parameters import ListParameters, Slug
from alliance_portal.opendata.resources import Resource, absolute, public_id
from members.models import Organisation, Person

from .models import PressStatement, Quote


class QuoteOut(Schema):
    """Someone's exact words (without quotation marks), attributed as on the day: the
    person (`person_id`) speaks on behalf of an organisation (`on_behalf_of_id`), as in
    a Popolo membership."""

    id: str
    position: int
    url: str
    text: str
    speaker_name: str
    speaker_function: str | None
    speaker_organisation: str | None
    person_id: str | None
    on_behalf_of_id: str | None

    @staticmethod
    def resolve_id(quote):
        return f"quote-{quote.pk}"

    @staticmethod
    def resolve_url(quote):
        return absolute(f"{quote.statement.get_absolute_url()}#{quote.anchor}")

    @staticmethod
    def resolve_speaker_function(quote):
        return quote.speaker_function or None

    @staticmethod
    def resolve_speaker_organisation(quote):
        return quote.speaker_organisation or None

    @staticmethod
    def resolve_person_id(quote):
        return public_id("person", quote.person_id) if quote.person_id else None

    @staticmethod
    def resolve_on_behalf_of_id(quote):
        organisation = quote.organisation
        if organisation is None or not organisation.is_published:
            return None
        return public_id("organisation", organisation.pk)


class ContactOut(Schema):
    name: str
    function: str | None
    organisation: str | None
    organisation_id: str | None
    email: str | None
    phone: str | None


class AttachmentOut(Schema):
    title: str
    url: str
    credit: str | None
    licence: str


class StatementOut(Schema):
    id: str
    slug: str
    headline: str
    sub_headline: str | None
    dateline_place: str
    released_at: datetime
    lead: str | None
    body: str
    boilerplate: str
    alliance_id: str
    signatory_ids: list[str]
    quotes: list[QuoteOut]
    press_contacts: list[ContactOut]
    attachments: list[AttachmentOut]
    url: str
    pdf: str
    press_kit: str
    updated_at: datetime

    @staticmethod
    def resolve_id(statement):
        return public_id("statement", statement.pk)

    @staticmethod
    def resolve_sub_headline(statement):
        return statement.sub_headline or None

    @staticmethod
    def resolve_released_at(statement):
        return statement.release_time

    @staticmethod
    def resolve_lead(statement):
        return statement.lead or None

    @staticmethod
    def resolve_boilerplate(statement):
        return statement.boilerplate or statement.alliance.summary

    @staticmethod
    def resolve_alliance_id(statement):
        return public_id("alliance", statement.alliance_id)

    @staticmethod
    def resolve_signatory_ids(statement):
        return [public_id("organisation", o.pk) for o in statement.signatories.all()]

    @staticmethod
    def resolve_quotes(statement):
        quotes = list(statement.quotes.all())
        for quote in quotes:
            quote.statement = statement  # for its address, without a query
        return quotes

    @staticmethod
    def resolve_press_contacts(statement):
        return [
            {
                "name": person.full_name,
                "function": person.function or None,
                "organisation": person.organisation.name if person.organisation else None,
                "organisation_id": (
                    public_id("organisation", person.organisation_id)
                    if person.organisation and person.organisation.is_published
                    else None
                ),
                "email": person.email or None,
                "phone": person.phone or None,
            }
            for person in statement.press_contacts.all()
        ]

    @staticmethod
    def resolve_attachments(statement):
        return [
            {
                "title": attachment.title,
                "url": absolute(attachment.file.url),
                "credit": attachment.credit or None,
                "licence": attachment.licence,
            }
            for attachment in statement.attachments.all()
        ]

    @staticmethod
    def resolve_url(statement):
        return absolute(statement.get_absolute_url())

    @staticmethod
    def resolve_pdf(statement):
        return absolute(reverse("press:pdf", kwargs={"slug": statement.slug}))

    @staticmethod
    def resolve_press_kit(statement):
        return absolute(reverse("press:press-kit", kwargs={"slug": statement.slug}))


class StatementParameters(ListParameters):
    alliance: Slug | None = Field(None, description="Only this alliance's statements (its slug).")
    organisation: Slug | None = Field(
        None,
        description="Only statements this organisation signed or was quoted for (its slug).",
    )


def public_statements():
    return (
        PressStatement.objects.published()
        .select_related("alliance")
        .prefetch_related(
            Prefetch(
                "quotes",
                queryset=Quote.objects.select_related("organisation").order_by("position", "pk"),
            ),
            "attachments",
            Prefetch("signatories", queryset=Organisation.objects.published()),
            Prefetch("press_contacts", queryset=Person.objects.select_related("organisation")),
        )
    )


def filter_statements(statements, params):
    if params.alliance:
        statements = statements.filter(alliance__slug=params.alliance)
    if params.organisation:
        signed = PressStatement.signatories.through.objects.filter(
            pressstatement=OuterRef("pk"), organisation__slug=params.organisation
        )
        quoted = Quote.objects.filter(
            statement=OuterRef("pk"), organisation__slug=params.organisation
        )
        statements = statements.filter(Q(Exists(signed)) | Q(Exists(quoted)))
    return statements


RESOURCES = [
    Resource(
        name="statements",
        title="Press statements",
        description=(
            "Released press statements, newest first, with their quotes, press contacts "
            "and attachments. `organisation` finds those it signed or was quoted for."
        ),
        schema=StatementOut,
        queryset=public_statements,
        order=Order((("published_at", True), ("id", True))),
        parameters=StatementParameters,
        filter=filter_statements,
        csv_tables=("quotes", "press_contacts", "attachments"),
        item_name="statement",
    ),
]
