"""What the API and the full download publish: each app lists its resources in
`<app>/open_data.py` as `RESOURCES = [Resource(...)]`, found here the way alerts find
`alert_kinds.py`, so this package imports no app above it."""

import contextvars
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db.models import Q
from ninja.responses import NinjaJSONEncoder

from .pagination import Order
from .parameters import ListParameters

# The site address absolute links start with: the request's in the API, the
# configured one (DJANGO_SITE_URL) in the full download.
_site = contextvars.ContextVar("opendata_site", default="")


def use_site(address):
    _site.set(address.rstrip("/"))


def public_id(kind, pk):
    """An item's id in the API and the download, such as "organisation-12": unique across
    kinds, so that a Popolo `member` or `organization_id` says what it points at."""
    return f"{kind}-{pk}"


def absolute(url):
    """`url` as an absolute address ("" stays ""; S3 media URLs are absolute already)."""
    if not url or "://" in url:
        return url or None
    return _site.get() + url


@dataclass(frozen=True, kw_only=True)
class Resource:
    # The list's name: its address (/api/v1/<name>/), its files in the download.
    name: str
    title: str
    description: str
    # The schema of one item (a ninja Schema that reads the model instance).
    schema: type
    # The public items, with what the schema reads prefetched: a fixed number of queries.
    queryset: Callable
    order: Order
    # The list's filters: ListParameters plus its own fields.
    parameters: type = ListParameters
    # (queryset, cleaned parameters) → queryset, for the filters beyond updated_since.
    filter: Callable = lambda queryset, params: queryset
    # The fields whose change time `updated_since` compares (a part's parent's, say).
    updated_fields: tuple = ("updated_at",)
    # Items have a page of their own in the API at /<name>/<slug>/.
    detail: bool = True
    # List fields of an item written to a CSV file of their own in the download, whose
    # rows name their item in the column `<item_name>_id`.
    csv_tables: tuple = field(default=())
    item_name: str = "item"

    def filtered(self, params):
        queryset = self.queryset()
        if params.updated_since is not None:
            changed = Q()
            for name in self.updated_fields:
                changed |= Q(**{f"{name}__gte": params.updated_since})
            queryset = queryset.filter(changed)
        return self.filter(queryset, params)

    def dump(self, item):
        """One item as JSON-ready data, in the active language, exactly as the API writes
        it (its encoder formats dates and decimals)."""
        data = self.schema.from_orm(item).model_dump()
        return json.loads(json.dumps(data, cls=NinjaJSONEncoder))


@cache
def resources():
    found = []
    for app in apps.get_app_configs():
        if find_spec(f"{app.name}.open_data") is not None:
            found.extend(import_module(f"{app.name}.open_data").RESOURCES)
    return tuple(found)
