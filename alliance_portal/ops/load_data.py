"""Load data for performance work: many made-up alliances, members, statements and news.

`manage.py generate_load_data` calls `generate_load_data()`. At scale 1 it writes 500
alliances (with sections, goals, demands and key figures), 20,000 organisations, 5,000
people, 60,000 memberships, 100,000 press statements with 300,000 quotes and 50,000 news
items, in German and English; a smaller scale shrinks every count alike, so tests can
compare a page at two sizes.

The same scale and seed give the same content on SQLite and PostgreSQL: every value comes
from one `random.Random(seed)`, drawn in a fixed order, and every date from a fixed
calendar (2016-01-01 to 2026-06-30) rather than the clock. Relations are drawn as
positions in the generated lists, never as database ids.

Rows are written with `bulk_create` in batches, in one transaction: a failed run leaves
the database as it was. Generated rows are recognised by their slug prefixes
(`SLUG_PREFIXES`; people by their organisation), which is how `--replace` finds them.

Sizes are skewed as in real portals: a few alliances have many members and statements
(the largest about 500 members), most have tens; a hundredth of the organisations are in
many alliances; a few words are in most texts and many in few (see `load_texts.py`).
"""

import random
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import accumulate

from django.apps import apps
from django.db import connection, models, transaction
from django.utils import translation
from django.utils.text import slugify

from ..publishing.models import Publishable
from ..publishing.page_cache import forget_generation
from ..publishing.slugs import comparison_key, slugify_de
from .load_texts import PLACES, T, TextMaker, capitalised

DEFAULT_SEED = 6
FULL_COUNTS = {
    "alliances": 500,
    "organisations": 20_000,
    "people": 5_000,
    "memberships": 60_000,
    "statements": 100_000,
    "quotes": 300_000,
    "news": 50_000,
}
SLUG_PREFIXES = {
    "sector": "load-sector-",
    "alliance": "load-alliance-",
    "organisation": "load-org-",
    "statement": "load-statement-",
    "news": "load-news-",
}
FIRST_DAY = date(2016, 1, 1)
LAST_DAY = date(2026, 6, 30)
EMBARGO_YEAR = 2099
BATCH_SIZE = 1000
# Statements and news are made and written this many at a time, with their quotes and
# links, so memory stays flat whatever the scale.
CHUNK_SIZE = 2000

Status = Publishable.Status

SECTORS = [
    T("Aluminium", "Aluminium"),
    T("Stahl", "Steel"),
    T("Metall", "Metals"),
    T("Chemie", "Chemicals"),
    T("Glas und Keramik", "Glass and ceramics"),
    T("Papier", "Paper"),
]
# (code, German name, English name, weight)
COUNTRIES = [
    ("DE", T("Deutschland", "Germany"), 50),
    ("GB", T("Vereinigtes Königreich", "United Kingdom"), 12),
    ("AT", T("Österreich", "Austria"), 10),
    ("CH", T("Schweiz", "Switzerland"), 6),
    ("FR", T("Frankreich", "France"), 5),
    ("NL", T("Niederlande", "Netherlands"), 5),
    ("BE", T("Belgien", "Belgium"), 3),
    ("IT", T("Italien", "Italy"), 3),
    ("PL", T("Polen", "Poland"), 3),
    ("SE", T("Schweden", "Sweden"), 3),
]
REGIONS = {
    "DE": [
        T("Nordrhein-Westfalen", "North Rhine-Westphalia"),
        T("Bayern", "Bavaria"),
        T("Niedersachsen", "Lower Saxony"),
        T("Sachsen", "Saxony"),
        T("Hessen", "Hesse"),
        T("Baden-Württemberg", "Baden-Württemberg"),
    ],
    "GB": [T("Wales", "Wales"), T("Schottland", "Scotland"), T("Nordengland", "North of England")],
    "AT": [T("Oberösterreich", "Upper Austria"), T("Steiermark", "Styria")],
}
FIRST_NAMES = [
    "Anna", "Lena", "Julia", "Sarah", "Laura", "Katharina", "Sabine", "Claudia", "Petra",
    "Miriam", "Eva", "Sophie", "Hannah", "Emily", "Olivia", "Thomas", "Michael", "Andreas",
    "Stefan", "Markus", "Jan", "Lukas", "Felix", "Jonas", "Peter", "Martin", "Tobias",
    "Daniel", "James", "Oliver",
]  # fmt: skip
SURNAMES = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Braun", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Krause",
    "Lehmann", "Köhler", "Huber", "Gruber", "Smith", "Jones", "Taylor", "Evans",
]  # fmt: skip
FUNCTIONS = [
    T("Geschäftsführung", "Managing director"),
    T("Pressesprecherin", "Press officer"),
    T("Vorstandsvorsitzender", "Chair of the board"),
    T("Referentin für Energiepolitik", "Energy policy officer"),
    T("Leiter Kommunikation", "Head of communications"),
    T("Präsidentin", "President"),
    T("Bezirksleiter", "District manager"),
    T("Staatssekretärin", "State secretary"),
    T("Institutsleiter", "Director of the institute"),
    T("Betriebsratsvorsitzende", "Chair of the works council"),
]
CONTACT_ROLES = [
    T("Pressekontakt", "Press contact"),
    T("Geschäftsstelle", "Secretariat"),
    T("Sprecherin der Allianz", "Spokesperson of the alliance"),
]
# (label, unit as stored (KeyFigure.Unit), smallest value, largest value)
KEY_FIGURES = [
    (T("Beschäftigte", "employees"), "count", 1_000, 200_000),
    (T("Umsatz", "turnover"), "EUR", 10_000_000, 50_000_000_000),
    (T("Produktion", "production"), "tonnes", 10_000, 5_000_000),
    (T("Recyclingquote", "recycling rate"), "percent", 20, 95),
    (T("Mitgliedsunternehmen", "member companies"), "count", 10, 600),
    (T("Investitionen", "investment"), "EUR", 1_000_000, 5_000_000_000),
]
KEY_FIGURE_SOURCES = [
    T("Statistisches Bundesamt", "Federal Statistical Office"),
    T("Verbandsstatistik", "Association statistics"),
    T("Jahresbericht der Allianz", "The alliance's annual report"),
]
NEWS_SOURCE = T("Pressestelle der Allianz", "The alliance's press office")


