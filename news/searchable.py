from django.utils.translation import gettext_lazy as _

from alliance_portal.web.search import Searchable

from .models import Article, NewsItem

SEARCHABLE = [
    Searchable(
        label=_("News"),
        queryset=lambda: NewsItem.objects.published(),
        title_field="title",
        text_fields=("title", "teaser", "body"),
        weight=20,
    ),
    Searchable(
        label=_("Articles"),
        queryset=lambda: Article.objects.published(),
        title_field="title",
        text_fields=("title", "summary"),
        weight=15,
    ),
]
