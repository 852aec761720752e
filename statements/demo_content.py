"""Demo press statement: seed 001, the NRW aluminium alliance's joint declaration.

The six quotes are word for word as in the seed, with the functions as written
on that day; the English versions are faithful translations.
"""

from datetime import datetime

from alliance_portal.models import Alliance
from alliance_portal.ops.demo import BERLIN, T, as_html
from alliance_portal.publishing.models import Publishable
from members.models import Organisation, Person

from .models import PressStatement, Quote

RELEASED_AT = datetime(2021, 11, 30, 11, 0, tzinfo=BERLIN)

STATEMENT = {
    "slug": "aluminiumbuendnis-nrw-gemeinsame-erklaerung",
    "alliance": "aluminiumbuendnis-nrw",
    "headline": T(
        "Aluminiumbündnis Nordrhein-Westfalen: Gemeinsam für eine starke und wettbewerbsfähige "
        "Aluminiumindustrie",
        "North Rhine-Westphalia Aluminium Alliance: together for a strong and competitive "
        "aluminium industry",
    ),
    "sub_headline": T(
        "Die Bündnispartner Speira, TRIMET Aluminium, Aluminium Deutschland, IG Metall, IG BCE "
        "und das Wirtschaftsministerium NRW unterzeichnen gemeinsame Erklärung",
        "The alliance partners Speira, TRIMET Aluminium, Aluminium Deutschland, IG Metall, IG BCE "
        "and the NRW Ministry of Economic Affairs sign a joint declaration",
    ),
    "dateline_place": T("Düsseldorf", "Düsseldorf"),
    "lead": T(
        "Mit der heute unterzeichneten Erklärung haben die Bündnispartner ihr Bekenntnis zum "
        "Aluminiumstandort Nordrhein-Westfalen (NRW) unterstrichen. Der Werkstoff ist ein "
        "bedeutender Baustein für die industrielle Wertschöpfung in NRW, Deutschland und Europa. "
        "Aluminium ist ein Schlüsselwerkstoff zur Erreichung der ehrgeizigen Klimaziele. Und die "
        "Aluminiumindustrie ist ein bedeutender Wirtschaftsfaktor für NRW. Allein in NRW "
        "beschäftigt die Aluminiumindustrie 35.000 Menschen, deutschlandweit sind es über 62.000 "
        "Beschäftigte.",
        "With the declaration signed today, the alliance partners have underlined their "
        "commitment to North Rhine-Westphalia (NRW) as a home of the aluminium industry. The "
        "material is an important building block of industrial value creation in NRW, Germany "
        "and Europe. Aluminium is a key material for reaching the ambitious climate targets. And "
        "the aluminium industry is a major economic factor for NRW. In NRW alone the aluminium "
        "industry employs 35,000 people, and more than 62,000 across Germany.",
    ),
    "body": T(
        "Die gemeinsame Erklärung ist der Startschuss für eine intensive Zusammenarbeit der "
        "Landesregierung, der Arbeitnehmer*innenvertretung und der Industrie. Der enge Austausch "
        "der Partner dient dem Ziel, die Transformation zu einer nachhaltigen Industrie "
        "erfolgreich voranzutreiben, die Kreislaufwirtschaft sowie die damit verbundene "
        "Rohstoffversorgung auszubauen und die geschlossene Wertschöpfungskette Aluminium am "
        "Standort zu stärken.\n\n"
        "Der schnelle Ausbau erneuerbarer Energien zu wettbewerbsfähigen Kosten, der Zugang zu "
        "Forschungsförderung, aber auch der freie und faire Wettbewerb auf den Märkten stehen im "
        "Mittelpunkt der gemeinsamen Überlegungen. Darüber hinaus hat die aktuelle "
        "„Magnesiumkrise“ gezeigt, dass eine konsistente Rohstoffpolitik zur Sicherung der "
        "industriellen Wertschöpfung in Deutschland und Europa unerlässlich ist.",
        "The joint declaration is the starting signal for close cooperation between the state "
        "government, employee representatives and industry. The partners' close exchange aims to "
        "drive forward the transformation to a sustainable industry, to expand the circular "
        "economy and the supply of raw materials that comes with it, and to strengthen the "
        "closed aluminium value chain in the region.\n\n"
        "The rapid expansion of renewable energy at competitive cost, access to research funding "
        "and free and fair competition in the markets are at the centre of the partners' joint "
        "considerations. In addition, the current “magnesium crisis” has shown that a consistent "
        "raw-materials policy is essential to secure industrial value creation in Germany and "
        "Europe.",
    ),
    "signatories": [
        "speira",
        "trimet",
        "aluminium-deutschland",
        "ig-metall",
        "igbce",
        "wirtschaftsministerium-nrw",
    ],
    "press_contacts": ["Tim Stappen"],
}