class LoadDataExists(Exception):
    """Generated rows are in the database already, and replacing them was not asked for."""


@dataclass
class Report:
    counts: dict  # model label -> rows written
    deleted: dict  # model label -> rows of an earlier run deleted first
    seconds: float
    largest_alliance: str  # its slug
    largest_members: int
    largest_statements: int


def planned_counts(scale):
    """The number of each kind of row at `scale`: at least one of each."""
    if scale <= 0:
        raise ValueError("The scale must be above 0.")
    counts = {name: max(1, round(full * scale)) for name, full in FULL_COUNTS.items()}
    # Every statement has 1 to 5 quotes.
    counts["quotes"] = min(max(counts["quotes"], counts["statements"]), 5 * counts["statements"])
    return counts


def share(total, fraction):
    """How many of `total` items get a rare property (draft, featured…). At least one of
    ten or more, so that small test data has each kind too."""
    return max(round(total * fraction), 1 if total >= 10 else 0)


def allocate(total, weights, caps):
    """Split `total` over the slots in proportion to `weights`, none above its cap.

    Whole numbers by largest remainder; what a capped slot cannot take goes to the
    others. The sum is `total`, or the sum of the caps if that is smaller.
    """
    sizes = [0] * len(weights)
    remaining, open_slots = total, list(range(len(weights)))
    while remaining > 0 and open_slots:
        weight_sum = sum(weights[i] for i in open_slots)
        exact = {i: remaining * weights[i] / weight_sum for i in open_slots}
        given = {i: int(exact[i]) for i in open_slots}
        left_over = remaining - sum(given.values())
        by_remainder = sorted(open_slots, key=lambda i: (given[i] - exact[i], i))
        for i in by_remainder[:left_over]:
            given[i] += 1
        remaining = 0
        for i in open_slots:
            taken = min(given[i], caps[i] - sizes[i])
            sizes[i] += taken
            remaining += given[i] - taken
        open_slots = [i for i in open_slots if sizes[i] < caps[i]]
    return sizes


def quote_counts(rng, statements, quotes):
    """1 to 5 quotes for each statement, 3 on average, exactly `quotes` in all."""
    counts = rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 4, 2, 1), k=statements)
    difference = quotes - sum(counts)
    while difference:
        index = rng.randrange(statements)
        if difference > 0 and counts[index] < 5:
            counts[index] += 1
            difference -= 1
        elif difference < 0 and counts[index] > 1:
            counts[index] -= 1
            difference += 1
    return counts


def slug(prefix, number, width, text):
    return slugify_de(f"{prefix}{number:0{width}d}-{text}")


def load_models():
    """The models written, reached by name so that this module imports no app."""
    return {
        **{
            name: apps.get_model("alliance_portal", name)
            for name in ("Sector", "Alliance", "Section", "Goal", "Demand", "KeyFigure")
        },
        "Organisation": apps.get_model("members", "Organisation"),
        "Person": apps.get_model("members", "Person"),
        "Membership": apps.get_model("members", "Membership"),
        "AllianceContact": apps.get_model("members", "AllianceContact"),
        "PressStatement": apps.get_model("statements", "PressStatement"),
        "Quote": apps.get_model("statements", "Quote"),
        "NewsItem": apps.get_model("news", "NewsItem"),
    }


