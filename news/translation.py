"""Translated fields of the news app (German required, English optional)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Article, ArticleReference, ArticleSection, NewsItem


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "teaser", "body", "image_alt", "source_name")
    required_languages = {"de": ("title", "teaser")}


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "summary", "category", "image_alt", "cta_text", "cta_button_text")
    required_languages = {"de": ("title", "summary")}


@register(ArticleSection)
class ArticleSectionTranslation(TranslationOptions):
    fields = ("heading", "body", "side_note")
    required_languages = {"de": ("heading", "body")}


@register(ArticleReference)
class ArticleReferenceTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("de",)
