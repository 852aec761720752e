"""The project's root URLs: the one place that includes every app.

Apps are included by name, and their sitemaps collected (`web/sitemaps.py`), so that
this module imports no app that builds on the alliance app.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.static import serve

from .opendata.api import docs_view, open_data_api
from .publishing.admin import translation_overview_view
from .views import HomeView
from .web.sitemaps import collected_sitemaps, sitemap_section
from .web.views import (
    SearchView,
    apple_touch_icon,
    brand_css,
    favicon_ico,
    robots_txt,
    web_manifest,
)

SITEMAPS = collected_sitemaps()

admin.site.site_header = "Alliance Portal"
admin.site.site_title = "Alliance Portal"

urlpatterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_section,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon_ico, name="favicon"),
    path("apple-touch-icon.png", apple_touch_icon, name="apple-touch-icon"),
    path("apple-touch-icon-precomposed.png", apple_touch_icon),
    path("manifest.webmanifest", web_manifest, name="web-manifest"),
    # The alliances' brand colours, for every language (web/branding.py).
    path("brand.css", brand_css, name="brand-css"),
    path(
        "admin/translations/",
        admin.site.admin_view(translation_overview_view),
        name="admin-translation-overview",
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # The read API (alliance_portal/opendata): each app's resources come from its
    # `open_data.py`; its documentation is /<lang>/api/.
    path("api/v1/", open_data_api().urls),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("alliances/", include("alliance_portal.alliance_urls")),
    path("organisations/", include("members.urls")),
    path("news/", include("news.urls")),
    path("press/", include("statements.urls")),
    path("search/", SearchView.as_view(), name="search"),
    path("api/", docs_view, name="api-docs"),
    # E-mail alerts: subscribe, confirm, manage, unsubscribe (alerts/views.py).
    path("alerts/", include("alliance_portal.alerts.urls")),
    # Feeds: RSS 2.0 and Atom, of the whole portal or of one alliance.
    path("feeds/", include("news.feed_urls")),
    path("feeds/", include("statements.feed_urls")),
    # Impressum, privacy notice, accessibility statement: /de/impressum/, /en/imprint/…
    path("", include("alliance_portal.legal.urls")),
)

if settings.DEBUG:
    # Uploaded media in local development; production serves them from S3 or
    # the web server in front of gunicorn.
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
