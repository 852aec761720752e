"""`generate_load_data`: counts by scale, both languages, the same rows every run, public rules."""

import hashlib
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from alliance_portal import richtext as rich_text
from alliance_portal.models import Alliance, Demand, Goal, KeyFigure, Section, Sector
from alliance_portal.ops.load_data import FULL_COUNTS, allocate, planned_counts
from alliance_portal.publishing.models import Publishable
from members.models import AllianceContact, Membership, Organisation, Person
from news.models import NewsItem
from statements.models import PressStatement, Quote
from tests.factories import make_alliance, make_statement

pytestmark = pytest.mark.django_db

# The "1×" and "50×" sizes of the query-count tests.
SMALL, LARGE = 0.0002, 0.01


def generate(*options):
    output = StringIO()
    call_command("generate_load_data", *options, stdout=output)
    return output.getvalue()


def largest_alliance_slug(output):
    return re.search(r"Largest alliance: (\S+) ", output).group(1)


def generated(model):
    """The generated rows of `model`: found by the slug prefix of the row or its owner."""
    prefixes = {
        Sector: ("slug", "load-sector-"),
        Alliance: ("slug", "load-alliance-"),
        Section: ("alliance__slug", "load-alliance-"),
        Goal: ("alliance__slug", "load-alliance-"),
        Demand: ("alliance__slug", "load-alliance-"),
        KeyFigure: ("alliance__slug", "load-alliance-"),
        Organisation: ("slug", "load-org-"),
        Person: ("organisation__slug", "load-org-"),
        Membership: ("alliance__slug", "load-alliance-"),
        AllianceContact: ("alliance__slug", "load-alliance-"),
        PressStatement: ("slug", "load-statement-"),
        Quote: ("statement__slug", "load-statement-"),
        NewsItem: ("slug", "load-news-"),
        PressStatement.signatories.through: ("pressstatement__slug", "load-statement-"),
        PressStatement.press_contacts.through: ("pressstatement__slug", "load-statement-"),
        NewsItem.alliances.through: ("newsitem__slug", "load-news-"),
    }
    field, prefix = prefixes[model]
    return model._default_manager.filter(**{f"{field}__startswith": prefix})


GENERATED_MODELS = [
    Sector,
    Alliance,
    Section,
    Goal,
    Demand,
    KeyFigure,
    Organisation,
    Person,
    Membership,
    AllianceContact,
    PressStatement,
    Quote,
    NewsItem,
    PressStatement.signatories.through,
    PressStatement.press_contacts.through,
    NewsItem.alliances.through,
]
# What identifies a related row across runs and databases (ids may differ).
NATURAL_KEYS = {Person: "email", Goal: "title_de"}


def content_digest():
    """A SHA-256 of every generated row: all its values, related rows by slug, no ids."""
    digest = hashlib.sha256()
    for model in GENERATED_MODELS:
        columns = []
        for field in model._meta.concrete_fields:
            if field.primary_key:
                continue
            if field.is_relation:
                key = NATURAL_KEYS.get(field.related_model, "slug")
                columns.append(f"{field.name}__{key}")
            else:
                columns.append(field.attname)
        # Rows are hashed one by one and the hashes sorted: databases sort text differently.
        rows = sorted(
            hashlib.sha256("|".join(map(str, row)).encode()).hexdigest()
            for row in generated(model).values_list(*columns).iterator(chunk_size=2000)
        )
        digest.update(f"{model._meta.label}:{len(rows)}\n".encode())
        digest.update("".join(rows).encode())
    return digest.hexdigest()


def counts_per_row(queryset, relation):
    """The different numbers of related rows that the rows of `queryset` have."""
    counted = queryset.annotate(related_count=Count(relation))
    return set(counted.values_list("related_count", flat=True))


