"""Site search over every app's published content, in the visitor's language.

Each app says what it offers in a `searchable.py` module with a list
`SEARCHABLE` of `Searchable` entries; this module finds them, so the search
view names no model. On PostgreSQL it uses full-text search with the German or
English configuration over a stored, indexed search vector per language (see
`search_vector_operation`); on SQLite a simple case-insensitive match of every
word. The stored vectors and their indexes are made by `search_index.py`.
"""

import html
import json
import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.module_loading import module_has_submodule
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..richtext import to_plain_line
from ..richtext.fields import RichTextField
from .search_index import SEARCH_CONFIGS, StoredSearchVector, language_fields

MAX_QUERY_LENGTH = 200
MIN_QUERY_LETTERS = 2
RESULTS_PER_GROUP = 20
# Ranking reads the vector of every match it ranks: a word found in most texts would
# make that tens of thousands. Only the newest matches, this many, are ranked.
RANKED_MATCHES = 200
SNIPPET_LENGTH = 200
# Characters PostgreSQL's headline function puts around matches; escaped text
# cannot contain them, so they are safe to turn into <mark> afterwards.
MARK_START, MARK_END = "\x02", "\x03"
# PostgreSQL's error code for a statement cancelled by statement_timeout.
QUERY_CANCELED = "57014"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Searchable:
    """One kind of result: which published items, which fields, under which heading."""

    label: object  # a lazy translated string, e.g. _("Alliances")
    queryset: object  # a callable returning the published queryset (of a Publishable)
    title_field: str
    text_fields: tuple  # the fields searched and shown in the snippet, in order
    weight: int = 0  # groups with a higher weight come first


@dataclass
class Result:
    title: str
    url: str
    snippet: str


def searchables():
    found = []
    for app in apps.get_app_configs():
        if module_has_submodule(app.module, "searchable"):
            found.extend(import_module(f"{app.name}.searchable").SEARCHABLE)
    return sorted(found, key=lambda searchable: -searchable.weight)


def clean_query(raw):
    """The query to run, or None with a reason when there is nothing to search for."""
    query = " ".join((raw or "").split())[:MAX_QUERY_LENGTH]
    letters = sum(character.isalnum() for character in query)
    return query if letters >= MIN_QUERY_LETTERS else None


@dataclass
class Found:
    groups: list  # [(label, [Result, …]), …] for every kind that has matches
    complete: bool = True  # False when a kind took too long and is missing


def search(query):
    """What `query` finds, kind by kind, in the visitor's language."""
    language = (get_language() or "de").split("-")[0]
    if connection.vendor == "postgresql":
        return postgres_search(query, language)
    found = Found(groups=[])
    for searchable in searchables():
        if results := simple_results(searchable, query, language):
            found.groups.append((searchable.label, results))
    return found


def postgres_search(query, language):
    """Each query may take SEARCH_TIMEOUT_MS at most.

    Most searches take a few milliseconds, but a quoted phrase of common words
    makes PostgreSQL recheck nearly every text (over a second with 100,000
    statements). A kind that takes too long is left out, and the page says so.
    """
    found = Found(groups=[])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL statement_timeout = {int(settings.SEARCH_TIMEOUT_MS)}")
        for searchable in searchables():
            try:
                # A savepoint: a cancelled query undoes only its own kind.
                with transaction.atomic():
                    results = postgres_results(searchable, query, language)
            except OperationalError as error:
                if getattr(error.__cause__, "sqlstate", None) != QUERY_CANCELED:
                    raise
                logger.warning("Search for %r in %s took too long", query, searchable.label)
                found.complete = False
                continue
            if results:
                found.groups.append((searchable.label, results))
        # SET LOCAL lasts until the outermost transaction ends: inside one (a
        # test, say), the limit must not outlive the search.
        cursor.execute("SET LOCAL statement_timeout = DEFAULT")
    return found


def localized_fields(searchable, language):
    """The fields in the visitor's language, then German, which stands in for gaps."""
    return language_fields(searchable.text_fields, language)


