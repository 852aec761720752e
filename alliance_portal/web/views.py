"""Site-wide pages that belong to no app: search and robots.txt."""

from django import forms
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.generic import TemplateView

from ..publishing.parameters import DeclaredParametersMixin, Parameters
from . import search


class SearchQueryField(forms.CharField):
    """`?q=`: any text without NUL characters; white space folded, and cut to the
    longest query searched rather than refused (a browser sends what was typed)."""

    def to_python(self, value):
        return " ".join(super().to_python(value).split())[: search.MAX_QUERY_LENGTH]


class SearchParameters(Parameters):
    q = SearchQueryField()


class SearchView(DeclaredParametersMixin, TemplateView):
    template_name = "alliance_portal/search.html"
    parameters = SearchParameters

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        typed = self.params["q"]
        query = search.clean_query(typed)
        context["query"] = typed
        context["too_short"] = bool(typed) and query is None
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
