"""Demo news and the long-form article.

Seed 000's two news teasers (the seed cuts them off: so do we, with "…"),
seed 002's launch report of the UK Aluminium Alliance with its five fields of
action and the CEO's quote (its text written as HTML, the fields as a numbered
list), and seed 003, the long-form article, imported from its broken export by
the same routine a real import uses (its Markdown lists become HTML lists).
"""

from datetime import datetime
from pathlib import Path

from alliance_portal.models import Alliance
from alliance_portal.ops.demo import BERLIN, T, as_html
from alliance_portal.publishing.models import Publishable

from .models import Article, ArticleReference, ArticleSection, NewsItem
from .page_import import parse_static_site_page

SEEDS = Path(__file__).resolve().parent / "seeds"

NEWS = [
    {
        "slug": "treffen-deutsche-aluminium-allianz-juli-2025",
        "alliances": ["deutsche-aluminium-allianz"],
        "published_at": datetime(2025, 7, 11, 12, 0, tzinfo=BERLIN),
        "title": T(
            "Treffen auf Einladung der Deutschen Aluminium-Allianz",
            "Meeting at the invitation of the German Aluminium Alliance",
        ),
        "teaser": T(
            "Auf Einladung der Deutschen Aluminium-Allianz kamen am Freitag, dem 11. Juli 2025, "
            "führende Vertreterinnen und Vertreter aus Politik, Industrie und …",
            "At the invitation of the German Aluminium Alliance, leading representatives of "
            "government, industry and … met on Friday, 11 July 2025.",
        ),
    },
    {
        "slug": "gemeinsame-erklaerung-deutsche-aluminium-allianz",
        "alliances": ["deutsche-aluminium-allianz"],
        "published_at": datetime(2024, 10, 8, 12, 0, tzinfo=BERLIN),
        "title": T(
            "Fünf Bundesländer, IG Metall, IGBCE und Aluminium Deutschland unterzeichnen "
            "gemeinsame Erklärung",
            "Five federal states, IG Metall, IGBCE and Aluminium Deutschland sign a joint "
            "declaration",
        ),
        "teaser": T(
            "Industrie, Sozialpartner und fünf Bundesländer haben jetzt die Deutsche …",
            "Industry, the social partners and five federal states have now … the German …",
        ),
    },
    {
        # Seed 002 gives no date; the launch followed the UK's June 2025 industrial
        # strategy, so the demo dates it 1 July 2025.
        "slug": "alfed-gruendet-uk-aluminium-alliance",
        "alliances": ["uk-aluminium-alliance"],
        "published_at": datetime(2025, 7, 1, 12, 0, tzinfo=BERLIN),
        "source_name": T("Aluminium Federation (ALFED)", "Aluminium Federation (ALFED)"),
        "source_url": "https://alfed.org.uk/policy-areas/uk-aluminium-alliance/",
        "title": T(
            "ALFED gründet britische Aluminiumallianz zur Förderung von industriellem Wachstum, "
            "Dekarbonisierung und Investitionen",
            "ALFED founds a British aluminium alliance to promote industrial growth, "
            "decarbonisation and investment",
        ),
        "teaser": T(
            "Das Mittagessen im House of Lords markiert den offiziellen Start einer "
            "branchenübergreifenden Plattform, da die britische Industriestrategie "
            "Energieunterstützung für das verarbeitende Gewerbe verspricht.",
            "A lunch in the House of Lords marks the official launch of a cross-sector "
            "platform, as the UK's industrial strategy promises energy support for "
            "manufacturing.",
        ),
        "body": T(
            "<p>Die Aluminium Federation (ALFED) hat heute offiziell die UK Aluminium Alliance "
            "(UKAA) ins Leben gerufen – eine zukunftsweisende Initiative zur Stärkung der "
            "britischen Aluminiumindustrie, zur Förderung von kohlenstoffarmer Wertschöpfung und "
            "zur Verankerung von Aluminium als Schlüsselkomponente in der britischen "
            "Industriepolitik.</p>"
            "<p>Vor Regierungsvertretern, OEMs, Recyclingunternehmen und Branchenführern wurde die "
            "Allianz im britischen Oberhaus vorgestellt. Sie steht in direkter Verbindung zur "
            "neuen Industrial Strategy for a Stronger Britain sowie den kürzlich angekündigten "
            "Energiekostenreformen für über 7.000 produzierende Unternehmen.</p>"
            "<p>„Die Gründung der UK Aluminium Alliance kommt zu einem entscheidenden Zeitpunkt“, "
            "betont Nadine Bloxsome, CEO der Aluminium Federation. „Die britische "
            "Industriepolitik stärkt gezielt Dekarbonisierung, nationale Fertigungskompetenz und "
            "niedrigere Energiekosten. Diese Allianz wird sicherstellen, dass Aluminium eine "
            "führende Rolle in einer sauberen und wettbewerbsfähigen britischen Industrie "
            "einnimmt. Wir müssen Aluminium nicht nur als recycelbaren Werkstoff sehen – sondern "
            "als kritische Infrastruktur für Wirtschaft, Klimaziele und nationale Resilienz.“</p>"
            "<p><strong>Fünf strategische Handlungsfelder der Allianz:</strong></p><ol>"
            "<li>Energiereform</li><li>Sektor-Mapping</li><li>Fachkräftesicherung</li>"
            "<li>Zirkuläre Märkte</li><li>Politikdialog</li></ol>",
            "<p>The Aluminium Federation (ALFED) today officially launched the UK Aluminium "
            "Alliance (UKAA) – a forward-looking initiative to strengthen the British aluminium "
            "industry, promote low-carbon value creation and anchor aluminium as a key component "
            "of British industrial policy.</p>"
            "<p>The alliance was presented in the House of Lords to government representatives, "
            "OEMs, recycling companies and industry leaders. It ties in directly with the new "
            "Industrial Strategy for a Stronger Britain and the recently announced energy cost "
            "reforms for more than 7,000 manufacturers.</p>"
            "<p>“The launch of the UK Aluminium Alliance comes at a decisive moment,” says Nadine "
            "Bloxsome, CEO of the Aluminium Federation. “British industrial policy is "
            "deliberately strengthening decarbonisation, national manufacturing capability and "
            "lower energy costs. This alliance will ensure that aluminium plays a leading role in "
            "a clean and competitive British industry. We must see aluminium not only as a "
            "recyclable material – but as critical infrastructure for the economy, climate "
            "targets and national resilience.”</p>"
            "<p><strong>The alliance's five strategic fields of action:</strong></p><ol>"
            "<li>Energy reform</li><li>Sector mapping</li><li>Skills</li>"
            "<li>Circular markets</li><li>Policy dialogue</li></ol>",
        ),
    },
]