# (person's name, speaker function as written, speaker organisation, organisation slug, text)
QUOTES = [
    (
        "Prof. Dr. Andreas Pinkwart",
        T("Wirtschafts- und Innovationsminister", "Minister for Economic Affairs and Innovation"),
        T(
            "Ministerium für Wirtschaft, Innovation, Digitalisierung und Energie des Landes "
            "Nordrhein-Westfalen",
            "Ministry of Economic Affairs, Innovation, Digitalisation and Energy of the State of "
            "North Rhine-Westphalia",
        ),
        "wirtschaftsministerium-nrw",
        T(
            "Nordrhein-Westfalen ist der wichtigste Aluminium-Standort in Deutschland, hier wird "
            "bundesweit der größte Umsatz erwirtschaftet. Die Branche ist Ausgangspunkt wichtiger "
            "Wertschöpfungsketten. Deshalb unterstützt die Landesregierung Unternehmen und "
            "Beschäftigte bei dem Transformationsprozess hin zu einer nachhaltigen, klimaneutralen "
            "Industrie, damit die Aluminiumproduktion in Nordrhein-Westfalen auch in Zukunft "
            "wettbewerbsfähig bleibt und Arbeitsplätze gesichert werden.",
            "North Rhine-Westphalia is the most important location for aluminium in Germany; "
            "this is where the industry generates its largest turnover nationwide. The industry "
            "is the starting point of important value chains. That is why the state government "
            "supports companies and employees in the transformation towards a sustainable, "
            "climate-neutral industry, so that aluminium production in North Rhine-Westphalia "
            "remains competitive in the future and jobs are secured.",
        ),
    ),
    (
        "Philipp Schlüter",
        T("CEO", "CEO"),
        T("TRIMET", "TRIMET"),
        "trimet",
        T(
            "Eine funktionierende Energiewende und mehr Klimaschutz benötigen gemeinsam "
            "erarbeitete und realistische Lösungsansätze. Als regionales „Know-How Cluster“ in "
            "NRW möchten wir das volle Potential der Aluminiumindustrie entfalten und somit auch "
            "in Zukunft verantwortungsvoll wirtschaften.",
            "A working energy transition and more climate protection need realistic solutions "
            "developed together. As a regional “know-how cluster” in NRW, we want to unfold the "
            "full potential of the aluminium industry and so continue to do business responsibly "
            "in the future.",
        ),
    ),
    (
        "Volker Backs",
        T("Geschäftsführer", "Managing Director"),
        T("Speira", "Speira"),
        "speira",
        T(
            "Aluminium ist für Klimaschutz und die moderne Gesellschaft unverzichtbar und wird "
            "zukünftig noch deutlich mehr benötigt. Dieser Bedarf muss auch aus Deutschland und "
            "damit Nordrhein-Westfalen gedeckt werden, zum Erhalt und Ausbau der lokalen "
            "Wertschöpfung, Vermeidung von Abhängigkeiten und Klimaschäden, denn hiesiges "
            "Aluminium ist im Vergleich zu Importen deutlich ökologischer. Und durch steigende "
            "Verwendung erneuerbarer Energien und Ausbau von Kreislaufwirtschaft können die "
            "heutigen Emissionen weiter gesenkt werden, in Richtung der CO₂-freien Gesellschaft.",
            "Aluminium is indispensable for climate protection and modern society, and much more "
            "of it will be needed in future. This demand must also be met from Germany and so "
            "from North Rhine-Westphalia, to preserve and expand local value creation and to avoid "
            "dependencies and climate damage, because aluminium made here is considerably more "
            "ecological than imports. And with the growing use of renewable energy and the "
            "expansion of the circular economy, today's emissions can be reduced further, towards "
            "a CO₂-free society.",
        ),
    ),
    (
        "Dr. Hinrich Mählmann",
        T(
            "Aluminium Deutschland-Präsident und PhG der OTTO FUCHS KG",
            "President of Aluminium Deutschland and general partner of OTTO FUCHS KG",
        ),
        T("Aluminium Deutschland", "Aluminium Deutschland"),
        "aluminium-deutschland",
        T(
            "Wir begrüßen den Dialog und das Commitment der Landesregierung, die "
            "Aluminiumindustrie bei ihrer Transformation zu begleiten und politisch zu "
            "unterstützen. Die Erklärung ist ein klares Bekenntnis zum Aluminiumstandort NRW und "
            "sendet ein starkes industriepolitisches Signal. Die deutsche Aluminiumindustrie "
            "bekennt sich zu Nachhaltigkeit und Klimaschutz und will ein Enabler für den European "
            "Green Deal sein. In den Bereichen Recycling und Circular Economy sind wir bereits "
            "heute Technologieführer. Wir werden unsere Prozesse und Produkte immer weiter "
            "verbessern, um unseren CO₂-Footprint zu verkleinern. Und wir werden unsere Kunden "
            "dabei unterstützen, die Emissionen ihrer Produkte zu verringern. Aber auch eine "
            "leistungsfähige und innovative Aluminiumindustrie kann im internationalen Wettbewerb "
            "nur im kooperativen Verbund mit politischen und gesellschaftlichen Stakeholdern "
            "bestehen. Eine kluge politische Flankierung ist zentral für die Wettbewerbsfähigkeit "
            "des Standorts. Gemeinsam müssen wir verhindern, dass Industrie in Regionen mit "
            "geringeren Standards und weniger ambitionierten Klimaschutzprogrammen abwandert.",
            "We welcome the dialogue and the state government's commitment to accompany the "
            "aluminium industry in its transformation and to support it politically. The "
            "declaration is a clear commitment to NRW as a home of the aluminium industry and "
            "sends a strong signal for industrial policy. The German aluminium industry is "
            "committed to sustainability and climate protection and wants to be an enabler of the "
            "European Green Deal. In recycling and the circular economy we are already technology "
            "leaders today. We will keep improving our processes and products to reduce our CO₂ "
            "footprint. And we will help our customers to reduce the emissions of their products. "
            "But even a capable and innovative aluminium industry can hold its own in "
            "international competition only in cooperation with political and social "
            "stakeholders. Smart political support is central to the location's "
            "competitiveness. Together we must prevent industry from moving to regions with lower "
            "standards and less ambitious climate programmes.",
        ),
    ),
    (
        "Manuel Bloemers",
        T("IG Metall-Vorstand-Zweigbüro", "IG Metall executive board branch office"),
        T("IG Metall", "IG Metall"),
        "ig-metall",
        T(
            "Die Transformation hin zu einer klimaneutralen Industrie muss von Politik und "
            "Unternehmen entschlossen weiterverfolgt werden. Das geht am besten mit den "
            "Beschäftigten. Als IG Metall stehen wir zu den Klimazielen. Der Umbau muss aber unter "
            "planbaren Rahmenbedingungen stattfinden und die Beschäftigten brauchen Perspektiven. "
            "Deshalb hoffen wir, dass das hier nur der Startschuss zu einem breiteren Bündnis über "
            "die Landesgrenzen hinweg war.",
            "Government and companies must resolutely pursue the transformation towards a "
            "climate-neutral industry. That works best together with the employees. As IG Metall, "
            "we stand by the climate targets. But the restructuring must take place under "
            "predictable conditions, and employees need prospects. That is why we hope this was "
            "only the starting signal for a broader alliance across state borders.",
        ),
    ),
    (
        "Manuel Rendla",
        T("IG BCE-Vertreter", "IG BCE representative"),
        T("IG BCE", "IG BCE"),
        "igbce",
        T(
            "Die IG BCE steht zu den Klimaschutzzielen und wird die Transformation hin zur "
            "klimaneutralen Industrie aktiv begleiten. Doch dabei ist klar, dass dies nur gelingen "
            "kann, wenn die notwendigen Investitionen in Transformation und den Ausbau von "
            "Erneuerbaren Energien kommen. Dazu benötigen die Beschäftigten und Unternehmen "
            "verlässliche Politische Rahmenbedingungen, damit Deutschland Industriestandort mit "
            "Industriearbeitsplätze bleibt. Mit dem heute begründeten Bündnis wollen wir die "
            "Standortsicherheit in NRW und bundesweit weiter ausbauen.",
            "IG BCE stands by the climate protection targets and will actively accompany the "
            "transformation towards a climate-neutral industry. But it is clear that this can only "
            "succeed if the necessary investments in the transformation and in the expansion of "
            "renewable energy are made. For this, employees and companies need reliable political "
            "conditions, so that Germany remains an industrial location with industrial jobs. With "
            "the alliance founded today, we want to further strengthen the security of NRW and of "
            "Germany as a whole as a place for industry.",
        ),
    ),
]