def test_load_data_counts_follow_the_scale():
    output = generate("--scale", str(LARGE))
    alliances = 5
    assert planned_counts(LARGE) == {
        "alliances": alliances,
        "organisations": 200,
        "people": 50,
        "memberships": 600,
        "statements": 1000,
        "quotes": 3000,
        "news": 500,
    }
    assert generated(Alliance).count() == alliances
    assert generated(Organisation).count() == 200
    assert generated(Person).count() == 50
    assert generated(Membership).count() == 600
    assert generated(PressStatement).count() == 1000
    assert generated(Quote).count() == 3000
    assert generated(NewsItem).count() == 500
    assert generated(Sector).count() == 6
    assert generated(Section).count() == 2 * alliances
    assert generated(Goal).filter(parent=None).count() == 4 * alliances
    assert generated(Demand).count() == 3 * alliances
    assert generated(KeyFigure).count() == 3 * alliances
    assert counts_per_row(generated(Alliance), "contacts") <= {1, 2}
    assert counts_per_row(generated(PressStatement), "quotes") <= {1, 2, 3, 4, 5}
    assert counts_per_row(generated(PressStatement), "signatories") <= {1, 2, 3}
    assert counts_per_row(generated(PressStatement), "press_contacts") == {1}
    assert counts_per_row(generated(NewsItem), "alliances") <= {1, 2}
    assert re.search(r"\n  statements.Quote +3,000\n", output)
    assert "Load data generated in" in output


def test_load_data_at_the_smallest_scale_has_each_kind_of_row():
    generate("--scale", str(SMALL))
    assert generated(Alliance).count() == 1
    assert generated(Organisation).count() == 4
    # One membership per alliance and organisation: 1 × 4, not the 12 the scale asks for.
    assert generated(Membership).count() == 4
    assert generated(PressStatement).count() == 20
    assert generated(Quote).count() == 60
    assert generated(NewsItem).count() == 10
    statements = generated(PressStatement)
    assert statements.filter(status=Publishable.Status.DRAFT).count() == 1
    assert statements.filter(published_at__year=2099).count() == 1
    assert generated(NewsItem).filter(status=Publishable.Status.DRAFT).count() == 1


def test_largest_alliance_has_the_most_memberships_and_statements():
    output = generate("--scale", str(LARGE))
    by_members = generated(Alliance).annotate(members=Count("memberships", distinct=True))
    ranked = list(by_members.order_by("-members").values_list("slug", "members"))
    largest = largest_alliance_slug(output)
    assert ranked[0][0] == largest
    assert ranked[0][1] > ranked[1][1]
    assert f"Largest alliance: {largest} ({ranked[0][1]} memberships" in output
    by_statements = generated(Alliance).annotate(statements=Count("press_statements"))
    assert by_statements.order_by("-statements").first().slug == largest
    assert Alliance.objects.get(slug=largest).is_published


def test_load_data_fills_both_languages():
    generate("--scale", str(SMALL))
    filled = {
        Sector: ("name",),
        Alliance: ("name", "summary", "description", "goals_intro", "demands_intro"),
        Section: ("heading", "body"),
        Goal: ("title", "description"),
        Demand: ("title", "description"),
        KeyFigure: ("label", "scope", "source"),
        Organisation: ("name", "description"),
        Person: ("function",),
        AllianceContact: ("role",),
        PressStatement: (
            "headline",
            "sub_headline",
            "dateline_place",
            "lead",
            "body",
            "boilerplate",
        ),
        Quote: ("text", "speaker_function", "speaker_organisation"),
        NewsItem: ("title", "teaser", "body", "source_name"),
    }
    for model, fields in filled.items():
        rows = generated(model)
        assert rows.exists(), model
        for field in fields:
            empty = Q(**{f"{field}_de": ""}) | Q(**{f"{field}_en": ""})
            assert not rows.filter(empty).exists(), f"{model.__name__}.{field}"
    statement = generated(PressStatement).first()
    assert statement.body_de.startswith("<p>") and statement.body_en.startswith("<p>")
    assert statement.body_de != statement.body_en
    # German is the default language: the untranslated column holds the German text.
    assert PressStatement.objects.filter(pk=statement.pk).values_list("body", flat=True)[0] == (
        statement.body_de
    )


def test_load_data_rich_text_is_stored_as_written():
    """The generated HTML is what the sanitiser would store, so cleaning it changes nothing."""
    generate("--scale", str(SMALL))
    for statement in generated(PressStatement):
        for body in (statement.body_de, statement.body_en):
            assert rich_text.clean(body) == body
            assert 3 <= body.count("<p>") <= 6
    for item in generated(NewsItem):
        assert 2 <= item.body_de.count("<p>") <= 4


