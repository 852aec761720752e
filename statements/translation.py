"""Translated fields of the statements app (German required, English optional)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Attachment, PressStatement, Quote


@register(PressStatement)
class PressStatementTranslation(TranslationOptions):
    fields = ("headline", "sub_headline", "dateline_place", "lead", "body", "boilerplate")
    required_languages = {"de": ("headline", "dateline_place", "body")}


@register(Quote)
class QuoteTranslation(TranslationOptions):
    fields = ("text", "speaker_function", "speaker_organisation")
    required_languages = {"de": ("text",)}
    # The organisation's name as of that day: a name, not a text to translate.
    proper_names = ("speaker_organisation",)


@register(Attachment)
class AttachmentTranslation(TranslationOptions):
    fields = ("title", "credit")
    required_languages = {"de": ("title",)}
