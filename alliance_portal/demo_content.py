"""Demo alliances, transcribed from the seed texts in shared/seeds.

German as in the seeds; English translated faithfully. Seed 000: Deutsche
Aluminium-Allianz; 001: Aluminiumbündnis NRW (the body behind the press
release); 002: UK Aluminium Alliance; 004: Thementisch Metall. Members and
contacts are added by members/demo_content.py; the legal pages (templates to
complete) by legal/demo_content.py.
"""

from datetime import date
from decimal import Decimal

from .legal import demo_content as legal_demo_content
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
from .ops.demo import DEMO_PUBLISHED_AT, T, as_html, logo_alt, wordmark

SECTORS = {
    "aluminium": T("Aluminium", "Aluminium"),
    "metall": T("Metall", "Metals"),
}

DAA_SOURCE = T(
    "Deutsche Aluminium-Allianz, Website der Allianz",
    "German Aluminium Alliance, the alliance's website",
)
NRW_SOURCE = T(
    "Gemeinsame Erklärung des Aluminiumbündnisses NRW, Düsseldorf, 30. November 2021",
    "Joint declaration of the NRW Aluminium Alliance, Düsseldorf, 30 November 2021",
)

ALLIANCES = [
    # --- Seed 000 -----------------------------------------------------------
    {
        "slug": "deutsche-aluminium-allianz",
        "brand_colour": "#0b3d91",  # a deep blue
        "initials": "DAA",
        "name": T("Deutsche Aluminium-Allianz", "German Aluminium Alliance"),
        "short_name": "DAA",
        "kind": Alliance.Kind.ALLIANCE,
        "sector": "aluminium",
        "country": "DE",
        "featured": True,
        "founded_on": date(2024, 10, 8),
        "founding_document_title": T("Gemeinsame Erklärung", "Joint declaration"),
        "summary": T(
            "Die Deutsche Aluminium-Allianz ist eine gemeinsame Initiative von Industrie, "
            "Gewerkschaften und Politik, welche am 8. Oktober 2024 durch eine gemeinsame "
            "Erklärung ins Leben gerufen wurde.",
            "The German Aluminium Alliance is a joint initiative of industry, trade unions "
            "and government, launched by a joint declaration on 8 October 2024.",
        ),
        # The seed's first sentence is the summary, shown above as the lead.
        "description": T(
            "Ihr Ziel ist es, die Aluminiumindustrie in "
            "Deutschland zukunftsfähig und wettbewerbsfähig aufzustellen. Aluminium ist ein "
            "Schlüsselwerkstoff für zahlreiche Branchen – von Verkehr und Bauwesen über "
            "Verpackung bis hin zur Elektrotechnik – und unverzichtbar für die Energiewende.",
            "Its aim is to make the aluminium industry in Germany fit for the future and "
            "competitive. Aluminium is a key material for many industries – from transport and "
            "construction to packaging and electrical engineering – and indispensable for "
            "the energy transition.",
        ),
        "goals_intro": T("Im Mittelpunkt stehen:", "The alliance focuses on:"),
        "demands_intro": T(
            "Um diese Ziele zu erreichen, setzt sich die Allianz für klare Rahmenbedingungen ein:",
            "To reach these goals, the alliance campaigns for a clear framework:",
        ),
        "sections": [
            (
                T("Wirtschaftliche Bedeutung", "Economic significance"),
                T(
                    "Die deutsche Aluminiumindustrie ist ein bedeutender Wirtschaftszweig. "
                    "Aluminium ist unverzichtbar für Net-Zero-Technologien und spielt damit "
                    "eine zentrale Rolle bei der Dekarbonisierung. Um den Standort langfristig "
                    "zu sichern, die Transformation zu beschleunigen und faire "
                    "Wettbewerbsbedingungen zu schaffen, haben Politik, Industrie und "
                    "Gewerkschaften die Allianz ins Leben gerufen.",
                    "The German aluminium industry is a major branch of the economy. Aluminium "
                    "is indispensable for net-zero technologies and so plays a central role in "
                    "decarbonisation. To secure the industry's home in Germany for the long "
                    "term, speed up the transformation and create fair conditions of "
                    "competition, government, industry and trade unions launched the alliance.",
                ),
            ),
            (
                T("Gesellschaftliche Verantwortung", "Responsibility to society"),
                T(
                    "Die Aluminiumindustrie trägt wesentlich dazu bei, die Energiewende und die "
                    "Transformation der Wirtschaft erfolgreich umzusetzen. Die Deutsche "
                    "Aluminium-Allianz bündelt dafür die Kräfte von Politik, Industrie und "
                    "Gewerkschaften und arbeitet gemeinsam an einer nachhaltigen, "
                    "sozialverträglichen und wettbewerbsfähigen Zukunft.",
                    "The aluminium industry contributes substantially to making the energy "
                    "transition and the transformation of the economy a success. To this end "
                    "the German Aluminium Alliance pools the strengths of government, industry "
                    "and trade unions and works together towards a sustainable, socially "
                    "responsible and competitive future.",
                ),
            ),
        ],
        "key_figures": [
            {
                "label": T("Beschäftigte", "Employees"),
                "qualifier": KeyFigure.Qualifier.ABOUT,
                "value": Decimal("61000"),
                "unit": KeyFigure.Unit.COUNT,
                "year": 2024,
                "scope": T("Aluminiumindustrie in Deutschland", "Aluminium industry in Germany"),
                "source": DAA_SOURCE,
            },
            {
                "label": T("Jahresumsatz", "Annual turnover"),
                "qualifier": KeyFigure.Qualifier.OVER,
                "value": Decimal("22500000000"),
                "unit": KeyFigure.Unit.EUR,
                "year": 2024,
                "scope": T("Aluminiumindustrie in Deutschland", "Aluminium industry in Germany"),
                "source": DAA_SOURCE,
            },
        ],
        "goals": [
            {
                "title": T(
                    "Sicherung der Wettbewerbsfähigkeit der Aluminiumindustrie in Deutschland",
                    "Securing the competitiveness of the aluminium industry in Germany",
                ),
                "description": T(
                    "faire nationale und internationale Rahmenbedingungen, Sicherung von "
                    "Arbeitsplätzen",
                    "fair national and international framework conditions, safeguarding jobs",
                ),
            },
            {
                "title": T(
                    "Unterstützung einer nachhaltigen Transformation in nachfolgenden Dimensionen",
                    "Supporting a sustainable transformation in the following dimensions",
                ),
                "children": [
                    {
                        "title": T("Ökologisch", "Ecological"),
                        "description": T(
                            "Senkung der CO₂-Emissionen, Einsatz erneuerbarer Energien und "
                            "Ausbau der Kreislaufwirtschaft durch Recycling-Aluminium.",
                            "Cutting CO₂ emissions, using renewable energy and expanding the "
                            "circular economy through recycled aluminium.",
                        ),
                    },
                    {
                        "title": T("Ökonomisch", "Economic"),
                        "description": T(
                            "Sicherung der Wettbewerbsfähigkeit und Vermeidung von "
                            "Produktionsabwanderung („Carbon Leakage“).",
                            "Securing competitiveness and preventing production from moving "
                            "abroad (“carbon leakage”).",
                        ),
                    },
                    {
                        "title": T("Sozial", "Social"),
                        "description": T(
                            "Wahrung von Mitbestimmung, Tarifbindung und guten "
                            "Arbeitsbedingungen, damit der Wandel fair und sozialverträglich "
                            "verläuft.",
                            "Upholding co-determination, collective bargaining and good working "
                            "conditions, so that the change is fair and socially responsible.",
                        ),
                    },
                ],
            },
        ],
        "demands": [
            T(
                "sichere, erneuerbare und bezahlbare Energieversorgung",
                "a secure, renewable and affordable energy supply",
            ),
            T(
                "verstärkte Forschungs- und Innovationsförderung",
                "stronger support for research and innovation",
            ),
            T(
                "faire internationale Wettbewerbsbedingungen, um Produktionsabwanderung "
                "(„Carbon Leakage“) zu verhindern",
                "fair international conditions of competition, to prevent production from "
                "moving abroad (“carbon leakage”)",
            ),
        ],
    },
    # --- Seed 001 -----------------------------------------------------------
    {
        "slug": "aluminiumbuendnis-nrw",
        "brand_colour": "#a11d21",  # a dark red
        "initials": "AB",
        "name": T(
            "Aluminiumbündnis Nordrhein-Westfalen", "North Rhine-Westphalia Aluminium Alliance"
        ),
        "short_name": "Aluminiumbündnis NRW",
        "kind": Alliance.Kind.REGIONAL_ALLIANCE,
        "sector": "aluminium",
        "country": "DE",
        "region": T("Nordrhein-Westfalen", "North Rhine-Westphalia"),
        "featured": True,
        "founded_on": date(2021, 11, 30),
        "founding_document_title": T("Gemeinsame Erklärung", "Joint declaration"),
        "summary": T(
            "Bündnis von Landesregierung, Arbeitnehmer*innenvertretung und Industrie für eine "
            "starke und wettbewerbsfähige Aluminiumindustrie in Nordrhein-Westfalen, "
            "gegründet mit einer gemeinsamen Erklärung am 30. November 2021 in Düsseldorf.",
            "An alliance of the state government, employee representatives and industry for a "
            "strong and competitive aluminium industry in North Rhine-Westphalia, founded with "
            "a joint declaration in Düsseldorf on 30 November 2021.",
        ),
        "description": T(
            "Mit der am 30. November 2021 unterzeichneten Erklärung haben die Bündnispartner "
            "ihr Bekenntnis zum Aluminiumstandort Nordrhein-Westfalen (NRW) unterstrichen. Der "
            "Werkstoff ist ein bedeutender Baustein für die industrielle Wertschöpfung in NRW, "
            "Deutschland und Europa. Aluminium ist ein Schlüsselwerkstoff zur Erreichung der "
            "ehrgeizigen Klimaziele. Und die Aluminiumindustrie ist ein bedeutender "
            "Wirtschaftsfaktor für NRW.\n\n"
            "Die gemeinsame Erklärung ist der Startschuss für eine intensive Zusammenarbeit der "
            "Landesregierung, der Arbeitnehmer*innenvertretung und der Industrie.",
            "With the declaration signed on 30 November 2021, the alliance partners "
            "underlined their commitment to North Rhine-Westphalia (NRW) as a home of the "
            "aluminium industry. The material is an important building block of industrial "
            "value creation in NRW, Germany and Europe. Aluminium is a key material for "
            "reaching the ambitious climate targets. And the aluminium industry is a major "
            "economic factor for NRW.\n\n"
            "The joint declaration is the starting signal for close cooperation between the "
            "state government, employee representatives and industry.",
        ),
        "goals_intro": T(
            "Der enge Austausch der Partner dient dem Ziel,",
            "The partners' close exchange serves these aims:",
        ),
        "demands_intro": T(
            "Im Mittelpunkt der gemeinsamen Überlegungen stehen:",
            "At the centre of the partners' joint considerations are:",
        ),
        "key_figures": [
            {
                "label": T("Beschäftigte", "Employees"),
                "value": Decimal("35000"),
                "unit": KeyFigure.Unit.COUNT,
                "year": 2021,
                "scope": T(
                    "Aluminiumindustrie in Nordrhein-Westfalen",
                    "Aluminium industry in North Rhine-Westphalia",
                ),
                "source": NRW_SOURCE,
            },
            {
                "label": T("Beschäftigte", "Employees"),
                "qualifier": KeyFigure.Qualifier.OVER,
                "value": Decimal("62000"),
                "unit": KeyFigure.Unit.COUNT,
                "year": 2021,
                "scope": T("Aluminiumindustrie in Deutschland", "Aluminium industry in Germany"),
                "source": NRW_SOURCE,
            },
        ],
        "goals": [
            {
                "title": T(
                    "die Transformation zu einer nachhaltigen Industrie erfolgreich voranzutreiben",
                    "to drive forward the transformation to a sustainable industry successfully",
                )
            },
            {
                "title": T(
                    "die Kreislaufwirtschaft sowie die damit verbundene Rohstoffversorgung "
                    "auszubauen",
                    "to expand the circular economy and the supply of raw materials that "
                    "comes with it",
                )
            },
            {
                "title": T(
                    "die geschlossene Wertschöpfungskette Aluminium am Standort zu stärken",
                    "to strengthen the closed aluminium value chain in the region",
                )
            },
        ],
        "demands": [
            T(
                "der schnelle Ausbau erneuerbarer Energien zu wettbewerbsfähigen Kosten",
                "the rapid expansion of renewable energy at competitive cost",
            ),
            T("der Zugang zu Forschungsförderung", "access to research funding"),
            T(
                "der freie und faire Wettbewerb auf den Märkten",
                "free and fair competition in the markets",
            ),
            {
                "title": T("eine konsistente Rohstoffpolitik", "a consistent raw-materials policy"),
                "description": T(
                    "Die aktuelle „Magnesiumkrise“ hat gezeigt, dass eine konsistente "
                    "Rohstoffpolitik zur Sicherung der industriellen Wertschöpfung in "
                    "Deutschland und Europa unerlässlich ist.",
                    "The current “magnesium crisis” has shown that a consistent "
                    "raw-materials policy is essential to secure industrial value creation in "
                    "Germany and Europe.",
                ),
            },
        ],
    },
    # --- Seed 002 -----------------------------------------------------------
    {
        "slug": "uk-aluminium-alliance",
        "brand_colour": "#0f5257",  # a dark teal
        "initials": "UKAA",
        "name": T("UK Aluminium Alliance", "UK Aluminium Alliance"),
        "short_name": "UKAA",
        "kind": Alliance.Kind.ALLIANCE,
        "sector": "aluminium",
        "country": "GB",
        "source_url": "https://alfed.org.uk/policy-areas/uk-aluminium-alliance/",
        "summary": T(
            "Von der Aluminium Federation (ALFED) ins Leben gerufene Initiative zur Stärkung "
            "der britischen Aluminiumindustrie, zur Förderung von kohlenstoffarmer "
            "Wertschöpfung und zur Verankerung von Aluminium als Schlüsselkomponente in der "
            "britischen Industriepolitik.",
            "An initiative launched by the Aluminium Federation (ALFED) to strengthen the "
            "British aluminium industry, promote low-carbon value creation and anchor "
            "aluminium as a key component of British industrial policy.",
        ),
        "description": T(
            "Die Aluminium Federation (ALFED) hat die UK Aluminium Alliance (UKAA) als "
            "zukunftsweisende Initiative zur Stärkung der britischen Aluminiumindustrie ins "
            "Leben gerufen. Vor Regierungsvertretern, OEMs, Recyclingunternehmen und "
            "Branchenführern wurde die Allianz im britischen Oberhaus vorgestellt. Sie steht "
            "in direkter Verbindung zur neuen Industrial Strategy for a Stronger Britain sowie "
            "den angekündigten Energiekostenreformen für über 7.000 produzierende "
            "Unternehmen.\n\n"
            "Die UKAA soll als sektorenübergreifende Plattform Investitionen anstoßen, "
            "politische Reformen beschleunigen und die strategische Bedeutung von Aluminium in "
            "Verteidigung, Bauwesen, Industrieproduktion sowie bei der Transformation zur "
            "Klimaneutralität hervorheben.\n\n"
            "Die Allianz wurde von ALFED in Zusammenarbeit mit Dr. Mark Jones von CONETZ "
            "(Connecting for Net Zero) entwickelt und agiert als formeller Bestandteil von "
            "ALFED. Sie bringt Unternehmen entlang der gesamten Wertschöpfungskette – von "
            "Hüttenwerken über Weiterverarbeiter bis hin zu OEMs – in einem kollaborativen "
            "Rahmen zusammen.",
            "The Aluminium Federation (ALFED) has launched the UK Aluminium Alliance (UKAA), a "
            "forward-looking initiative to strengthen the British aluminium industry. The "
            "alliance was presented in the House of Lords to government representatives, OEMs, "
            "recycling companies and industry leaders. It ties in directly with the new "
            "Industrial Strategy for a Stronger Britain and the announced energy cost reforms "
            "for more than 7,000 manufacturers.\n\n"
            "As a cross-sector platform, the UKAA is to stimulate investment, speed up policy "
            "reform and highlight the strategic importance of aluminium in defence, "
            "construction, industrial production and the transition to net zero.\n\n"
            "ALFED developed the alliance together with Dr Mark Jones of CONETZ (Connecting "
            "for Net Zero), and it operates as a formal part of ALFED. It brings together "
            "companies along the entire value chain – from smelters and processors to OEMs – "
            "in a collaborative framework.",
        ),
        "goals_intro": T(
            "Die UKAA wird fünf priorisierte Themenbereiche verfolgen, die direkt mit der "
            "britischen Industriepolitik verknüpft sind:",
            "The UKAA will pursue five priority areas, linked directly to British industrial "
            "policy:",
        ),
        "goals": [
            {
                "kind": Goal.Kind.FIELD_OF_ACTION,
                "title": T("Energiereform", "Energy reform"),
                "description": T(
                    "Unterstützung der Umsetzung des British Industry Supercharger zur "
                    "langfristigen Sicherung wettbewerbsfähiger Energiekosten",
                    "Supporting the implementation of the British Industry Supercharger to "
                    "secure competitive energy costs for the long term",
                ),
            },
            {
                "kind": Goal.Kind.FIELD_OF_ACTION,
                "title": T("Sektor-Mapping", "Sector mapping"),
                "description": T(
                    "Aufbau eines nationalen Überblicks über Kapazitäten und "
                    "Recyclinginfrastruktur der Aluminiumindustrie",
                    "Building a national overview of the aluminium industry's capacities and "
                    "recycling infrastructure",
                ),
            },
            {
                "kind": Goal.Kind.FIELD_OF_ACTION,
                "title": T("Fachkräftesicherung", "Skills"),
                "description": T(
                    "Stärkung der Ausbildung und Integration grüner Qualifikationen",
                    "Strengthening training and integrating green skills",
                ),
            },
            {
                "kind": Goal.Kind.FIELD_OF_ACTION,
                "title": T("Zirkuläre Märkte", "Circular markets"),
                "description": T(
                    "Förderung geschlossener Materialkreisläufe und einer gesteigerten "
                    "Binnennachfrage nach Aluminium",
                    "Promoting closed material loops and greater domestic demand for aluminium",
                ),
            },
            {
                "kind": Goal.Kind.FIELD_OF_ACTION,
                "title": T("Politikdialog", "Policy dialogue"),
                "description": T(
                    "Anerkennung von Aluminium als strategisches Material in der nationalen "
                    "Industrieplanung",
                    "Recognition of aluminium as a strategic material in national industrial "
                    "planning",
                ),
            },
        ],
        "sections": [
            (
                T("Schnittstelle zur Regierung", "Interface with government"),
                T(
                    "Der Start der Allianz erfolgt vor dem Hintergrund politischer Zusagen zur "
                    "Senkung der Stromnetzkosten um bis zu 90 % für energieintensive "
                    "Industrien und zur Einrichtung neuer Industrial Sector Councils. Die UKAA "
                    "wird als zentrale Schnittstelle zur Regierung, u. a. mit den Ministerien "
                    "DBT, DESNZ und MOD, fungieren.",
                    "The alliance starts against the background of government commitments to "
                    "cut electricity network costs by up to 90% for energy-intensive "
                    "industries and to set up new Industrial Sector Councils. The UKAA will act "
                    "as a central interface with government, including the DBT, DESNZ and MOD "
                    "departments.",
                ),
            ),
            (
                T(
                    "Eine neue Ära industrieller Zusammenarbeit",
                    "A new era of industrial collaboration",
                ),
                T(
                    "Die Allianz basiert auf einem bottom-up Ansatz aus der Industrie heraus "
                    "und reflektiert den breiten Dialog mit ALFED-Mitgliedern und weiteren "
                    "Akteuren. Sie überschreitet die klassischen Grenzen eines Verbands – und "
                    "heißt OEMs, Materialzulieferer, KMU sowie akademische Einrichtungen "
                    "ausdrücklich willkommen.\n\n"
                    "ALFED wird die UKAA künftig in seine technischen Dienstleistungen, "
                    "Trainingsprogramme und politische Arbeit integrieren – darunter die aktive "
                    "Mitgestaltung von Energie- und Klimastrategien, Maßnahmen zur "
                    "CO₂-Grenzabgabe sowie zur Rückverlagerung von Fertigung nach "
                    "Großbritannien.",
                    "The alliance rests on a bottom-up approach from within industry and "
                    "reflects the broad dialogue with ALFED members and other stakeholders. It "
                    "goes beyond the classic limits of an association – and explicitly welcomes "
                    "OEMs, material suppliers, SMEs and academic institutions.\n\n"
                    "ALFED will integrate the UKAA into its technical services, training "
                    "programmes and policy work – including actively shaping energy and "
                    "climate strategies, measures on the carbon border adjustment and the "
                    "reshoring of manufacturing to the United Kingdom.",
                ),
            ),
        ],
    },
    # --- Seed 004 -----------------------------------------------------------
    {
        "slug": "thementisch-metall",
        "brand_colour": "#334155",  # a dark slate
        "initials": "TM",
        "name": T("Thementisch Metall", "Metals Round Table"),
        "kind": Alliance.Kind.WORKING_GROUP,
        "sector": "metall",
        "country": "DE",
        "region": T("Nordrhein-Westfalen", "North Rhine-Westphalia"),
        "summary": T(
            "Der Thementisch „Metall / Metallindustrie“ soll die Transformation der "
            "Metallindustrie in Richtung einer klimaneutralen Kreislaufwirtschaft aktiv "
            "unterstützen.",
            "The “Metals / Metal Industry” round table is to actively support the "
            "transformation of the metal industry towards a climate-neutral circular economy.",
        ),
        "goals_intro": T(
            "Der Thementisch „Metall / Metallindustrie“ soll die Transformation der "
            "Metallindustrie in Richtung einer klimaneutralen Kreislaufwirtschaft aktiv "
            "unterstützen. Ziel ist es, die Metallindustrie in Nordrhein-Westfalen dabei zu "
            "unterstützen sich als Vorreiter für zirkuläre Praktiken zu etablieren und so "
            "einen entscheidenden Beitrag zur Transformation hin zu einer nachhaltigen "
            "Industrie zu leisten.",
            "The “Metals / Metal Industry” round table is to actively support the "
            "transformation of the metal industry towards a climate-neutral circular "
            "economy. The aim is to help the metal industry in North Rhine-Westphalia "
            "establish itself as a pioneer of circular practices and so make a decisive "
            "contribution to the transformation towards a sustainable industry.",
        ),
        "sections": [
            (
                T("Hintergrund / Veranlassung", "Background and reasons"),
                T(
                    "Die Metallindustrie ist eine zentrale Säule der nordrhein-westfälischen "
                    "Wirtschaft und ist essenziell für zahlreiche andere Branchen, darunter "
                    "Maschinenbau, Bauwesen oder Elektrotechnik. Gleichzeitig ist der Sektor "
                    "mit signifikanten Herausforderungen konfrontiert: Die Primärproduktion von "
                    "Metallen ist mit einem hohen Ressourcenverbrauch, erheblichen "
                    "Treibhausgasemissionen und weitreichenden ökologischen Auswirkungen "
                    "entlang der globalen Lieferketten verbunden. Trotz der theoretisch hohen "
                    "Rezyklierbarkeit von Metallen bleibt die praktische Umsetzung zirkulärer "
                    "Ansätze in diesem Industriebereich stark ausbaufähig. Wertvolle Rohstoffe "
                    "gehen durch ineffiziente Recyclingprozesse oder ungenutzte "
                    "Sekundärpotenziale verloren, während der Energieaufwand für die "
                    "Aufbereitung oftmals die ökologischen Vorteile schmälert. Darüber hinaus "
                    "erschwert die Abhängigkeit von kritischen Rohstoffen und geopolitischen "
                    "Unsicherheiten die langfristige Versorgungssicherheit. Um diesen "
                    "Herausforderungen zu begegnen, bedarf es eines systemischen Wandels hin zu "
                    "einer zirkulären Wertschöpfung, die ökologische und ökonomische "
                    "Nachhaltigkeit gleichermaßen adressiert.",
                    "The metal industry is a central pillar of North Rhine-Westphalia's economy "
                    "and essential for many other industries, including mechanical engineering, "
                    "construction and electrical engineering. At the same time the sector faces "
                    "significant challenges: the primary production of metals comes with high "
                    "resource consumption, considerable greenhouse gas emissions and "
                    "far-reaching ecological effects along global supply chains. Although "
                    "metals are in theory highly recyclable, circular approaches in this "
                    "industry leave much room for improvement in practice. Valuable raw "
                    "materials are lost through inefficient recycling processes or unused "
                    "secondary potential, while the energy needed for processing often reduces "
                    "the ecological benefits. In addition, dependence on critical raw "
                    "materials and geopolitical uncertainty make long-term security of supply "
                    "harder. Meeting these challenges takes a systemic change towards circular "
                    "value creation that addresses ecological and economic sustainability "
                    "alike.",
                ),
            ),
        ],
        "goals": [
            {
                "title": T(
                    "Aktuelle politische und gesetzliche Entwicklungen transparent darstellen",
                    "Present current political and legislative developments transparently",
                )
            },
            {
                "title": T(
                    "Zentrale Herausforderungen sowie Hemmnisse an die relevanten politischen "
                    "Akteure adressieren",
                    "Bring key challenges and obstacles to the attention of the relevant "
                    "political actors",
                )
            },
            {
                "title": T(
                    "Innovative Strategien und praxisorientierte Lösungen für eine zirkuläre "
                    "Wertschöpfung im Metallsektor entwickeln",
                    "Develop innovative strategies and practical solutions for circular value "
                    "creation in the metal sector",
                ),
                "description": T("Im Fokus stehen daher:", "The focus is therefore on:"),
                "children": [
                    {
                        "title": T(
                            "die Identifikation von Circular Economy-Schlüsselstellen und "
                            "Hemmnissen",
                            "identifying key points of and obstacles to the circular economy",
                        )
                    },
                    {
                        "title": T(
                            "die Entwicklung und Implementierung zirkulärer Geschäftsmodelle",
                            "developing and implementing circular business models",
                        )
                    },
                    {
                        "title": T(
                            "die Optimierung von Recyclingtechnologien",
                            "optimising recycling technologies",
                        )
                    },
                    {
                        "title": T(
                            "die Förderung der Nutzung von Sekundärrohstoffen",
                            "promoting the use of secondary raw materials",
                        )
                    },
                ],
            },
            {
                "title": T(
                    "Forschungs- sowie Umsetzungsbedarfe identifizieren und innovative "
                    "Pilotprojekte anstoßen",
                    "Identify needs for research and implementation and launch innovative "
                    "pilot projects",
                )
            },
        ],
        "participant_groups": [
            {
                "name": T(
                    "Unternehmen und Verbände der Metallindustrie",
                    "Companies and associations of the metal industry",
                ),
                "description": T("entlang der Prozesskette", "along the process chain"),
            },
            {"name": T("Wissenschaft & Forschung", "Science and research")},
            {"name": T("NRW-Ministerien", "NRW ministries")},
        ],
    },
]


