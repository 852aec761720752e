"""What can be alerted about: each app lists its kinds in `<app>/alert_kinds.py` as
`ALERTS = [AlertKind(...)]`, found here the way search finds `searchable.py`, so
this package imports no app above it."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


@dataclass(frozen=True, kw_only=True)
class AlertKind:
    model: type
    # The Subscriber field saying whether someone wants this kind.
    topic: str
    # The mail's templates, "<template>.txt" (first line: subject) and "<template>.html".
    template: str
    # The item, loaded with what its mail shows.
    load: Callable
    # The ids of the alliances an item belongs to: who follows one of them gets it.
    alliance_ids: Callable
    # The template context for one language (called with that language active).
    context: Callable


@cache
def alert_kinds():
    found = []
    for app in apps.get_app_configs():
        if find_spec(f"{app.name}.alert_kinds") is not None:
            found.extend(import_module(f"{app.name}.alert_kinds").ALERTS)
    return tuple(found)


def kind_of(model):
    for kind in alert_kinds():
        if kind.model is model:
            return kind
    raise LookupError(f"No alerts for {model.__name__}")
