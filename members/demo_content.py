"""Demo organisations, memberships, people and contacts from the seed texts.

Runs after alliance_portal/demo_content.py, whose alliances it refers to by
slug. People are recorded with the functions the seeds give them.
"""

from datetime import date

from alliance_portal.models import Alliance
from alliance_portal.ops.demo import DEMO_PUBLISHED_AT, T, as_html, logo_alt, wordmark
from alliance_portal.publishing.models import Publishable

from .models import AllianceContact, Membership, Organisation, Person

Kind = Organisation.Kind
Role = Membership.Role

ORGANISATIONS = [
    {
        "slug": "aluminium-deutschland",
        "initials": "AD",
        "name": T("Aluminium Deutschland e.V.", "Aluminium Deutschland e.V."),
        "short_name": "AD",
        "kind": Kind.ASSOCIATION,
        "country": "DE",
        "description": T(
            "Verband der Aluminiumindustrie in Deutschland.",
            "The association of the aluminium industry in Germany.",
        ),
    },
    {
        "slug": "ig-metall",
        "initials": "IGM",
        "name": T("IG Metall", "IG Metall"),
        "short_name": "IG Metall",
        "kind": Kind.TRADE_UNION,
        "country": "DE",
        "description": T(
            "Industriegewerkschaft Metall.", "The German metalworkers' union (IG Metall)."
        ),
    },
    {
        "slug": "igbce",
        "initials": "BCE",
        "name": T("IGBCE", "IGBCE"),
        "short_name": "IG BCE",
        "kind": Kind.TRADE_UNION,
        "country": "DE",
        "description": T(
            "Industriegewerkschaft Bergbau, Chemie, Energie.",
            "The German union for mining, chemicals and energy (IGBCE).",
        ),
    },
    {
        "slug": "wirtschaftsministerium-nrw",
        "initials": "NRW",
        "name": T(
            "Wirtschaftsministerium des Landes Nordrhein-Westfalen",
            "Ministry of Economic Affairs of the State of North Rhine-Westphalia",
        ),
        "kind": Kind.GOVERNMENT_BODY,
        "country": "DE",
        "region": T("Nordrhein-Westfalen", "North Rhine-Westphalia"),
        "description": T(
            "Im November 2021 unterzeichnete das Ministerium als „Ministerium für "
            "Wirtschaft, Innovation, Digitalisierung und Energie des Landes "
            "Nordrhein-Westfalen“.",
            "In November 2021 the ministry signed as the “Ministry of Economic Affairs, "
            "Innovation, Digitalisation and Energy of the State of North Rhine-Westphalia”.",
        ),
    },
    {
        "slug": "wirtschaftsministerium-rheinland-pfalz",
        "initials": "RLP",
        "name": T(
            "Wirtschaftsministerium des Landes Rheinland-Pfalz",
            "Ministry of Economic Affairs of the State of Rhineland-Palatinate",
        ),
        "kind": Kind.GOVERNMENT_BODY,
        "country": "DE",
        "region": T("Rheinland-Pfalz", "Rhineland-Palatinate"),
    },
    {
        "slug": "wirtschaftsministerium-sachsen-anhalt",
        "initials": "ST",
        "name": T(
            "Wirtschaftsministerium des Landes Sachsen-Anhalt",
            "Ministry of Economic Affairs of the State of Saxony-Anhalt",
        ),
        "kind": Kind.GOVERNMENT_BODY,
        "country": "DE",
        "region": T("Sachsen-Anhalt", "Saxony-Anhalt"),
    },
    {
        "slug": "wirtschaftsministerium-saarland",
        "initials": "SL",
        "name": T(
            "Wirtschaftsministerium des Landes Saarland",
            "Ministry of Economic Affairs of the State of Saarland",
        ),
        "kind": Kind.GOVERNMENT_BODY,
        "country": "DE",
        "region": T("Saarland", "Saarland"),
    },
    {
        "slug": "bwai-hamburg",
        "initials": "HH",
        "name": T(
            "Behörde für Wirtschaft, Arbeit und Innovation der Freien und Hansestadt Hamburg",
            "Authority for Economy, Labour and Innovation of the Free and Hanseatic City of "
            "Hamburg",
        ),
        "kind": Kind.GOVERNMENT_BODY,
        "country": "DE",
        "region": T("Hamburg", "Hamburg"),
    },
    {
        "slug": "speira",
        "initials": "SP",
        "name": T("Speira GmbH", "Speira GmbH"),
        "short_name": "Speira",
        "kind": Kind.COMPANY,
        "country": "DE",
        "description": T("Aluminiumunternehmen.", "Aluminium company."),
    },
    {
        "slug": "trimet",
        "initials": "TRI",
        "name": T("TRIMET Aluminium SE", "TRIMET Aluminium SE"),
        "short_name": "TRIMET",
        "kind": Kind.COMPANY,
        "country": "DE",
        "description": T("Aluminiumunternehmen.", "Aluminium company."),
    },
    {
        "slug": "otto-fuchs",
        "initials": "OF",
        "name": T("OTTO FUCHS KG", "OTTO FUCHS KG"),
        "kind": Kind.COMPANY,
        "country": "DE",
    },
    {
        "slug": "alfed",
        "initials": "ALF",
        "name": T("Aluminium Federation (ALFED)", "Aluminium Federation (ALFED)"),
        "short_name": "ALFED",
        "kind": Kind.ASSOCIATION,
        "country": "GB",
        "website": "https://alfed.org.uk/",
        "description": T(
            "Verband der britischen Aluminiumindustrie.",
            "The association of the British aluminium industry.",
        ),
    },
    {
        "slug": "conetz",
        "initials": "CNZ",
        "name": T("CONETZ (Connecting for Net Zero)", "CONETZ (Connecting for Net Zero)"),
        "short_name": "CONETZ",
        "kind": Kind.OTHER,
        "country": "GB",
    },
    {
        "slug": "neue-effizienz",
        "initials": "NE",
        "name": T("Neue Effizienz gemeinnützige GmbH", "Neue Effizienz gemeinnützige GmbH"),
        "short_name": "Neue Effizienz",
        "kind": Kind.OTHER,
        "country": "DE",
    },
]

