"""The query parameters of the API, declared with their types and bounds.

Each list declares a subclass of `ListParameters` (its filters); a detail declares
`ItemParameters`. A parameter the endpoint does not declare is refused (400), not
ignored: a typing error in a filter (`?aliance=nrw`) must not return everything.
"""

import re
from datetime import date, datetime, time
from typing import Annotated, Literal

from django.conf import settings
from django.utils import timezone
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
Language = Literal[LANGUAGE_CODES]

DEFAULT_LIMIT = 50
MAX_LIMIT = 200

# An ISO 8601 date, or a date and time with an optional UTC offset.
ISO_8601 = re.compile(
    r"\A\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?\Z"
)


def moment(value):
    """`updated_since`: an ISO 8601 date (from its start, in the portal's time zone) or
    date and time (without an offset: the portal's time zone)."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not ISO_8601.match(value):
        raise ValueError(
            "an ISO 8601 date or date and time, such as 2026-12-01 or 2026-12-01T09:30:00Z"
        )
    try:
        if len(value) == 10:
            parsed = datetime.combine(date.fromisoformat(value), time())
        else:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{value} is not a date that exists") from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


Moment = Annotated[datetime, BeforeValidator(moment)]
Slug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=80)]


class NoParameters(Schema):
    model_config = ConfigDict(extra="forbid")


class ItemParameters(NoParameters):
    lang: Language | None = Field(
        None,
        description="The language of texts: de or en. Without it, the Accept-Language "
        "header decides, and German is the default. A text not translated into English "
        "comes in German.",
    )


class ListParameters(ItemParameters):
    cursor: str | None = Field(
        None,
        max_length=400,
        pattern=r"^[-A-Za-z0-9_:.]+$",
        description="Where the page starts: the `next_cursor` of the page before. Opaque.",
    )
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, at most {MAX_LIMIT}."
    )
    updated_since: Moment | None = Field(
        None,
        description="Only items changed at or after this moment: an ISO 8601 date or date "
        "and time, such as 2026-12-01 or 2026-12-01T09:30:00+01:00.",
    )


def unknown_parameters(request, parameters_class):
    """The names in the query string that `parameters_class` does not declare."""
    declared = set(parameters_class.model_fields)
    return sorted(name for name in request.GET if name not in declared)
