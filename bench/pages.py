"""The URLs the bench measures, found in the database (needs Django set up)."""

import math
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation

from alliance_portal.models import Alliance
from alliance_portal.richtext import to_plain_text
from alliance_portal.web.search import SEARCH_CONFIGS
from members.models import Membership, Organisation
from news.models import NewsItem
from news.views import NewsListView
from statements.models import PressStatement, Quote

LANGUAGE = "de"
CEILING_PATH = "/bench/ceiling/"
NEWS_FAR_PAGE = 500
# Enough statements for "PDF cold" never to ask for one PDF twice; run.py checks it did not.
COLD_PDF_LIMIT = 10_000
# The search word: one that occurs in about this share of statements, not in all.
SEARCH_SHARE = 0.02
SEARCH_SAMPLE = 2_000
STATEMENT_TEXT_FIELDS = ("headline", "sub_headline", "lead", "body")


@dataclass
class Page:
    key: str  # how run.py and report.py find it
    name: str
    path: str
    about: str = ""  # what was chosen, for results.md
    rotate_paths: list | None = None  # "PDF cold": these paths in turn, `path` is one of them
    uncacheable: bool = False  # each request asks for another PDF: no cache can help


def counts():
    return {
        "alliances": Alliance.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.count(),
        "press statements": PressStatement.objects.count(),
        "public press statements": PressStatement.objects.published().count(),
        "quotes": Quote.objects.count(),
        "news items": NewsItem.objects.count(),
        "public news items": NewsItem.objects.published().count(),
    }


def database_description():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    return connection.vendor


def bench_pages():
    """[Page, …] in the order they are measured; fails if there is nothing to measure."""
    with translation.override(LANGUAGE):
        return list(_pages())


def _pages():
    alliance = (
        Alliance.objects.published()
        .annotate(member_count=Count("memberships"))
        .order_by("-member_count", "pk")
        .first()
    )
    if alliance is None:
        raise LookupError("No published alliance: the database has no data to measure.")
    organisation = (
        Organisation.objects.published()
        .annotate(membership_count=Count("memberships"))
        .order_by("-membership_count", "pk")
        .first()
    )
    statements = PressStatement.objects.published().order_by("-published_at", "-pk")
    statement = statements.filter(alliance=alliance).first() or statements.first()
    if organisation is None or statement is None:
        raise LookupError("No published organisation or statement to measure.")

    news_count = NewsItem.objects.published().count()
    last_news_page = max(1, math.ceil(news_count / NewsListView.paginate_by))
    far_page = min(NEWS_FAR_PAGE, last_news_page)
    word, matches = search_word()
    cold_pdfs = [
        reverse("press:pdf", kwargs={"slug": slug})
        for slug in statements.exclude(pk=statement.pk).values_list("slug", flat=True)[
            :COLD_PDF_LIMIT
        ]
    ]

    yield Page("home", "home", reverse("home"))
    yield Page("alliances", "alliance list", reverse("alliances:list"))
    yield Page(
        "alliance",
        "alliance detail (largest)",
        alliance.get_absolute_url(),
        f"{alliance.name}, {alliance.member_count} memberships",
    )
    yield Page(
        "organisation",
        "organisation",
        organisation.get_absolute_url(),
        f"{organisation.name}, in {organisation.membership_count} alliances",
    )
    yield Page("news", "news list, page 1", reverse("news:list"))
    if far_page == NEWS_FAR_PAGE:
        far_about = f"page {far_page} of {last_news_page}"
    else:
        far_about = f"the last page, {far_page}: page {NEWS_FAR_PAGE} needs more news"
    yield Page(
        "news-far",
        f"news list, page {far_page}",
        f"{reverse('news:list')}?{urlencode({'page': far_page})}",
        far_about,
    )
    yield Page(
        "statement",
        "statement",
        statement.get_absolute_url(),
        f"the newest public statement of {statement.alliance.name}",
    )
    yield Page(
        "search",
        "search",
        f"{reverse('search')}?{urlencode({'q': word})}",
        f"“{word}”: {matches} of {statements.count()} public statements match",
    )
    if cold_pdfs:
        yield Page(
            "pdf-cold",
            "statement PDF, cold",
            cold_pdfs[len(cold_pdfs) // 2],
            f"{len(cold_pdfs)} different statements in turn",
            rotate_paths=cold_pdfs,
            uncacheable=True,
        )
    yield Page(
        "pdf-cached",
        "statement PDF, cached",
        reverse("press:pdf", kwargs={"slug": statement.slug}),
        "the statement above, again and again",
    )
    yield Page("feed", "press feed (RSS)", reverse("feed-press"))
    yield Page(
        "api-statements",
        "API: statements list",
        f"{reverse('api:statements-list')}?{urlencode({'lang': LANGUAGE})}",
        "/api/v1/statements/, first page of 50 with quotes, contacts and attachments",
    )


def search_word():
    """(word, number of public statements it finds): a word of the statements' text
    that occurs in about SEARCH_SHARE of them, from a sample."""
    fields = [f"{field}_{LANGUAGE}" for field in STATEMENT_TEXT_FIELDS]
    sample = PressStatement.objects.published().order_by("pk").values_list(*fields)
    documents = 0
    frequency = Counter()
    for values in sample[:SEARCH_SAMPLE]:
        documents += 1
        text = " ".join(to_plain_text(value or "") for value in values)
        frequency.update({word.lower() for word in re.findall(r"[^\W\d_]{6,}", text)})
    candidates = [word for word, count in frequency.items() if count < documents or documents == 1]
    if not candidates:
        raise LookupError("The public statements have no words to search for.")
    target = max(1.0, SEARCH_SHARE * documents)
    word = min(candidates, key=lambda word: (abs(frequency[word] - target), word))
    return word, statement_matches(word)


def statement_matches(word):
    """Public statements the site search finds for `word` (alliance_portal.web.search's rules)."""
    fields = [f"{field}_{LANGUAGE}" for field in STATEMENT_TEXT_FIELDS]
    statements = PressStatement.objects.published()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        config = SEARCH_CONFIGS[LANGUAGE]
        query = SearchQuery(word, config=config, search_type="websearch")
        return (
            statements.annotate(search_vector=SearchVector(*fields, config=config))
            .filter(search_vector=query)
            .count()
        )
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return statements.filter(condition).count()
