"""What public pages of publishable items share: staff previews and lists of public items.

The lists' query parameters are declared and read by `web/parameters.py`.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django_countries.fields import Country

from .slugs import item_formerly_at


def moved_permanently(queryset, slug, url_of):
    """For an address whose slug names no item of `queryset`: a permanent redirect to
    `url_of(item)` if an item of it was public under that slug before; a 404 otherwise.

    `queryset` is what the visitor may see, so a redirect never reveals a draft.
    """
    item = item_formerly_at(queryset, slug)
    if item is None:
        raise Http404("No item has been public at this address.")
    return HttpResponsePermanentRedirect(url_of(item))


class PreviewableMixin:
    """Public pages show published items; staff who may edit also see drafts.

    A page the public cannot see (a draft, a scheduled or an expired item) is
    shown to staff with a banner saying why (`is_preview`, `preview_state`),
    marked noindex and never cached. An address under which the item was public
    before its slug was changed redirects to its current one.
    """

    def base_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            slug = self.kwargs.get(self.slug_url_kwarg)
            if slug is None:
                raise
            return moved_permanently(
                self.base_queryset(), slug, lambda item: item.get_absolute_url()
            )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_published
        context["preview_state"] = self.object.publication_state
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["is_preview"]:
            response["Cache-Control"] = "private, no-store"
        return response


def country_choices(queryset):
    """(code, name) of the countries the items of `queryset` are in, sorted by name."""
    codes = queryset.exclude(country="").order_by().values_list("country", flat=True).distinct()
    return sorted(((code, Country(code).name) for code in codes), key=lambda pair: str(pair[1]))


class KeysFirstPaginator(Paginator):
    """Pages of public items that find the page's keys first, then read only its rows.

    A deep page skips thousands of items: this way PostgreSQL skips them in the
    index alone (an index-only scan, see `PUBLIC_LIST_INDEX_FIELDS`) instead of
    reading each skipped row. Same page numbers, one query per page as before.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.object_list.slice_by_keys(bottom, top), number, self)
