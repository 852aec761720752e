"""Site-wide pages that belong to no app: search, robots.txt, the icons at the root,
the web-app manifest and the brand colours' stylesheet."""

import functools

from django import forms
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from ..publishing.page_cache import cached
from ..publishing.parameters import DeclaredParametersMixin, Parameters
from . import branding, icons, search


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


FAVICON = "img/favicon.ico"
# A week: the addresses of these files never change, so not forever.
ROOT_FILE_MAX_AGE = 7 * 24 * 60 * 60


@functools.cache
def static_source_bytes(path):
    """A file from the static files' source (no collectstatic needed, and the same
    file whatever the static storage, manifest or not)."""
    with open(finders.find(path), "rb") as file:
        return file.read()


@require_safe
@cache_control(public=True, max_age=ROOT_FILE_MAX_AGE)
def favicon_ico(request):
    """/favicon.ico, where browsers, feed readers and bookmark tools look for the icon
    without reading a page (pages link the SVG and this address)."""
    return HttpResponse(static_source_bytes(FAVICON), content_type="image/vnd.microsoft.icon")


@require_safe
@cache_control(public=True, max_age=ROOT_FILE_MAX_AGE)
def apple_touch_icon(request):
    """/apple-touch-icon.png (and -precomposed.png), where iOS looks for a home-screen
    icon when a page does not link one (pages link the static file)."""
    return HttpResponse(static_source_bytes(icons.APPLE_TOUCH_ICON.path), content_type="image/png")


@require_safe
@cache_control(public=True, max_age=60 * 60)
def web_manifest(request):
    """/manifest.webmanifest: name, colours and icons for a home-screen shortcut. Kept an
    hour, not a week: it names the icons by their hashed static addresses, and after a
    release that changes an icon only the new address answers."""
    return JsonResponse(
        icons.web_manifest(),
        content_type="application/manifest+json",
        json_dumps_params={"indent": 2},
    )


BRAND_CSS_MAX_AGE = 365 * 24 * 60 * 60  # a year: its address names its version


@require_safe
def brand_css(request):
    """/brand.css: every published alliance's colour (web/branding.py), in one query,
    made once per content generation (if one is current: pages start them).

    Asked for under its current version (`?v=`, as pages link it), browsers and
    proxies may keep it for a year; under any other address (no version, or one
    that is outdated now), they ask again each time, and get a 304 while nothing
    changed.
    """
    css = cached(
        "brand-css", branding.make_stylesheet, timeout=24 * 60 * 60, start_generation=False
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    if request.GET.get("v") == branding.stylesheet_version(css):
        patch_cache_control(response, public=True, max_age=BRAND_CSS_MAX_AGE, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return response