def postgres_results(searchable, query, language):
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    config = SEARCH_CONFIGS.get(language, "german")
    fields = localized_fields(searchable, language)
    snippet_field = fields[1] if len(fields) > 1 else fields[0]
    vector = StoredSearchVector(language)
    search_query = SearchQuery(query, config=config, search_type="websearch")
    public = searchable.queryset()
    matches = public.alias(search_vector=vector).filter(search_vector=search_query)
    items = (
        public.filter(pk__in=newest_matches(matches, public))
        .annotate(
            rank=SearchRank(vector, search_query),
            search_snippet=SearchHeadline(
                snippet_field,
                search_query,
                config=config,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=35,
                min_words=15,
            ),
        )
        .order_by("-rank", "pk")[:RESULTS_PER_GROUP]
    )
    return [
        Result(
            title=getattr(item, searchable.title_field),
            url=item.get_absolute_url(),
            snippet=marked(
                headline_text(item.search_snippet, is_rich(item, snippet_field))
                or getattr(item, searchable.title_field)
            ),
        )
        for item in items
    ]


def newest_matches(matches, public):
    """The keys of the newest RANKED_MATCHES `matches`, found the cheaper of two ways."""
    if walks_list_index(matches, public):
        newest_first = ("-published_at", "-pk")
    else:
        # An order the list index cannot give: PostgreSQL takes the matches from
        # the search index and sorts them.
        newest_first = ((F("published_at") + timedelta(0)).desc(), "-pk")
    return matches.order_by(*newest_first).values("pk")[:RANKED_MATCHES]


def walks_list_index(matches, public):
    """Whether to walk the list index from the newest item rather than take every match.

    The walk reads about RANKED_MATCHES × public / matches rows, taking every
    match from the search index reads `matches` rows. PostgreSQL estimates both
    numbers well, but not that the walk reads each row's search vector (stored
    apart, in TOAST): left alone, it walks ten thousand rows (100 ms) for a word
    in 2 % of 100,000 statements, where the search index takes 10 ms. So its
    estimates, asked in one EXPLAIN that runs nothing, choose the way here.
    """
    both = matches.order_by().values("pk").union(public.order_by().values("pk"), all=True)
    plan = json.loads(both.explain(format="json"))[0]["Plan"]
    members = plan.get("Plans", [])
    if plan.get("Node Type") != "Append" or len(members) != 2:
        return True  # a plan of another shape: leave the choice to PostgreSQL
    estimated_matches, estimated_public = (member["Plan Rows"] for member in members)
    return estimated_matches**2 >= RANKED_MATCHES * estimated_public


def is_rich(item, field):
    return isinstance(item._meta.get_field(field), RichTextField)


def headline_text(headline, rich):
    """PostgreSQL's headline as plain text. Of HTML it drops the tags but keeps
    the entities (`&amp;`), which are decoded here; `marked` escapes again."""
    if not headline:
        return ""
    return " ".join(html.unescape(headline).split()) if rich else headline


def marked(text):
    """Escape `text`, then turn the match markers into <mark> elements."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)


def simple_results(searchable, query, language):
    """SQLite: every word must occur in one of the fields, in any case."""
    words = [word for word in re.findall(r"\w+", query) if len(word) >= MIN_QUERY_LETTERS]
    if not words:
        return []
    fields = localized_fields(searchable, language)
    condition = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    items = searchable.queryset().filter(condition).order_by("pk")[:RESULTS_PER_GROUP]
    return [
        Result(
            title=getattr(item, searchable.title_field),
            url=item.get_absolute_url(),
            snippet=simple_snippet(item, fields, words),
        )
        for item in items
    ]


def simple_snippet(item, fields, words):
    """Some text around the first match, with every match marked."""
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    for field in fields:
        text = getattr(item, field) or ""
        if text and is_rich(item, field):
            text = to_plain_line(text)
        match = pattern.search(text)
        if match:
            start = max(match.start() - SNIPPET_LENGTH // 3, 0)
            excerpt = text[start : start + SNIPPET_LENGTH]
            ellipsis_after = len(text) > start + SNIPPET_LENGTH
            excerpt = ("…" if start else "") + excerpt + ("…" if ellipsis_after else "")
            return marked(pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", excerpt))
    return marked(getattr(item, fields[0]) or "")
