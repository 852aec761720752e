"""Which English texts are missing: for one item, and across the portal.

German is the default language and always filled in; English may lag behind.
A text "misses English" when its German version has content and its English
version has none (the public site then shows the German, marked as such).

Proper names are not texts: an organisation is called by its name in every
language, unless it has an English name of its own. A model's TranslationOptions
name them, `proper_names = ("name",)`; their English is optional, never counted
as missing, and the public pages show the German name unmarked where it is empty
(`{% translated %}` asks `proper_names()` too).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from modeltranslation.translator import NotRegistered, translator

from .models import Publishable

SOURCE = settings.LANGUAGE_CODE  # "de"
TARGET = "en"


def translated_fields(model):
    """Names of `model`'s translated fields ("name", "summary"…), in field order."""
    if model not in translator.get_registered_models():
        return []
    registered = set(translator.get_options_for_model(model).get_field_names())
    return [f.name for f in model._meta.fields if f.name in registered]


def proper_names(model):
    """Names of `model`'s translated fields that hold a proper name (an organisation's
    name), as its TranslationOptions declare them in `proper_names`."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(getattr(options, "proper_names", ()))


def texts(model):
    """`model`'s translated fields that need English: all but the proper names."""
    names = proper_names(model)
    return [name for name in translated_fields(model) if name not in names]


def missing_english(obj):
    """Verbose names of `obj`'s texts whose English is missing."""
    return [
        obj._meta.get_field(name).verbose_name
        for name in texts(type(obj))
        if getattr(obj, f"{name}_{SOURCE}", None) and not getattr(obj, f"{name}_{TARGET}", None)
    ]


def missing_english_q(model):
    """A Q matching rows of `model` with at least one text missing its English."""
    q = models.Q(pk__in=[])
    for name in texts(model):
        q |= models.Q(**{f"{name}_{SOURCE}__gt": ""}) & (
            models.Q(**{f"{name}_{TARGET}__isnull": True}) | models.Q(**{f"{name}_{TARGET}": ""})
        )
    return q


def translated_parts(model):
    """(child model, foreign key name) for translated models that belong to `model`.

    These are the rows edited inline on an item's page: an alliance's goals,
    a statement's quotes, an article's sections.
    """
    parts = []
    for child in translator.get_registered_models(abstract=False):
        for fk in child._meta.fields:
            if (
                isinstance(fk, models.ForeignKey)
                and fk.remote_field.model is model
                and fk.remote_field.on_delete is models.CASCADE
            ):
                parts.append((child, fk.name))
    return parts


def counted(counter):
    """[(2, "goals"), (1, "demand")] from a Counter of models."""
    return [
        (count, model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural)
        for model, count in counter.items()
    ]


@dataclass
class Entry:
    item: Publishable
    fields: list = field(default_factory=list)
    parts: list = field(default_factory=list)  # ("2", "goals"), ("1", "demand")


def translation_overview():
    """Every published item that misses English in itself or its parts, by model.

    A fixed number of queries: per publishable model one per kind of part and
    one for the items, however many items there are.
    """
    overview = []
    for model in translator.get_registered_models(abstract=False):
        if not issubclass(model, Publishable):
            continue
        published = model.objects.filter(status=Publishable.Status.PUBLISHED)
        parts_missing = defaultdict(Counter)
        for child, fk_name in translated_parts(model):
            rows = (
                child.objects.filter(**{f"{fk_name}__in": published})
                .filter(missing_english_q(child))
                .values_list(f"{fk_name}_id", flat=True)
            )
            for parent_id in rows:
                parts_missing[parent_id][child] += 1
        items = published.filter(missing_english_q(model) | models.Q(pk__in=list(parts_missing)))
        entries = [
            Entry(item, missing_english(item), counted(parts_missing.get(item.pk, {})))
            for item in items
        ]
        if entries:
            overview.append((model, entries))
    return overview
