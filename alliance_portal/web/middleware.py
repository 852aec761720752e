import json
import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)


class HealthCheckMiddleware:
    """Answers GET /healthz with the state of the database, as JSON.

    It runs before host validation, and the HTTPS redirect leaves it alone
    (SECURE_REDIRECT_EXEMPT), so that load balancers and the container's
    HEALTHCHECK can ask by IP over plain HTTP; it reveals nothing but "ok" or
    "unavailable".
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
        return self.respond({"status": "ok", "database": "ok"}, 200)

    @staticmethod
    def respond(payload, status):
        response = HttpResponse(json.dumps(payload), content_type="application/json", status=status)
        response["Cache-Control"] = "no-store"
        return response


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
    ADMIN_PATH_PREFIX get ADMIN_CSP_DIRECTIVES; PDFs get PDF_CSP_DIRECTIVES, the
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
        elif response.get("Content-Type", "").startswith("application/pdf"):
            parts.config = settings.PDF_CSP_DIRECTIVES
        return parts
