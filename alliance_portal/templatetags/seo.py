"""Head tags for search engines and link previews: alternates, canonical URL, JSON-LD."""

import json

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from alliance_portal.publishing.parameters import declared_query

register = template.Library()

# As django.utils.html.json_script: the JSON cannot close the <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """(language code, absolute URL) of the current page in every language."""
    request = context["request"]
    return [
        (code, request.build_absolute_uri(translate_url(request.path, code)))
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def language_links(context):
    """(code, URL) of this page, its declared filters and page number kept, in every
    language. Other parameters (tracking tags) are left out: the page cache keeps one
    copy for all of them (publishing/parameters.py).

    Plain links rather than a form posting to set_language: a page without a
    form has no CSRF cookie or token, so the same page can be cached for
    every visitor.
    """
    request = context["request"]
    query = declared_query(request)
    path = f"{request.path}?{query}" if query else request.path
    return [(code, translate_url(path, code)) for code, _name in settings.LANGUAGES]


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without tracking or filter parameters; keeps the page number."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = declared_query(request, only=("page",))
    return f"{url}?{page}" if page and page != "page=1" else url


@register.simple_tag
def json_ld(data):
    """A schema.org description of the page as a JSON-LD data block (not executed)."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
