import json
import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from ..publishing import cache_outage

logger = logging.getLogger(__name__)


class HealthCheckMiddleware:
    """Answers GET /healthz with the state of the database and the cache, as JSON.

    It runs before host validation, and the HTTPS redirect leaves it alone
    (SECURE_REDIRECT_EXEMPT), so that load balancers and the container's
    HEALTHCHECK can ask by IP over plain HTTP; it reveals nothing but "ok",
    "degraded" or "unavailable". A lost cache makes the portal slower, not
    unavailable: the answer stays 200 with `"cache": "degraded"`.
    """

    path = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") != self.path:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            # Drop the broken connection so the next request starts afresh.
            connection.close_if_unusable_or_obsolete()
            return self.respond({"status": "unavailable", "database": "unreachable"}, 503)
        if cache_outage.is_degraded():
            return self.respond({"status": "degraded", "database": "ok", "cache": "degraded"}, 200)
        return self.respond({"status": "ok", "database": "ok", "cache": "ok"}, 200)

    @staticmethod
    def respond(payload, status):
        response = HttpResponse(json.dumps(payload), content_type="application/json", status=status)
        response["Cache-Control"] = "no-store"
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Gzip for what visitors read: pages, feeds, sitemaps, robots.txt, JSON and CSV
    downloads, the manifest. Gunicorn answers browsers itself, and nothing in front of it
    is sure to compress; static files come compressed from whitenoise already (it answers
    them before this middleware is reached).

    Left alone: PDFs, ZIP files and images (compressed already), the admin and every
    request with a session, i.e. staff: their pages carry CSRF tokens next to text they
    typed, which a compressed response can leak (BREACH). Visitors have no session and
    public pages no token. Placed above ConditionalGetMiddleware, so that ETags are those
    of the uncompressed page (the gzip stream differs each time: Django pads it at random
    against BREACH) and 304s work; a compressed response's ETag is made weak.
    """

    COMPRESSIBLE_TYPES = (
        "text/",
        "application/json",
        "application/ld+json",
        "application/manifest+json",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "image/svg+xml",
    )

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if (
            not content_type.startswith(self.COMPRESSIBLE_TYPES)
            or request.path.startswith(settings.ADMIN_PATH_PREFIX)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return response
        return super().process_response(request, response)


class SiteAddressMiddleware:
    """Makes a public page's request name the configured site address (DJANGO_SITE_URL).

    Pages, feeds and sitemaps build their absolute links from the request (Django's
    syndication and sitemaps included); a request for `alliances.example.org:443`,
    or through a second name of the host, then gets the same page, with the same
    links, from the same cache entry. The Host asked for is checked against
    ALLOWED_HOSTS first: a forged one still gets a 400. Only GET and HEAD outside
    the admin: a form's POST keeps its own Host and origin for the CSRF check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = settings.SITE_URL
        if (
            site
            and request.method in ("GET", "HEAD")
            and not request.path_info.startswith(settings.ADMIN_PATH_PREFIX)
        ):
            request.get_host()  # raises DisallowedHost for a Host not allowed
            scheme, netloc = site.split("://", 1)
            request.META["HTTP_HOST"] = netloc
            request.META.pop("HTTP_X_FORWARDED_HOST", None)
            request.META["wsgi.url_scheme"] = scheme
            if settings.SECURE_PROXY_SSL_HEADER:
                header, secure = settings.SECURE_PROXY_SSL_HEADER
                request.META[header] = secure if scheme == "https" else "http"
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Turns "cannot reach the database" into a friendly 503 page.

    OperationalError covers a refused or lost connection (and timeouts);
    InterfaceError a connection that was closed under us. Both are the
    database's state, not a bug in the page, so the visitor is asked to come
    back instead of seeing the 500 page. The page is rendered without the
    request: context processors (auth, messages) could reach for the session,
    which lives in the database.
    """

    retry_after_seconds = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        # No clean-up needed here: when the request ends, Django closes a
        # connection that had errors and is no longer usable, and with
        # CONN_HEALTH_CHECKS a kept connection is tested before its next use.
        return self.unavailable_response(request)

    def unavailable_response(self, request):
        # LocaleMiddleware has already activated the visitor's language.
        html = render_to_string("503.html", {"retry_path": request.get_full_path()})
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(self.retry_after_seconds)
        add_never_cache_headers(response)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy per kind of response.

    Public pages (and everything else) get CONTENT_SECURITY_POLICY; paths under
    ADMIN_PATH_PREFIX get ADMIN_CSP_DIRECTIVES; the API's Swagger UI (API_DOCS_PATHS)
    API_DOCS_CSP_DIRECTIVES; PDFs get PDF_CSP_DIRECTIVES, the
    little the browser's PDF viewer needs. A view decorated with django-csp's
    @csp/@csp_update/@csp_replace keeps what the decorator says.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        decorated = parts.config or parts.update or parts.replace
        if report_only or decorated:
            return parts
        if request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
            parts.config = settings.ADMIN_CSP_DIRECTIVES
        elif request.path_info.startswith(settings.API_DOCS_PATHS):
            parts.config = settings.API_DOCS_CSP_DIRECTIVES
        elif response.get("Content-Type", "").startswith("application/pdf"):
            parts.config = settings.PDF_CSP_DIRECTIVES
        return parts