def load(demo):
    data = STATEMENT
    statement = demo.upsert(
        PressStatement,
        {"slug": data["slug"]},
        alliance=Alliance.objects.get(slug=data["alliance"]),
        headline=data["headline"],
        sub_headline=data["sub_headline"],
        dateline_place=data["dateline_place"],
        lead=data["lead"],
        body=as_html(data["body"]),
        status=Publishable.Status.PUBLISHED,
        published_at=RELEASED_AT,
    )
    signatories = Organisation.objects.filter(slug__in=data["signatories"])
    if set(statement.signatories.all()) != set(signatories):
        statement.signatories.set(signatories)
    contacts = Person.objects.filter(name__in=data["press_contacts"])
    if set(statement.press_contacts.all()) != set(contacts):
        statement.press_contacts.set(contacts)
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=data["signatories"])}
    # Each quote is linked to its speaker and to the organisation spoken for.
    for position, (speaker, function, organisation_name, slug, text) in enumerate(QUOTES, 1):
        person_name = speaker.removeprefix("Prof. ").removeprefix("Dr. ")
        demo.upsert(
            Quote,
            {"statement": statement, "position": position},
            speaker_name=speaker,
            speaker_function=function,
            speaker_organisation=organisation_name,
            organisation=organisations[slug],
            person=Person.objects.get(name=person_name, organisation=organisations[slug]),
            text=text,
        )
