from django import template

from news.models import NewsItem

register = template.Library()


@register.inclusion_tag("news/includes/_latest_news.html")
def latest_news(count=3, alliance=None):
    """The newest published news, of one alliance if given: one query."""
    items = NewsItem.objects.published()
    if alliance is not None:
        items = items.filter(alliances=alliance)
    # One alliance's news are found through links: keys first keeps the search narrow.
    return {"news_items": items.order_by("-published_at", "-pk").slice_by_keys(0, count)}