def as_title_and_description(item):
    """Demands may be given as a bare translated title or as a dict."""
    if isinstance(item, T):
        return {"title": item}
    return item


def load(demo):
    sectors = {
        slug: demo.upsert(Sector, {"slug": slug}, name=name) for slug, name in SECTORS.items()
    }
    for data in ALLIANCES:
        alliance = demo.upsert(
            Alliance,
            {"slug": data["slug"]},
            name=data["name"],
            short_name=data.get("short_name", ""),
            kind=data["kind"],
            sector=sectors[data["sector"]],
            country=data["country"],
            region=data.get("region", T("", "")),
            featured=data.get("featured", False),
            summary=data["summary"],
            description=as_html(data.get("description", T("", ""))),
            founded_on=data.get("founded_on"),
            founding_document_title=data.get("founding_document_title", T("", "")),
            source_url=data.get("source_url", ""),
            goals_intro=data.get("goals_intro", T("", "")),
            demands_intro=data.get("demands_intro", T("", "")),
            logo_alt=logo_alt(data["name"]),
            brand_colour=data["brand_colour"],
            status=Publishable.Status.PUBLISHED,
            published_at=DEMO_PUBLISHED_AT,
        )
        demo.demo_logo(alliance, wordmark=wordmark(data), colour=data["brand_colour"])
        load_parts(demo, alliance, data)
    legal_demo_content.load(demo)


