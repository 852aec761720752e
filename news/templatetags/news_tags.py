from django import template

from news.models import NewsItem

register = template.Library()


@register.inclusion_tag("news/includes/_latest_news.html")
def latest_news(count=3, alliance=None):
    """The newest published news, of one alliance if given: one query."""
    items = NewsItem.objects.published()
    if alliance is not None:
        items = items.filter(alliances=alliance)
    return {"news_items": items.order_by("-published_at", "-pk")[:count]}