def test_load_data_dates_are_fixed_and_in_the_past():
    generate("--scale", str(SMALL))
    public = generated(PressStatement).exclude(published_at__year=2099)
    years = {moment.year for moment in public.values_list("published_at", flat=True)}
    assert min(years) >= 2016 and max(years) <= 2026
    assert max(public.values_list("published_at", flat=True)).date().isoformat() <= "2026-06-30"
    for statement in generated(PressStatement):
        assert statement.created_at <= statement.updated_at
        assert statement.created_at.year <= 2026


def test_load_data_is_the_same_on_every_run():
    generate("--scale", "0.002")
    first = content_digest()
    output = generate("--scale", "0.002", "--replace")
    assert "Deleted the earlier load data" in output
    assert content_digest() == first
    generate("--scale", "0.002", "--replace", "--seed", "7")
    assert content_digest() != first


def test_load_data_refuses_a_second_run_without_replace():
    generate("--scale", str(SMALL))
    with pytest.raises(CommandError, match="Run again with --replace"):
        generate("--scale", str(SMALL))
    assert generated(PressStatement).count() == 20


def test_load_data_replace_leaves_other_content_alone(demo_content):
    # A slug of its own that merely starts with "load-" is not taken for load data.
    own = make_alliance(name_de="Load-Test-Allianz", slug="load-test-allianz")
    before = {model: model.objects.count() for model in (Alliance, Organisation, PressStatement)}
    generate("--scale", str(SMALL))
    generate("--scale", str(SMALL), "--replace")
    assert Alliance.objects.filter(pk=own.pk).exists()
    assert Alliance.objects.count() == before[Alliance] + 1
    assert Organisation.objects.count() == before[Organisation] + 4
    assert PressStatement.objects.count() == before[PressStatement] + 20


def test_load_data_replace_refuses_when_other_content_refers_to_it():
    generate("--scale", str(SMALL))
    make_statement(
        headline_de="Eigene Erklärung",
        dateline_place_de="Berlin",
        body_de="<p>Text</p>",
        alliance=generated(Alliance).get(),
        status="draft",
    )
    with pytest.raises(CommandError, match="cannot be deleted, nothing was changed"):
        generate("--scale", str(SMALL), "--replace")
    assert generated(PressStatement).count() == 20


def test_load_data_refuses_a_scale_of_zero():
    with pytest.raises(CommandError, match="The scale must be above 0."):
        generate("--scale", "0")


def test_allocate_keeps_the_total_and_the_caps():
    assert allocate(10, [3, 1, 1], [10, 10, 10]) == [6, 2, 2]
    assert allocate(10, [3, 1, 1], [4, 10, 10]) == [4, 3, 3]
    assert allocate(100, [1, 1], [5, 5]) == [5, 5]
    assert (
        sum(
            allocate(FULL_COUNTS["memberships"], [1 / (r + 52) for r in range(500)], [20_000] * 500)
        )
        == 60_000
    )


def test_public_pages_answer_on_load_data(client):
    output = generate("--scale", str(SMALL))
    largest = Alliance.objects.get(slug=largest_alliance_slug(output))
    statements = generated(PressStatement)
    public = statements.published().first()
    draft = statements.get(status=Publishable.Status.DRAFT)
    embargoed = statements.get(published_at__year=2099)
    draft_news = generated(NewsItem).get(status=Publishable.Status.DRAFT)

    home = client.get("/de/")
    assert home.status_code == 200
    assert largest.name_de in home.content.decode()  # the only alliance at this scale
    alliance_page = client.get(f"/en/alliances/{largest.slug}/")
    assert alliance_page.status_code == 200
    assert largest.name_en in alliance_page.content.decode()
    statement_page = client.get(f"/de/press/{public.slug}/")
    assert statement_page.status_code == 200
    assert public.headline_de in statement_page.content.decode()
    news_list = client.get("/en/news/")
    assert news_list.status_code == 200
    assert draft_news.slug not in news_list.content.decode()

    assert client.get(f"/de/press/{embargoed.slug}/").status_code == 404
    assert client.get(f"/de/press/{draft.slug}/").status_code == 404
    assert client.get(f"/de/news/{draft_news.slug}/").status_code == 404
    press_list = client.get("/de/press/").content.decode()
    assert embargoed.slug not in press_list and draft.slug not in press_list
