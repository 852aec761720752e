from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from alliance_portal.alerts.item_admin import AlertedItemAdmin
from alliance_portal.publishing.admin import LocalizedNumbers, OrderedInline, PublishableAdmin

from .models import Article, ArticleReference, ArticleSection, NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(AlertedItemAdmin, PublishableAdmin):
    list_display = ["title", "published_at", "state", "english"]
    list_filter = ["status", "alliances"]
    search_fields = ["title_de", "title_en", "teaser_de", "teaser_en", "slug"]
    autocomplete_fields = ["alliances"]
    fieldsets = [
        (None, {"fields": ("title", "slug", "alliances")}),
        (_("Text"), {"fields": ("teaser", "body")}),
        (_("Image"), {"fields": ("image", "image_alt")}),
        (_("Source"), {"fields": ("source_name", "source_url")}),
        PublishableAdmin.publication_fieldset,
        (_("E-mail alert"), {"fields": AlertedItemAdmin.alert_fields}),
    ]


class ArticleSectionInline(OrderedInline, TranslationStackedInline):
    model = ArticleSection
    fields = ("position", "heading", "body", "side_note")


class ArticleReferenceInline(LocalizedNumbers, TranslationTabularInline):
    model = ArticleReference
    fields = ("number", "title", "url")
    extra = 0


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = ["title", "category", "published_at", "state", "english"]
    list_filter = ["status", "category"]
    search_fields = ["title_de", "title_en", "summary_de", "summary_en", "slug"]
    autocomplete_fields = ["alliances"]
    inlines = [ArticleSectionInline, ArticleReferenceInline]
    fieldsets = [
        (None, {"fields": ("title", "slug", "category", "alliances", "summary")}),
        (_("Image"), {"fields": ("image", "image_alt")}),
        (_("Call to action"), {"fields": ("cta_text", "cta_button_text", "cta_link")}),
        PublishableAdmin.publication_fieldset,
    ]