GERMAN_ALLIANCE_FOUNDED = date(2024, 10, 8)
NRW_ALLIANCE_FOUNDED = date(2021, 11, 30)

# (alliance slug, organisation slug, role, joined on), in the seeds' order.
MEMBERSHIPS = [
    ("deutsche-aluminium-allianz", "aluminium-deutschland", Role.FOUNDER, GERMAN_ALLIANCE_FOUNDED),
    ("deutsche-aluminium-allianz", "ig-metall", Role.FOUNDER, GERMAN_ALLIANCE_FOUNDED),
    ("deutsche-aluminium-allianz", "igbce", Role.FOUNDER, GERMAN_ALLIANCE_FOUNDED),
    (
        "deutsche-aluminium-allianz",
        "wirtschaftsministerium-nrw",
        Role.FOUNDER,
        GERMAN_ALLIANCE_FOUNDED,
    ),
    (
        "deutsche-aluminium-allianz",
        "wirtschaftsministerium-rheinland-pfalz",
        Role.FOUNDER,
        GERMAN_ALLIANCE_FOUNDED,
    ),
    (
        "deutsche-aluminium-allianz",
        "wirtschaftsministerium-sachsen-anhalt",
        Role.FOUNDER,
        GERMAN_ALLIANCE_FOUNDED,
    ),
    (
        "deutsche-aluminium-allianz",
        "wirtschaftsministerium-saarland",
        Role.FOUNDER,
        GERMAN_ALLIANCE_FOUNDED,
    ),
    ("deutsche-aluminium-allianz", "bwai-hamburg", Role.FOUNDER, GERMAN_ALLIANCE_FOUNDED),
    ("aluminiumbuendnis-nrw", "speira", Role.FOUNDER, NRW_ALLIANCE_FOUNDED),
    ("aluminiumbuendnis-nrw", "trimet", Role.FOUNDER, NRW_ALLIANCE_FOUNDED),
    ("aluminiumbuendnis-nrw", "aluminium-deutschland", Role.FOUNDER, NRW_ALLIANCE_FOUNDED),
    ("aluminiumbuendnis-nrw", "ig-metall", Role.FOUNDER, NRW_ALLIANCE_FOUNDED),
    ("aluminiumbuendnis-nrw", "igbce", Role.FOUNDER, NRW_ALLIANCE_FOUNDED),
    ("aluminiumbuendnis-nrw", "wirtschaftsministerium-nrw", Role.FOUNDER, NRW_ALLIANCE_FOUNDED),
    ("uk-aluminium-alliance", "alfed", Role.FOUNDER, None),
    ("uk-aluminium-alliance", "conetz", Role.PARTNER, None),
    ("thementisch-metall", "neue-effizienz", Role.ORGANISER, None),
]

