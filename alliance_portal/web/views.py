"""Site-wide pages that belong to no app: search and robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.generic import TemplateView

from . import search


class SearchView(TemplateView):
    template_name = "alliance_portal/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        query = search.clean_query(raw)
        context["query"] = " ".join(raw.split())[: search.MAX_QUERY_LENGTH]
        context["too_short"] = bool(raw.strip()) and query is None
        found = search.search(query) if query else search.Found(groups=[])
        context["groups"] = found.groups
        context["incomplete"] = not found.complete
        context["noindex"] = True
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["incomplete"]:
            # Another try may find everything: keep this page nowhere.
            patch_cache_control(response, no_store=True)
        return response


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /de/search/",
        "Disallow: /en/search/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
