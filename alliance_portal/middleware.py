import json

from django.db import DatabaseError, connection
from django.http import HttpResponse


class HealthCheckMiddleware:
    """Answers GET /healthz with the state of the database, as JSON.

    It runs before host validation and the HTTPS redirect so that load
    balancers and the container's HEALTHCHECK can ask by IP over plain HTTP;
    it reveals nothing but "ok" or "unavailable".
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