def generated_querysets():
    """The generated rows of each model, in an order in which they can be deleted."""
    m = load_models()
    statements = m["PressStatement"].objects.filter(slug__startswith=SLUG_PREFIXES["statement"])
    organisations = m["Organisation"].objects.filter(slug__startswith=SLUG_PREFIXES["organisation"])
    return [
        m["Quote"].objects.filter(statement__in=statements),
        statements,
        m["NewsItem"].objects.filter(slug__startswith=SLUG_PREFIXES["news"]),
        # With the alliances go their sections, goals, memberships and contacts.
        m["Alliance"].objects.filter(slug__startswith=SLUG_PREFIXES["alliance"]),
        m["Person"].objects.filter(organisation__in=organisations),
        organisations,
        m["Sector"].objects.filter(slug__startswith=SLUG_PREFIXES["sector"]),
    ]


def existing_load_data():
    """{label: count} of the generated rows in the database; empty if there are none."""
    found = {}
    for queryset in generated_querysets():
        count = queryset.count()
        if count:
            found[queryset.model._meta.label] = count
    return found


def delete_load_data():
    """Delete every generated row; returns {label: count} of the rows deleted."""
    deleted = Counter()
    for queryset in generated_querysets():
        # Load only the key (and file fields, whose delete signal reads them) of the
        # rows Django must collect; their cascades go by query, not row by row.
        fields = ["pk"] + [
            field.name
            for field in queryset.model._meta.concrete_fields
            if isinstance(field, models.FileField)
        ]
        _total, per_model = queryset.only(*fields).delete()
        deleted.update(per_model)
    return {label: count for label, count in deleted.items() if count}


