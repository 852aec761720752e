"""Translated fields of the alliance app (German required, English optional)."""

from modeltranslation.translator import TranslationOptions, register

from .legal import translation as legal_translation  # noqa: F401 (registers LegalPage)
from .models import Alliance, Demand, Goal, KeyFigure, ParticipantGroup, Section, Sector


@register(Sector)
class SectorTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("de",)


@register(Alliance)
class AllianceTranslation(TranslationOptions):
    fields = (
        "name",
        "region",
        "summary",
        "description",
        "founding_document_title",
        "founding_document_text",
        "goals_intro",
        "demands_intro",
        "logo_alt",
        "hero_image_alt",
        "hero_image_caption",
    )
    required_languages = {"de": ("name", "summary")}


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("heading", "body")
    required_languages = ("de",)


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"de": ("title",)}


@register(Demand)
class DemandTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"de": ("title",)}


@register(KeyFigure)
class KeyFigureTranslation(TranslationOptions):
    fields = ("label", "scope", "source")
    required_languages = ("de",)


@register(ParticipantGroup)
class ParticipantGroupTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"de": ("name",)}
