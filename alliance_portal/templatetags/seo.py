"""Head tags for search engines and link previews: alternates, canonical URL, JSON-LD,
Open Graph and Twitter cards."""

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
def absolute_url(context, path):
    """`path` as an absolute URL on the site's address (DJANGO_SITE_URL when it is set,
    see web/middleware.py SiteAddressMiddleware), as link previews need it."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address without tracking or filter parameters; keeps the page number."""
    request = context["request"]
    url = absolute_url(context, request.path)
    page = declared_query(request, only=("page",))
    return f"{url}?{page}" if page and page != "page=1" else url


@register.simple_tag
def json_ld(data):
    """A schema.org description of the page as a JSON-LD data block (not executed)."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


# The size of every sharing image (web/share_images.py and static/img/share-default.png).
SHARE_IMAGE_WIDTH, SHARE_IMAGE_HEIGHT = 1200, 630


@register.simple_tag(takes_context=True)
def share_image_meta(context, url, alt):
    """Open Graph and Twitter tags for the page's sharing image at `url` (a path or an
    address), 1200 × 630 pixels, described by `alt`."""
    image = absolute_url(context, url)
    return format_html(
        '<meta property="og:image" content="{image}">\n'
        '  <meta property="og:image:type" content="image/png">\n'
        '  <meta property="og:image:width" content="{width}">\n'
        '  <meta property="og:image:height" content="{height}">\n'
        '  <meta property="og:image:alt" content="{alt}">\n'
        '  <meta name="twitter:card" content="summary_large_image">\n'
        '  <meta name="twitter:image" content="{image}">\n'
        '  <meta name="twitter:image:alt" content="{alt}">',
        image=image,
        width=SHARE_IMAGE_WIDTH,
        height=SHARE_IMAGE_HEIGHT,
        alt=alt,
    )


class SocialMetaNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        # The content is a block of the template, rendered as it would be inside an
        # attribute: variables are escaped, the template's own text is trusted.
        content = mark_safe(" ".join(self.nodelist.render(context).split()))
        return format_html(
            '<meta property="og:{name}" content="{content}">\n'
            '  <meta name="twitter:{name}" content="{content}">',
            name=self.name,
            content=content,
        )


@register.tag
def social_meta(parser, token):
    """`{% social_meta "title" %}{% block og_title %}…{% endblock %}{% endsocial_meta %}`:
    og:title and twitter:title with the same content, from one block that pages
    override (a block cannot be placed twice in a template)."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f'{bits[0]} takes one quoted name, such as "title".')
    nodelist = parser.parse(("endsocial_meta",))
    parser.delete_first_token()
    return SocialMetaNode(bits[1][1:-1], nodelist)