def load_parts(demo, alliance, data):
    for position, (heading, body) in enumerate(data.get("sections", []), start=1):
        demo.upsert(
            Section,
            {"alliance": alliance, "position": position},
            heading=heading,
            body=as_html(body),
        )
    for position, figure in enumerate(data.get("key_figures", []), start=1):
        demo.upsert(KeyFigure, {"alliance": alliance, "position": position}, **figure)
    for position, goal in enumerate(data.get("goals", []), start=1):
        parent = demo.upsert(
            Goal,
            {"alliance": alliance, "parent": None, "position": position},
            kind=goal.get("kind", Goal.Kind.GOAL),
            title=goal["title"],
            description=goal.get("description", T("", "")),
        )
        for sub_position, child in enumerate(goal.get("children", []), start=1):
            demo.upsert(
                Goal,
                {"alliance": alliance, "parent": parent, "position": sub_position},
                kind=Goal.Kind.GOAL,
                title=child["title"],
                description=child.get("description", T("", "")),
            )
    for position, demand in enumerate(data.get("demands", []), start=1):
        demand = as_title_and_description(demand)
        demo.upsert(
            Demand,
            {"alliance": alliance, "position": position},
            title=demand["title"],
            description=demand.get("description", T("", "")),
        )
    for position, group in enumerate(data.get("participant_groups", []), start=1):
        demo.upsert(
            ParticipantGroup,
            {"alliance": alliance, "position": position},
            name=group["name"],
            description=group.get("description", T("", "")),
        )