# People the seeds name, with the functions given there.
PEOPLE = [
    {
        "name": "Andreas Pinkwart",
        "honorific": "Prof. Dr.",
        "organisation": "wirtschaftsministerium-nrw",
        "function": T(
            "Wirtschafts- und Innovationsminister", "Minister for Economic Affairs and Innovation"
        ),
    },
    {
        "name": "Philipp Schlüter",
        "organisation": "trimet",
        "function": T("CEO", "CEO"),
    },
    {
        "name": "Volker Backs",
        "organisation": "speira",
        "function": T("Geschäftsführer", "Managing Director"),
    },
    {
        "name": "Hinrich Mählmann",
        "honorific": "Dr.",
        "organisation": "aluminium-deutschland",
        "function": T(
            "Präsident von Aluminium Deutschland und PhG der OTTO FUCHS KG",
            "President of Aluminium Deutschland and general partner of OTTO FUCHS KG",
        ),
    },
    {
        "name": "Manuel Bloemers",
        "organisation": "ig-metall",
        "function": T("IG Metall-Vorstand-Zweigbüro", "IG Metall executive board branch office"),
    },
    {
        "name": "Manuel Rendla",
        "organisation": "igbce",
        "function": T("Vertreter der IG BCE", "Representative of IG BCE"),
    },
    {
        "name": "Tim Stappen",
        "organisation": "aluminium-deutschland",
        "function": T("Ansprechpartner für die Presse", "Press contact"),
        "phone": "+49 211 4796-276",
        "email": "tim.stappen@alu-d.de",
    },
    {
        "name": "Nadine Bloxsome",
        "organisation": "alfed",
        "function": T("CEO der Aluminium Federation", "CEO of the Aluminium Federation"),
    },
    {
        "name": "Mark Jones",
        "honorific": "Dr.",
        "organisation": "conetz",
        "function": T("", ""),
    },
    {
        "name": "Veronika Guder",
        "organisation": "neue-effizienz",
        "function": T("Ansprechpartnerin Thementisch Metall", "Contact for the Metals Round Table"),
        "email": "guder@neue-effizienz.de",
    },
]

# (alliance slug, person name, role)
CONTACTS = [
    ("aluminiumbuendnis-nrw", "Tim Stappen", T("Ansprechpartner", "Contact")),
    ("thementisch-metall", "Veronika Guder", T("Ansprechpartnerin", "Contact")),
]


def load(demo):
    organisations = {}
    for data in ORGANISATIONS:
        organisation = demo.upsert(
            Organisation,
            {"slug": data["slug"]},
            name=data["name"],
            short_name=data.get("short_name", ""),
            kind=data["kind"],
            country=data["country"],
            region=data.get("region", T("", "")),
            description=as_html(data.get("description", T("", ""))),
            website=data.get("website", ""),
            logo_alt=logo_alt(data["name"]),
            status=Publishable.Status.PUBLISHED,
            published_at=DEMO_PUBLISHED_AT,
        )
        demo.demo_logo(organisation, wordmark=wordmark(data))
        organisations[data["slug"]] = organisation

    alliances = {alliance.slug: alliance for alliance in Alliance.objects.all()}
    positions = {}
    for alliance_slug, organisation_slug, role, joined_on in MEMBERSHIPS:
        position = positions[alliance_slug] = positions.get(alliance_slug, 0) + 1
        demo.upsert(
            Membership,
            {
                "alliance": alliances[alliance_slug],
                "organisation": organisations[organisation_slug],
            },
            role=role,
            joined_on=joined_on,
            position=position,
        )

    people = {}
    for data in PEOPLE:
        people[data["name"]] = demo.upsert(
            Person,
            {"name": data["name"], "organisation": organisations[data["organisation"]]},
            honorific=data.get("honorific", ""),
            function=data["function"],
            email=data.get("email", ""),
            phone=data.get("phone", ""),
        )

    for position, (alliance_slug, name, role) in enumerate(CONTACTS, start=1):
        demo.upsert(
            AllianceContact,
            {"alliance": alliances[alliance_slug], "person": people[name]},
            role=role,
            position=position,
        )