@contextmanager
def timestamps_as_given(*model_classes):
    """Let `bulk_create` store the created/updated times we set instead of now().

    Load data must be the same on every run, and its history should look like one.
    The fields are shared by the process: meant for the command's own run only.
    """
    fields = [
        model._meta.get_field(name)
        for model in model_classes
        for name in ("created_at", "updated_at")
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def analyze():
    """Refresh the planner's statistics after the bulk insert (PostgreSQL and SQLite)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def generate_load_data(*, scale=1.0, seed=DEFAULT_SEED, replace=False, progress=None):
    """Write the load data at `scale`; with `replace`, delete an earlier run's rows first.

    Raises `LoadDataExists` if generated rows exist and `replace` is false. `progress`,
    if given, is called with a line of text after each stage.
    """
    started = time.perf_counter()
    deleted = {}
    with transaction.atomic():
        existing = existing_load_data()
        if existing and not replace:
            found = ", ".join(f"{count} {label}" for label, count in existing.items())
            raise LoadDataExists(
                f"Load data is in the database already ({found}). Run again with --replace "
                "to delete it and generate it anew."
            )
        if existing:
            deleted = delete_load_data()
            if progress:
                seconds = time.perf_counter() - started
                progress(f"Earlier load data deleted in {seconds:.1f} s")
        generator = LoadDataGenerator(scale=scale, seed=seed, progress=progress)
        generator.run()
    # bulk_create sends no signals: tell the page cache itself.
    forget_generation()
    analyzing = time.perf_counter()
    analyze()
    if progress:
        progress(f"Planner statistics (ANALYZE) in {time.perf_counter() - analyzing:.1f} s")
    return Report(
        counts=dict(generator.written),
        deleted=deleted,
        seconds=time.perf_counter() - started,
        largest_alliance=generator.alliances[generator.largest].slug,
        largest_members=len(generator.members_of[generator.largest]),
        largest_statements=generator.statements_per_alliance[generator.largest],
    )


class RowMaker:
    """Unsaved instances of `model`, built from field values passed by position.

    Passed as keywords, the values would cost several times as much per row:
    modeltranslation rewrites every keyword and Django matches each with its field.
    Fields not given get their default; one whose default is computed (a time) must
    be given, so that nothing depends on the clock.
    """

    def __init__(self, model):
        self.model = model
        self.attnames = [field.attname for field in model._meta.concrete_fields]
        self.known = frozenset(self.attnames)
        self.defaults = {
            field.attname: field.get_default()
            for field in model._meta.concrete_fields
            if not (field.has_default() and callable(field.default))
        }

    def __call__(self, **values):
        unknown = values.keys() - self.known
        if unknown:
            raise TypeError(f"{self.model.__name__} has no field {', '.join(sorted(unknown))}.")
        values = {**self.defaults, **values}
        return self.model(*[values[attname] for attname in self.attnames])


def translated(**values):
    """`name=T(de, en)` as `name_de=de, name_en=en`, and German in the column `name`."""
    expanded = {}
    for field, value in values.items():
        expanded[field] = expanded[f"{field}_de"] = value.de
        expanded[f"{field}_en"] = value.en
    return expanded


@dataclass
class AllianceRow:
    pk: int
    slug: str
    name: T
    summary: T
    founded_on: date


@dataclass
class OrganisationRow:
    pk: int
    name: T


@dataclass
class PersonRow:
    pk: int
    name: str
    function: T


class LoadDataGenerator:
    """Draws every row from one seeded random generator, in a fixed order, and writes it."""

    def __init__(self, *, scale, seed, progress=None):
        self.counts = planned_counts(scale)
        self.rng = random.Random(seed)
        self.text = TextMaker(self.rng)
        self.progress = progress
        self.models = load_models()
        self.written = Counter()  # model label -> rows
        self.makers = {}
        self.stage_started = time.perf_counter()

    def run(self):
        m = self.models
        publishables = (m["Alliance"], m["Organisation"], m["PressStatement"], m["NewsItem"])
        # German is the default language: the untranslated columns get the German text.
        with translation.override("de"), timestamps_as_given(*publishables):
            self.make_sectors()
            self.make_alliances()
            self.make_alliance_parts()
            self.make_organisations()
            self.make_people()
            self.make_memberships()
            self.make_contacts()
            self.make_statements()
            self.make_news()

    # Writing -------------------------------------------------------------------------

    def new(self, model, **values):
        """An unsaved `model` row with these field values (see `RowMaker`)."""
        if model not in self.makers:
            self.makers[model] = RowMaker(model)
        return self.makers[model](**values)

    def write(self, model, rows):
        """Insert `rows` in batches; returns them with their primary keys."""
        written = model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
        self.written[model._meta.label] += len(rows)
        return written

    def stage_done(self, what):
        if self.progress:
            seconds = time.perf_counter() - self.stage_started
            self.progress(f"{what} in {seconds:.1f} s")
        self.stage_started = time.perf_counter()

    # Drawing -------------------------------------------------------------------------

    def moment(self, first=FIRST_DAY, last=LAST_DAY):
        """A time during office hours (UTC) on a day between `first` and `last`."""
        day = first + timedelta(days=self.rng.randrange((last - first).days + 1))
        minute = self.rng.randrange(7 * 60, 17 * 60)
        return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(minutes=minute)

    def day(self, first, last=LAST_DAY):
        return first + timedelta(days=self.rng.randrange(max((last - first).days, 1)))

    def publication(self, *, draft=False, embargoed=False, first=FIRST_DAY, last=LAST_DAY):
        """Status, publish time and created/updated times of a publishable row."""
        if embargoed:
            # Written in the last months, released in 2099: under embargo.
            created = self.moment(date(2026, 1, 1))
            release = datetime(EMBARGO_YEAR, 1, 1, 8, tzinfo=UTC)
            published_at = release + timedelta(days=self.rng.randrange(365))
            return {
                "status": Status.PUBLISHED,
                "published_at": published_at,
                "first_published_at": published_at,
                "created_at": created,
                "updated_at": created,
            }
        published_at = self.moment(first, last)
        created = published_at - timedelta(minutes=self.rng.randint(30, 3 * 24 * 60))
        return {
            "status": Status.DRAFT if draft else Status.PUBLISHED,
            "published_at": published_at,
            "first_published_at": None if draft else published_at,
            "created_at": created,
            "updated_at": published_at,
        }

    def country(self):
        return self.rng.choices(COUNTRIES, weights=[c[2] for c in COUNTRIES])[0]

    def person_name(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"

    # Alliances -----------------------------------------------------------------------

    def make_sectors(self):
        Sector = self.models["Sector"]
        self.sectors = self.write(
            Sector,
            [
                self.new(
                    Sector,
                    slug=f"{SLUG_PREFIXES['sector']}{slugify_de(name.de)}",
                    **translated(name=name),
                )
                for name in SECTORS
            ],
        )

    def make_alliances(self):
        Alliance = self.models["Alliance"]
        rng, text, count = self.rng, self.text, self.counts["alliances"]
        # Ranks are dealt out at random; rank 0 is the largest alliance. The weight
        # 1/(rank + 2 + count/10) gives the largest about four times the average and
        # most alliances between a third and two thirds of it.
        ranks = list(range(count))
        rng.shuffle(ranks)
        self.weights = [1 / (rank + 2 + count / 10) for rank in ranks]
        self.cumulative_weights = list(accumulate(self.weights))
        self.largest = ranks.index(0)
        others = [i for i in range(count) if i != self.largest]
        drafts = set(rng.sample(others, share(count, 0.02)))
        published = [i for i in range(count) if i not in drafts]
        featured = set(rng.sample(published, max(1, round(count * 0.02))))
        kinds = (
            Alliance.Kind.ALLIANCE,
            Alliance.Kind.REGIONAL_ALLIANCE,
            Alliance.Kind.WORKING_GROUP,
        )
        rows, self.alliances = [], []
        for index in range(count):
            kind = rng.choices(kinds, weights=(60, 25, 15))[0]
            code, _country_name, _weight = self.country()
            topic, place = text.noun(), rng.choice(PLACES)
            region = T("", "")
            if kind == Alliance.Kind.REGIONAL_ALLIANCE:
                region = rng.choice(REGIONS.get(code) or [place])
                name = T(f"Bündnis {topic.de} {region.de}", f"{region.en} {topic.en} alliance")
            elif kind == Alliance.Kind.WORKING_GROUP:
                name = T(f"Thementisch {topic.de}", f"{capitalised(topic.en)} round table")
            else:
                name = T(f"Allianz {topic.de} {place.de}", f"{place.en} {topic.en} alliance")
            summary = text.sentences(rng.randint(1, 2))
            description = text.paragraphs(2, 3)
            founded_on = self.day(date(2010, 1, 1), date(2019, 12, 31))
            has_document = rng.random() < 0.5
            document_title = (
                T("Gemeinsame Erklärung", "Joint declaration") if has_document else T("", "")
            )
            document_text = text.paragraphs(1, 2) if has_document else T("", "")
            goals_intro, demands_intro = text.sentences(1), text.sentences(1)
            number = index + 1
            alliance = self.new(
                Alliance,
                slug=slug(SLUG_PREFIXES["alliance"], number, 4, name.de),
                kind=kind,
                sector_id=rng.choice(self.sectors).pk,
                country=code,
                featured=index in featured,
                founded_on=founded_on,
                website=f"https://alliance-{number:04d}.example.org/",
                short_name=f"LA{number:04d}",
                **translated(
                    name=name,
                    region=region,
                    summary=summary,
                    description=description,
                    founding_document_title=document_title,
                    founding_document_text=document_text,
                    goals_intro=goals_intro,
                    demands_intro=demands_intro,
                ),
                **self.publication(draft=index in drafts, last=date(2019, 12, 31)),
            )
            rows.append(alliance)
        for alliance in self.write(Alliance, rows):
            self.alliances.append(
                AllianceRow(
                    pk=alliance.pk,
                    slug=alliance.slug,
                    name=T(alliance.name_de, alliance.name_en),
                    summary=T(alliance.summary_de, alliance.summary_en),
                    founded_on=alliance.founded_on,
                )
            )
        self.stage_done(f"{count} alliances")

    def make_alliance_parts(self):
        m = self.models
        Section, Goal, Demand, KeyFigure = (
            m[name] for name in ("Section", "Goal", "Demand", "KeyFigure")
        )
        rng, text = self.rng, self.text
        sections, main_goals, demands, figures = [], [], [], []
        sub_goal_counts = []
        for alliance in self.alliances:
            for position in range(2):
                sections.append(
                    self.new(
                        Section,
                        alliance_id=alliance.pk,
                        position=position,
                        **translated(heading=text.heading(), body=text.paragraphs(2, 3)),
                    )
                )
            for position in range(4):
                field_of_action = position == 3 and rng.random() < 0.25
                main_goals.append(
                    self.new(
                        Goal,
                        alliance_id=alliance.pk,
                        position=position,
                        kind=Goal.Kind.FIELD_OF_ACTION if field_of_action else Goal.Kind.GOAL,
                        **translated(
                            title=text.goal(), description=text.sentences(rng.randint(1, 2))
                        ),
                    )
                )
                sub_goal_counts.append(rng.randint(1, 2) if rng.random() < 0.4 else 0)
            for position in range(3):
                demands.append(
                    self.new(
                        Demand,
                        alliance_id=alliance.pk,
                        position=position,
                        **translated(
                            title=text.demand(), description=text.sentences(rng.randint(1, 2))
                        ),
                    )
                )
            for position, (label, unit, low, high) in enumerate(rng.sample(KEY_FIGURES, 3)):
                year = rng.randint(2018, 2025)
                source = rng.choice(KEY_FIGURE_SOURCES)
                figures.append(
                    self.new(
                        KeyFigure,
                        alliance_id=alliance.pk,
                        position=position,
                        qualifier=rng.choice(("", "about", "over")),
                        value=Decimal(rng.randint(low, high)),
                        unit=unit,
                        year=year,
                        **translated(
                            label=label,
                            scope=self.country()[1],
                            source=T(f"{source.de} {year}", f"{source.en} {year}"),
                        ),
                    )
                )
        self.write(Section, sections)
        main_goals = self.write(Goal, main_goals)
        sub_goals = []
        for goal, children in zip(main_goals, sub_goal_counts, strict=True):
            for position in range(children):
                sub_goals.append(
                    self.new(
                        Goal,
                        alliance_id=goal.alliance_id,
                        parent_id=goal.pk,
                        position=position,
                        **translated(title=text.goal(), description=text.sentences(1)),
                    )
                )
        self.write(Goal, sub_goals)
        self.write(Demand, demands)
        self.write(KeyFigure, figures)
        self.stage_done("Sections, goals, demands and key figures")

    # Members -------------------------------------------------------------------------

    def make_organisations(self):
        rng, text, count = self.rng, self.text, self.counts["organisations"]
        Organisation = self.models["Organisation"]
        Kind = Organisation.Kind
        kinds = (
            Kind.COMPANY,
            Kind.ASSOCIATION,
            Kind.TRADE_UNION,
            Kind.GOVERNMENT_BODY,
            Kind.RESEARCH,
            Kind.OTHER,
        )
        drafts = set(rng.sample(range(count), share(count, 0.02)))
        rows = []
        for index in range(count):
            kind = rng.choices(kinds, weights=(45, 20, 5, 5, 10, 15))[0]
            code, _country_name, _weight = self.country()
            topic, place = text.noun(), rng.choice(PLACES)
            short_name = ""
            if kind == Kind.COMPANY:
                company = f"{rng.choice(SURNAMES)} {topic.de} GmbH"
                name = T(company, company)
            elif kind == Kind.ASSOCIATION:
                name = T(f"Verband {topic.de} {place.de}", f"{place.en} {topic.en} association")
                short_name = f"V{index + 1}"
            elif kind == Kind.TRADE_UNION:
                name = T(f"Gewerkschaft {topic.de}", f"{capitalised(topic.en)} workers' union")
                short_name = f"G{index + 1}"
            elif kind == Kind.GOVERNMENT_BODY:
                name = T(
                    f"Ministerium für {topic.de}, {place.de}", f"Ministry of {topic.en}, {place.en}"
                )
            elif kind == Kind.RESEARCH:
                name = T(f"Institut für {topic.de}", f"Institute for {topic.en}")
            else:
                name = T(f"Stiftung {topic.de}", f"{capitalised(topic.en)} foundation")
            regions = REGIONS.get(code)
            region = rng.choice(regions) if regions and rng.random() < 0.5 else T("", "")
            number = index + 1
            rows.append(
                self.new(
                    Organisation,
                    slug=slug(SLUG_PREFIXES["organisation"], number, 5, name.de),
                    name_key=comparison_key(name.de),
                    kind=kind,
                    short_name=short_name,
                    country=code,
                    website=f"https://org-{number:05d}.example.org/",
                    **translated(
                        name=name,
                        region=region,
                        description=text.paragraphs(1, 1, sentences=(1, 3)),
                    ),
                    **self.publication(draft=index in drafts, last=date(2019, 12, 31)),
                )
            )
        self.organisations = [
            OrganisationRow(pk=row.pk, name=T(row.name_de, row.name_en))
            for row in self.write(Organisation, rows)
        ]
        # The first hundredth are the well-connected ones: in many alliances, with more people.
        self.popular = max(1, count // 100)
        self.stage_done(f"{count} organisations")

    def make_people(self):
        rng, count = self.rng, self.counts["people"]
        Person = self.models["Person"]
        organisations = len(self.organisations)
        taken, rows, owners = set(), [], []
        self.people_of = [[] for _ in range(organisations)]
        for index in range(count):
            if rng.random() < 0.4:
                owner = rng.randrange(self.popular)
            else:
                owner = rng.randrange(organisations)
            name = self.person_name()
            while (name, owner) in taken:  # one name per organisation
                name = self.person_name()
            taken.add((name, owner))
            honorific = rng.choices(("", "Dr.", "Prof. Dr."), weights=(80, 15, 5))[0]
            function = rng.choice(FUNCTIONS)
            rows.append(
                self.new(
                    Person,
                    name=name,
                    name_key=comparison_key(name),
                    honorific=honorific,
                    organisation_id=self.organisations[owner].pk,
                    email=f"{slugify(name).replace('-', '.')}.{index + 1}@example.org",
                    phone=f"+49 {rng.randint(30, 999)} {rng.randint(100000, 9999999)}",
                    **translated(function=function),
                )
            )
            owners.append(owner)
        self.people = []
        for person, owner in zip(self.write(Person, rows), owners, strict=True):
            self.people_of[owner].append(len(self.people))
            self.people.append(
                PersonRow(
                    pk=person.pk,
                    name=f"{person.honorific} {person.name}".strip(),
                    function=T(person.function_de, person.function_en),
                )
            )
        self.stage_done(f"{count} people")

    def make_memberships(self):
        rng = self.rng
        Membership = self.models["Membership"]
        Role = Membership.Role
        organisations, popular = len(self.organisations), self.popular
        # One membership per alliance and organisation: no alliance can have more
        # members than there are organisations (this bites only at tiny scales), and
        # the largest must stay the largest.
        caps = [max(organisations - 1, 1)] * len(self.alliances)
        caps[self.largest] = organisations
        sizes = allocate(self.counts["memberships"], self.weights, caps)
        self.make_largest_unique(sizes)
        self.members_of = []
        rows = []
        for alliance, size in zip(self.alliances, sizes, strict=True):
            # A fifth from the well-connected organisations, the rest from all others.
            from_rest = min(size - min(size // 5, popular), organisations - popular)
            members = rng.sample(range(popular), size - from_rest) + rng.sample(
                range(popular, organisations), from_rest
            )
            rng.shuffle(members)
            self.members_of.append(members)
            founders = max(1, size // 8)
            partners = size // 10
            for position, member in enumerate(members):
                if position < founders:
                    role, joined = Role.FOUNDER, alliance.founded_on
                elif position == founders and size > 3:
                    role, joined = Role.ORGANISER, alliance.founded_on
                else:
                    role = Role.PARTNER if position >= size - partners else Role.MEMBER
                    joined = self.day(alliance.founded_on)
                # A tenth of the members left again, half-way between joining and the
                # last day (no random draw, so the rows after these stay as they were).
                left = None
                if role == Role.MEMBER and position % 10 == 3:
                    left = joined + timedelta(days=(LAST_DAY - joined).days // 2)
                rows.append(
                    self.new(
                        Membership,
                        alliance_id=alliance.pk,
                        organisation_id=self.organisations[member].pk,
                        role=role,
                        joined_on=joined,
                        left_on=left,
                        position=position,
                    )
                )
        self.write(Membership, rows)
        self.stage_done(f"{len(rows)} memberships")

    def make_largest_unique(self, sizes):
        """Move members to the largest alliance until no other has as many (small scales)."""
        largest = self.largest
        while len(sizes) > 1 and sizes[largest] < len(self.organisations):
            runner_up = max((i for i in range(len(sizes)) if i != largest), key=sizes.__getitem__)
            if sizes[runner_up] < sizes[largest]:
                break
            sizes[runner_up] -= 1
            sizes[largest] += 1

    def make_contacts(self):
        rng = self.rng
        AllianceContact = self.models["AllianceContact"]
        rows = []
        self.contacts_of = []
        for alliance, members in zip(self.alliances, self.members_of, strict=True):
            candidates = [person for member in members for person in self.people_of[member]]
            if not candidates:
                candidates = range(len(self.people))
            chosen = rng.sample(candidates, min(rng.randint(1, 2), len(candidates)))
            self.contacts_of.append(chosen)
            for position, person in enumerate(chosen):
                rows.append(
                    self.new(
                        AllianceContact,
                        alliance_id=alliance.pk,
                        person_id=self.people[person].pk,
                        position=position,
                        **translated(role=rng.choice(CONTACT_ROLES)),
                    )
                )
        self.write(AllianceContact, rows)
        self.stage_done(f"{len(rows)} alliance contacts")

    # Statements and news ---------------------------------------------------------------

    def make_statements(self):
        rng, count = self.rng, self.counts["statements"]
        sizes = allocate(count, self.weights, [count] * len(self.alliances))
        self.statements_per_alliance = sizes
        issuers = [alliance for alliance, size in enumerate(sizes) for _ in range(size)]
        rng.shuffle(issuers)
        quotes = quote_counts(rng, count, self.counts["quotes"])
        hidden = rng.sample(range(count), share(count, 0.01) + share(count, 0.005))
        drafts = set(hidden[: share(count, 0.01)])
        embargoed = set(hidden[share(count, 0.01) :])
        for start in range(0, count, CHUNK_SIZE):
            indexes = range(start, min(start + CHUNK_SIZE, count))
            self.write_statements(
                [(i, issuers[i], quotes[i], i in drafts, i in embargoed) for i in indexes]
            )
        self.stage_done(f"{count} press statements with {sum(quotes)} quotes")

    def write_statements(self, plans):
        rng, text, m = self.rng, self.text, self.models
        PressStatement, Quote = m["PressStatement"], m["Quote"]
        statements, parts = [], []
        for index, issuer, quote_count, draft, embargoed in plans:
            alliance = self.alliances[issuer]
            headline = text.headline()
            place = rng.choice(PLACES)
            statements.append(
                self.new(
                    PressStatement,
                    slug=slug(SLUG_PREFIXES["statement"], index + 1, 6, headline.de),
                    alliance_id=alliance.pk,
                    **translated(
                        headline=headline,
                        sub_headline=text.sentences(1),
                        dateline_place=place,
                        lead=text.sentences(rng.randint(1, 2)),
                        body=text.paragraphs(3, 6, sentences=(3, 5)),
                        boilerplate=alliance.summary,
                    ),
                    **self.publication(draft=draft, embargoed=embargoed),
                )
            )
            members = self.members_of[issuer]
            signatories = rng.sample(members, min(rng.randint(1, 3), len(members)))
            press_contact = rng.choice(self.contacts_of[issuer])
            quotes = [self.quote(alliance, issuer, signatories, n) for n in range(quote_count)]
            parts.append((signatories, press_contact, quotes))
        statements = self.write(PressStatement, statements)
        quotes, signed, contacts = [], [], []
        Signatory = PressStatement.signatories.through
        PressContact = PressStatement.press_contacts.through
        for statement, (signatories, press_contact, statement_quotes) in zip(
            statements, parts, strict=True
        ):
            for organisation in signatories:
                signed.append(
                    self.new(
                        Signatory,
                        pressstatement_id=statement.pk,
                        organisation_id=self.organisations[organisation].pk,
                    )
                )
            contacts.append(
                self.new(
                    PressContact,
                    pressstatement_id=statement.pk,
                    person_id=self.people[press_contact].pk,
                )
            )
            for quote in statement_quotes:
                quote.statement_id = statement.pk
                quotes.append(quote)
        self.write(Quote, quotes)
        self.write(Signatory, signed)
        self.write(PressContact, contacts)

    def quote(self, alliance, issuer, signatories, number):
        """A quote by someone from a signatory, or (one in ten) from the alliance itself."""
        rng = self.rng
        Quote = self.models["Quote"]
        organisation = person = None
        if signatories and rng.random() < 0.9:
            organisation = signatories[number % len(signatories)]
            people = self.people_of[organisation]
            if people:
                person = rng.choice(people)
        elif self.contacts_of[issuer]:
            person = rng.choice(self.contacts_of[issuer])
        if person is not None:
            speaker, function = self.people[person].name, self.people[person].function
        else:
            speaker, function = self.person_name(), rng.choice(FUNCTIONS)
        speaker_organisation = (
            self.organisations[organisation].name if organisation is not None else alliance.name
        )
        return self.new(
            Quote,
            position=number + 1,
            speaker_name=speaker,
            person_id=self.people[person].pk if person is not None else None,
            organisation_id=(
                self.organisations[organisation].pk if organisation is not None else None
            ),
            **translated(
                text=self.text.sentences(rng.randint(1, 3)),
                speaker_function=function,
                speaker_organisation=speaker_organisation,
            ),
        )

    def make_news(self):
        rng, count = self.rng, self.counts["news"]
        drafts = set(rng.sample(range(count), share(count, 0.01)))
        for start in range(0, count, CHUNK_SIZE):
            self.write_news(range(start, min(start + CHUNK_SIZE, count)), drafts)
        self.stage_done(f"{count} news items")

    def write_news(self, indexes, drafts):
        rng, text = self.rng, self.text
        NewsItem = self.models["NewsItem"]
        alliance_numbers = range(len(self.alliances))
        items, links = [], []
        for index in indexes:
            title = text.headline()
            items.append(
                self.new(
                    NewsItem,
                    slug=slug(SLUG_PREFIXES["news"], index + 1, 6, title.de),
                    **translated(
                        title=title,
                        teaser=text.sentences(2),
                        body=text.paragraphs(2, 4),
                        source_name=NEWS_SOURCE,
                    ),
                    **self.publication(draft=index in drafts),
                )
            )
            linked = rng.choices(alliance_numbers, cum_weights=self.cumulative_weights)
            if len(self.alliances) > 1 and rng.random() < 0.3:
                second = linked[0]
                while second == linked[0]:
                    second = rng.choices(alliance_numbers, cum_weights=self.cumulative_weights)[0]
                linked.append(second)
            links.append(linked)
        Link = NewsItem.alliances.through
        self.write(
            Link,
            [
                self.new(Link, newsitem_id=item.pk, alliance_id=self.alliances[alliance].pk)
                for item, linked in zip(self.write(NewsItem, items), links, strict=True)
                for alliance in linked
            ],
        )