ARTICLE_SEED = "003_9a3a17aab97ae3fe.txt"
ARTICLE_SLUG = "aluminium-als-klimaneutraler-energietraeger"


def load(demo):
    alliances = {alliance.slug: alliance for alliance in Alliance.objects.all()}
    for data in NEWS:
        item = demo.upsert(
            NewsItem,
            {"slug": data["slug"]},
            title=data["title"],
            teaser=data["teaser"],
            body=as_html(data.get("body", T("", ""))),
            source_name=data.get("source_name", T("", "")),
            source_url=data.get("source_url", ""),
            status=Publishable.Status.PUBLISHED,
            published_at=data["published_at"],
        )
        wanted = {alliances[slug] for slug in data["alliances"]}
        if set(item.alliances.all()) != wanted:
            item.alliances.set(wanted)
    load_article(demo)


def load_article(demo):
    """Seed 003 exists only in German; the English fields stay empty and fall back."""
    page = parse_static_site_page((SEEDS / ARTICLE_SEED).read_bytes())
    article = demo.upsert(
        Article,
        {"slug": ARTICLE_SLUG},
        title=T(page.title, ""),
        summary=T(page.summary, ""),
        category=T(", ".join(page.categories), ""),
        cta_text=T(page.cta.text if page.cta else "", ""),
        cta_button_text=T(page.cta.button_text if page.cta else "", ""),
        cta_link=page.cta.button_link if page.cta else "",
        status=Publishable.Status.PUBLISHED,
        published_at=datetime.combine(page.date, datetime.min.time().replace(hour=9), BERLIN),
    )
    for position, section in enumerate(page.sections, start=1):
        demo.upsert(
            ArticleSection,
            {"article": article, "position": position},
            heading=T(section.heading, ""),
            body=T(section.body, ""),
            side_note=T(section.side_note, ""),
        )
    for reference in page.references:
        demo.upsert(
            ArticleReference,
            {"article": article, "number": reference.number},
            title=T(reference.title, ""),
            url=reference.url,
        )
