"""Translated fields of the legal pages (German required, English optional)."""

from modeltranslation.translator import TranslationOptions, register

from .models import LegalPage


@register(LegalPage)
class LegalPageTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("de",)
