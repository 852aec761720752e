"""Translated fields of the members app (German required, English optional)."""

from modeltranslation.translator import TranslationOptions, register

from .models import AllianceContact, Organisation, Person


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description", "region", "logo_alt")
    required_languages = {"de": ("name",)}
    # An English name only where the organisation has one of its own; English pages
    # show its name as it is otherwise (alliance_portal/publishing/translation_status.py).
    proper_names = ("name",)


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("function",)


@register(AllianceContact)
class AllianceContactTranslation(TranslationOptions):
    fields = ("role",)
