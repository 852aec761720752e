"""Cursor pagination on a list's own order (keyset pagination).

A cursor names the last item of the page before by the values it is ordered by, so
the next page is one indexed query however deep it lies (no OFFSET, no COUNT), and
an item published meanwhile neither repeats nor skips one. Cursors are signed: one
altered, cut short or made for another list is refused with a 400 naming `cursor`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.db.models import Q

SALT = "alliance_portal.opendata.cursor"


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class Order:
    """A list's order: (field, descending) pairs ending in a unique field."""

    keys: tuple

    def order_by(self):
        return [f"-{field}" if descending else field for field, descending in self.keys]

    def values_of(self, item):
        values = []
        for field, _descending in self.keys:
            value = getattr(item, field)
            values.append(value.isoformat() if isinstance(value, datetime) else value)
        return values

    def after(self, values):
        """Rows after the one with these values, in this order, as a Q object."""
        condition = Q()
        equal_so_far = {}
        for (field, descending), value in zip(self.keys, values, strict=True):
            if isinstance(value, str) and field.endswith("_at"):
                value = datetime.fromisoformat(value)
            beyond = Q(**{f"{field}__{'lt' if descending else 'gt'}": value})
            condition |= Q(**equal_so_far) & beyond
            equal_so_far[field] = value
        return condition


def encode(list_name, values):
    return signing.dumps([list_name, values], salt=SALT, compress=False)


def decode(list_name, cursor):
    try:
        name, values = signing.loads(cursor, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidCursor("not a cursor this API gave out: start again without one") from None
    if name != list_name:
        raise InvalidCursor(f"a cursor of the {name} list, not of this one")
    return values


def page(queryset, order, list_name, cursor, limit):
    """(items, next cursor or None): at most `limit` items after `cursor`."""
    queryset = queryset.order_by(*order.order_by())
    if cursor:
        values = decode(list_name, cursor)
        try:
            queryset = queryset.filter(order.after(values))
        except (ValueError, TypeError):
            raise InvalidCursor("not a cursor this API gave out: start again without one") from None
    items = list(queryset[: limit + 1])
    if len(items) <= limit:
        return items, None
    items = items[:limit]
    return items, encode(list_name, order.values_of(items[-1]))
