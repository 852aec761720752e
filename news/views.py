from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from alliance_portal.models import Alliance
from alliance_portal.publishing.views import PreviewableMixin
from alliance_portal.views import AllianceYearFilterMixin
from alliance_portal.web.structured_data import news_article_data

from .models import Article, NewsItem


def published_alliances():
    return Prefetch(
        "alliances", queryset=Alliance.objects.published().only("slug", "name_de", "name_en")
    )


class NewsListView(AllianceYearFilterMixin, ListView):
    """Published news, newest first; filter by alliance and year."""

    model = NewsItem
    template_name = "news/newsitem_list.html"
    context_object_name = "news_items"

    def published_items(self):
        return NewsItem.objects.published().prefetch_related(published_alliances())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = Article.objects.published()[:5]
        return context


class NewsDetailView(PreviewableMixin, DetailView):
    model = NewsItem
    context_object_name = "item"

    def get_queryset(self):
        return self.base_queryset().prefetch_related(published_alliances())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.object
        context["structured_data"] = news_article_data(
            self.request,
            headline=item.title,
            description=item.teaser,
            published=item.published_at,
            modified=item.updated_at,
            url=item.get_absolute_url(),
            publishers=[alliance.name for alliance in item.alliances.all()],
            image=item.image.url if item.image else None,
        )
        return context


class ArticleDetailView(PreviewableMixin, DetailView):
    model = Article

    def get_queryset(self):
        return self.base_queryset().prefetch_related("sections", "references")
