from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from alliance_portal.models import Alliance
from alliance_portal.structured_data import news_article_data
from alliance_portal.views import PreviewableMixin

from .models import Article, NewsItem


def published_alliances():
    return Prefetch(
        "alliances", queryset=Alliance.objects.published().only("slug", "name_de", "name_en")
    )


class NewsListView(ListView):
    """Published news, newest first; filter by alliance (slug) and year."""

    template_name = "news/newsitem_list.html"
    context_object_name = "news_items"
    paginate_by = 20

    def get_queryset(self):
        items = NewsItem.objects.published().prefetch_related(published_alliances())
        self.alliance = None
        if slug := self.request.GET.get("alliance", "").strip():
            self.alliance = get_object_or_404(Alliance.objects.published(), slug=slug)
            items = items.filter(alliances=self.alliance)
        self.year = self.request.GET.get("year", "").strip()
        if self.year.isdigit():
            items = items.filter(published_at__year=int(self.year))
        else:
            self.year = ""
        return items.order_by("-published_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chosen_alliance"] = self.alliance
        context["chosen_year"] = self.year
        context["years"] = [
            date.year
            for date in NewsItem.objects.published().dates("published_at", "year", order="DESC")
        ]
        context["alliances"] = (
            Alliance.objects.published()
            .filter(news_items__in=NewsItem.objects.published())
            .distinct()
        )
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
