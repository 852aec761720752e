"""No duplicates by accident: organisations and people whose names match or nearly match.

Names are compared by their `comparison_key` (`publishing/slugs.py`): case, spaces,
punctuation (of legal forms: "GmbH & Co. KG", "e. V."), accents and German
transliteration ("Müller" / "Mueller") make no difference. Each row stores its key in an
indexed column (`name_key`, derived in `save()`), so the exact check is one index lookup.

- The same key is refused (`clean()` of the models): an organisation of the same name;
  a person of the same name at the same organisation. The message names and links the
  existing record.
- A similar key (one edit apart, or one contained in the other) is a warning that staff
  confirm in the admin form ("Yes, this is a different organisation"). So is a person
  of the same name at another organisation or without one.

Similar keys are narrowed in SQL (same prefix or suffix and nearly the same length,
or containment) and confirmed in Python; this works alike on SQLite and PostgreSQL.
"""

from django.db.models import F, Q, Value
from django.db.models.functions import Length
from django.db.models.lookups import Contains
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from alliance_portal.publishing.slugs import comparison_key

# Keys shorter than this are not compared for containment or one edit: "AG" or "BDI"
# would otherwise resemble half of all names.
SIMILAR_MIN_LENGTH = 4
SIMILAR_SHOWN = 5


def one_edit_apart(a, b):
    """Whether `b` is `a` with exactly one character changed, added or removed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    first_difference = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a)
    )
    if len(a) == len(b):
        return a[first_difference + 1 :] == b[first_difference + 1 :]
    return a[first_difference:] == b[first_difference + 1 :]


def are_similar(a, b):
    """One edit apart, or one contained in the other (each long enough to tell)."""
    if a == b or min(len(a), len(b)) < SIMILAR_MIN_LENGTH:
        return False
    return one_edit_apart(a, b) or a in b or b in a


def similar_keys_q(key):
    """Rows whose `name_key` may be similar to `key`, as a condition SQL can check.

    Two keys one edit apart share their first half or the rest after it (whichever
    side of the edit it is on), and differ in length by one at most.
    """
    half = len(key) // 2
    near = Q(key_length__range=(len(key) - 1, len(key) + 1)) & (
        Q(name_key__startswith=key[:half]) | Q(name_key__endswith=key[half + 1 :])
    )
    contains = Q(name_key__contains=key)
    contained = Q(key_length__gte=SIMILAR_MIN_LENGTH) & Q(Contains(Value(key), F("name_key")))
    return near | contains | contained


def similar_rows(queryset, key):
    """Up to `SIMILAR_SHOWN` rows of `queryset` whose key is similar to `key`."""
    if len(key) < SIMILAR_MIN_LENGTH:
        return []
    candidates = (
        queryset.alias(key_length=Length("name_key"))
        .filter(similar_keys_q(key))
        .exclude(name_key=key)
        .order_by("name_key", "pk")[:50]
    )
    return [row for row in candidates if are_similar(key, row.name_key)][:SIMILAR_SHOWN]


def admin_link(obj, text=None):
    """A link to `obj`'s admin page, opened in a new tab so that the form stays."""
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}" target="_blank">{}</a>', url, text or str(obj))


def admin_links(objects, text=str):
    """Links to the admin pages of `objects`, separated by commas (safe HTML)."""
    return format_html_join(", ", "{}", ((admin_link(obj, text(obj)),) for obj in objects))


# --- Organisations ------------------------------------------------------------------


def organisation_named(model, name, *, exclude_pk=None):
    """The organisation whose name has the same key as `name`, or None: one query."""
    key = comparison_key(name)
    if not key:
        return None
    return model._default_manager.filter(name_key=key).exclude(pk=exclude_pk).first()


def organisations_like(model, name, *, exclude_pk=None):
    """Organisations with a similar name (not the same key)."""
    return similar_rows(model._default_manager.exclude(pk=exclude_pk), comparison_key(name))


# --- People -------------------------------------------------------------------------


def person_at(model, name, organisation_id, *, exclude_pk=None):
    """The person of the same name key at this organisation, or None: one query.
    People without an organisation are not refused (see `people_like`)."""
    key = comparison_key(name)
    if not key or organisation_id is None:
        return None
    return (
        model._default_manager.filter(name_key=key, organisation_id=organisation_id)
        .exclude(pk=exclude_pk)
        .first()
    )


def people_like(model, name, organisation_id, *, exclude_pk=None):
    """People to ask about: the same name at another organisation (or none), and a
    similar name at the same organisation (or also without one)."""
    key = comparison_key(name)
    if not key:
        return []
    people = model._default_manager.exclude(pk=exclude_pk).select_related("organisation")
    same_name = people.filter(name_key=key)
    if organisation_id is not None:
        same_name = same_name.exclude(organisation_id=organisation_id)
    colleagues = people.filter(
        **(
            {"organisation_id": organisation_id}
            if organisation_id is not None
            else {"organisation__isnull": True}
        )
    )
    found = list(same_name.order_by("pk")[:SIMILAR_SHOWN])
    return found + similar_rows(colleagues, key)[: SIMILAR_SHOWN - len(found)]


def person_with_organisation(person):
    """ "Tim Stappen (Aluminium Deutschland)", to tell people of one name apart."""
    if person.organisation_id is None:
        return person.full_name
    return f"{person.full_name} ({person.organisation})"
