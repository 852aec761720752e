"""Content with the longest titles staff can give: a German compound word of 77 letters
and a 300-character headline, in every place a title, name or label appears on the
public pages. The browser tests check that no page then scrolls sideways.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from alliance_portal.models import Demand, KeyFigure, ParticipantGroup, Section, Sector
from members.models import AllianceContact
from news.models import Article, ArticleReference, ArticleSection
from statements.models import Quote
from tests.factories import (
    make_alliance,
    make_goal,
    make_membership,
    make_news_item,
    make_organisation,
    make_person,
    make_statement,
)

WORD = "Bundesverbandsdirektreduktionsanlagenförderungsgesetzesnovellierungsausschuss"
HEADLINE = (
    f"{WORD} fordert Direktreduktionsanlagen mit Wasserstoff, Planungssicherheit "
    "für die Aluminiumindustrie, verlässliche Strompreise und eine "
    "Kreislaufwirtschaftsstrategie, die Recyclingquoten für Getränkedosen "
    "verbindlich vorschreibt"
)
assert len(WORD) >= 60 and len(HEADLINE) == 300, (len(WORD), len(HEADLINE))


def make_long_titled_content():
    """An alliance, a member, a contact, news, an article and a statement, each
    titled with WORD or HEADLINE, published a minute ago (so they lead every list).
    Nothing has English: English pages show the German, marked as such."""
    a_minute_ago = timezone.now() - timedelta(minutes=1)
    sector = Sector.objects.create(name_de=WORD, slug="long-sector")
    alliance = make_alliance(
        name_de=f"{WORD}-Allianz",
        name_en="",
        short_name="BVDRAFGNA",
        summary_de=HEADLINE,
        summary_en="",
        region_de=WORD,
        sector=sector,
        founding_document_title_de=WORD,
        published_at=a_minute_ago,
    )
    KeyFigure.objects.create(
        alliance=alliance,
        label_de=WORD,
        value=Decimal("123456789012"),
        unit=KeyFigure.Unit.EUR,
        year=2024,
        scope_de=WORD,
        source_de=WORD,
    )
    # The widest figure the formatter writes: "über 1.234.567,9 Mrd. €" (billions keep
    # one decimal, so 1.234.567,89 billion is written ,9), and one as long as
    # "über 1.234.567,89 Mrd. €": "über 12.345.678,9 Mrd. €", the most the field holds.
    for value in (Decimal("1234567890000000"), Decimal("12345678901234567")):
        KeyFigure.objects.create(
            alliance=alliance,
            label_de=WORD,
            value=value,
            unit=KeyFigure.Unit.EUR,
            qualifier=KeyFigure.Qualifier.OVER,
            year=2024,
            scope_de=WORD,
            source_de=WORD,
        )
    goal = make_goal(alliance=alliance, title_de=HEADLINE, description_de=WORD)
    make_goal(alliance=alliance, parent=goal, title_de=WORD, description_de=WORD)
    Demand.objects.create(alliance=alliance, title_de=WORD, description_de=HEADLINE)
    ParticipantGroup.objects.create(alliance=alliance, name_de=WORD, description_de=WORD)
    Section.objects.create(alliance=alliance, heading_de=WORD, body_de=f"<p>{WORD}</p>")

    organisation = make_organisation(
        name_de=f"{WORD} GmbH", region_de=WORD, description_de=f"<p>{HEADLINE}</p>"
    )
    make_membership(alliance=alliance, organisation=organisation)
    person = make_person(name=WORD, function_de=WORD, organisation=organisation)
    AllianceContact.objects.create(alliance=alliance, person=person, role_de=WORD)

    news_item = make_news_item(
        title_de=HEADLINE, teaser_de=WORD, alliances=[alliance], published_at=a_minute_ago
    )
    article = Article.objects.create(
        title_de=HEADLINE,
        summary_de=WORD,
        category_de=WORD,
        cta_text_de=WORD,
        cta_button_text_de=WORD,
        cta_link="https://example.org/",
        status=Article.Status.PUBLISHED,
        published_at=a_minute_ago,
    )
    article.alliances.add(alliance)
    ArticleSection.objects.create(
        article=article, heading_de=WORD, body_de=f"<p>{WORD}</p>", side_note_de=WORD
    )
    ArticleReference.objects.create(
        article=article, number=1, title_de=WORD, url=f"https://example.org/{WORD}"
    )

    statement = make_statement(
        alliance=alliance,
        headline_de=HEADLINE,
        sub_headline_de=HEADLINE,
        dateline_place_de=WORD,
        lead_de=WORD,
        body_de=f"<p>{WORD}</p>",
        boilerplate_de=WORD,
        published_at=a_minute_ago,
    )
    statement.signatories.add(organisation)
    statement.press_contacts.add(person)
    Quote.objects.create(
        statement=statement,
        position=1,
        text_de=WORD,
        speaker_name=WORD,
        speaker_function_de=WORD,
        speaker_organisation_de=WORD,
        organisation=organisation,
    )
    return {
        "alliance": alliance,
        "organisation": organisation,
        "news_item": news_item,
        "article": article,
        "statement": statement,
    }
