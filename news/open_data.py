"""Published news, for the API and the full download (alliance_portal/opendata)."""

from datetime import datetime

from django.db.models import Prefetch
from ninja import Field, Schema

from alliance_portal.models import Alliance
from alliance_portal.opendata.pagination import Order
from alliance_portal.opendata.parameters import ListParameters, Slug
from alliance_portal.opendata.resources import Resource, absolute, public_id

from .models import NewsItem


class NewsOut(Schema):
    id: str
    slug: str
    title: str
    teaser: str
    body: str
    published_at: datetime
    alliance_ids: list[str]
    image: str | None
    image_alt: str | None
    source_name: str | None
    source_url: str | None
    url: str
    updated_at: datetime

    @staticmethod
    def resolve_id(item):
        return public_id("news", item.pk)

    @staticmethod
    def resolve_alliance_ids(item):
        return [public_id("alliance", alliance.pk) for alliance in item.alliances.all()]

    @staticmethod
    def resolve_image(item):
        return absolute(item.image.url) if item.image else None

    @staticmethod
    def resolve_image_alt(item):
        return (item.image_alt or None) if item.image else None

    @staticmethod
    def resolve_source_name(item):
        return item.source_name or None

    @staticmethod
    def resolve_source_url(item):
        return item.source_url or None

    @staticmethod
    def resolve_url(item):
        return absolute(item.get_absolute_url())


class NewsParameters(ListParameters):
    alliance: Slug | None = Field(None, description="Only news of this alliance (its slug).")


def public_news():
    return NewsItem.objects.published().prefetch_related(
        Prefetch("alliances", queryset=Alliance.objects.published().only("pk"))
    )


def filter_news(items, params):
    if params.alliance:
        items = items.filter(alliances__slug=params.alliance)
    return items


RESOURCES = [
    Resource(
        name="news",
        title="News",
        description="Published news, newest first.",
        schema=NewsOut,
        queryset=public_news,
        order=Order((("published_at", True), ("id", True))),
        parameters=NewsParameters,
        filter=filter_news,
    ),
]
