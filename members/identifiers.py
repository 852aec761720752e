"""Organisations in public registers: Wikidata, the EU Transparency Register, the German
Lobbyregister and the LEI (ISO 17442).

Each scheme is written once here: its key (Popolo's `scheme`), label, format check,
normalisation and public address. The organisation's fields, its page, its JSON-LD and
the API read them from this module.
"""

import re
from dataclasses import dataclass
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext_lazy as _


def lei_check_digits_hold(value):
    """ISO 7064 MOD 97-10, as ISO 17442 uses it: the LEI read as a number, each letter
    as two digits (A = 10 … Z = 35), leaves 1 when divided by 97."""
    return int("".join(str(int(character, 36)) for character in value)) % 97 == 1


@dataclass(frozen=True)
class Scheme:
    key: str  # Popolo's `scheme`, also schema.org's `propertyID`
    field: str  # the field of `members.Organisation`
    label: str
    pattern: str
    format_message: str  # what the format is, with an example
    url_template: str
    help_text: str = ""
    # An address pasted for the identifier, such as the Wikidata item's page: the
    # identifier is taken from it (the first group).
    address_pattern: str = ""
    check_digits: object = None  # a function of the normalised value, True when right
    check_digits_message: str = ""

    def normalise(self, value):
        """Without spaces, upper-case; an address pasted for the identifier shortened
        to the identifier. Anything else is left for `validate` to refuse."""
        value = re.sub(r"\s+", "", value or "")
        if self.address_pattern and (match := re.fullmatch(self.address_pattern, value, re.I)):
            value = match[1]
        return value.upper()

    def validate(self, value):
        """Refuses a value not in the scheme's format, or whose check digits fail."""
        if not re.fullmatch(self.pattern, value):
            raise ValidationError(self.format_message, code="invalid")
        if self.check_digits and not self.check_digits(value):
            raise ValidationError(self.check_digits_message, code="check_digits")

    def url(self, value):
        return self.url_template.format(id=value)


WIKIDATA = Scheme(
    key="wikidata",
    field="wikidata_id",
    label=_("Wikidata ID"),
    pattern=r"Q[1-9][0-9]{0,15}",
    format_message=_(
        "Enter a Wikidata ID: Q followed by digits, such as Q42 – or paste the address of "
        "the item's page, such as https://www.wikidata.org/wiki/Q42."
    ),
    help_text=_("Such as Q42. The address of the item's page may be pasted instead."),
    address_pattern=r"https?://(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/(Q[0-9]+)(?:[?#].*)?",
    url_template="https://www.wikidata.org/wiki/{id}",
)

EU_TRANSPARENCY_REGISTER = Scheme(
    key="eu-transparency-register",
    field="transparency_register_id",
    label=_("EU Transparency Register number"),
    pattern=r"[0-9]{1,12}-[0-9]{2}",
    format_message=_(
        "Enter an EU Transparency Register number: up to 12 digits, a hyphen and two "
        "digits, such as 9155503593-86."
    ),
    help_text=_("Such as 9155503593-86."),
    url_template=(
        "https://transparency-register.europa.eu/searchregister-or-update/"
        "organisation-detail_en?id={id}"
    ),
)

DE_LOBBYREGISTER = Scheme(
    key="de-lobbyregister",
    field="lobbyregister_id",
    label=_("Lobbyregister number (German Bundestag)"),
    pattern=r"R[0-9]{6}",
    format_message=_(
        "Enter a register number of the German Bundestag's Lobbyregister: R followed by "
        "six digits, such as R001234."
    ),
    help_text=_("Such as R001234."),
    url_template="https://www.lobbyregister.bundestag.de/suche/{id}",
)

LEI = Scheme(
    key="lei",
    field="lei",
    label=_("LEI (Legal Entity Identifier)"),
    pattern=r"[0-9A-Z]{18}[0-9]{2}",
    format_message=_(
        "Enter an LEI: 20 characters, 18 letters or digits followed by two check digits, "
        "such as 506700GE1G29325QX363."
    ),
    help_text=_("20 characters, such as 506700GE1G29325QX363."),
    check_digits=lei_check_digits_hold,
    check_digits_message=_(
        "This LEI's check digits do not match the rest (ISO 17442): look for a typing "
        "error, such as a 0 for an O, in any of its 20 characters."
    ),
    url_template="https://search.gleif.org/#/record/{id}",
)

SCHEMES = (WIKIDATA, EU_TRANSPARENCY_REGISTER, DE_LOBBYREGISTER, LEI)
SCHEMES_BY_KEY = {scheme.key: scheme for scheme in SCHEMES}


class Identifier(NamedTuple):
    scheme: str  # the scheme's key
    label: str
    value: str
    url: str


def identifiers_of(organisation):
    """[(scheme key, label, value, url), …] of the organisation's identifiers that are
    given, in the order of SCHEMES. No query."""
    return [
        Identifier(scheme.key, scheme.label, value, scheme.url(value))
        for scheme in SCHEMES
        if (value := getattr(organisation, scheme.field))
    ]


class IdentifierField(models.CharField):
    """An organisation's identifier in one scheme, empty when unknown: normalised on
    every way into the database (form and model validation, `save()`, `update()`) and
    checked for its format. Its migrations see a plain CharField."""

    def __init__(self, scheme, **kwargs):
        self.scheme = scheme
        kwargs.setdefault("verbose_name", scheme.label)
        kwargs.setdefault("help_text", scheme.help_text)
        # Longer than any identifier: one too long is refused by the format check,
        # which says what the format is.
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(**kwargs)
        self.validators.append(scheme.validate)

    def to_python(self, value):
        return self.scheme.normalise(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = self.scheme.normalise(super().pre_save(model_instance, add))
        # Keep the instance in step with the database.
        if isinstance(getattr(type(model_instance), self.attname, None), DeferredAttribute):
            setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        if isinstance(value, str):
            value = self.scheme.normalise(value)
        return super().get_db_prep_save(value, connection)

    def formfield(self, **kwargs):
        # No maxlength in the form: a pasted address or spaces are shortened on saving.
        return super().formfield(**{"max_length": None, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, "django.db.models.CharField", args, kwargs

    def clone(self):
        _name, _path, args, kwargs = self.deconstruct()
        return self.__class__(self.scheme, *args, **kwargs)
