"""The project's root URLs: the one place that includes every app."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.static import serve

from members.sitemaps import OrganisationSitemap
from news.feeds import NewsAtomFeed, NewsFeed
from news.sitemaps import ArticleSitemap, NewsSitemap
from statements.feeds import PressAtomFeed, PressFeed
from statements.sitemaps import PressSitemap

from .admin import translation_overview_view
from .sitemaps import AllianceSitemap, StaticPagesSitemap
from .views import HomeView, SearchView, robots_txt

SITEMAPS = {
    "pages": StaticPagesSitemap,
    "alliances": AllianceSitemap,
    "organisations": OrganisationSitemap,
    "news": NewsSitemap,
    "articles": ArticleSitemap,
    "press": PressSitemap,
}

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
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path(
        "admin/translations/",
        admin.site.admin_view(translation_overview_view),
        name="admin-translation-overview",
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("alliances/", include("alliance_portal.alliance_urls")),
    path("organisations/", include("members.urls")),
    path("news/", include("news.urls")),
    path("press/", include("statements.urls")),
    path("search/", SearchView.as_view(), name="search"),
    # Feeds: RSS 2.0 and Atom, of the whole portal or of one alliance.
    path("feeds/news/", NewsFeed(), name="feed-news"),
    path("feeds/news/atom/", NewsAtomFeed(), name="feed-news-atom"),
    path("feeds/press/", PressFeed(), name="feed-press"),
    path("feeds/press/atom/", PressAtomFeed(), name="feed-press-atom"),
    path("feeds/<slug:alliance>/news/", NewsFeed(), name="feed-alliance-news"),
    path("feeds/<slug:alliance>/news/atom/", NewsAtomFeed(), name="feed-alliance-news-atom"),
    path("feeds/<slug:alliance>/press/", PressFeed(), name="feed-alliance-press"),
    path("feeds/<slug:alliance>/press/atom/", PressAtomFeed(), name="feed-alliance-press-atom"),
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
