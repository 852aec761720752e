"""The read API at /api/v1/: one list (and, where items have pages, one detail) per
resource, the OpenAPI document, its docs page and the full download.

django-ninja builds the OpenAPI document from the same type declarations that check
each request, so the document cannot drift from what the API accepts.
"""

from functools import cache

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Query, Router, Schema
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer
from pydantic import create_model

from alliance_portal.publishing.page_cache import current_generation

from . import download, pagination
from .parameters import ItemParameters, NoParameters, Slug, unknown_parameters
from .reference import reference
from .resources import Resource, absolute, resources, use_site

VERSION = "1"


class ParameterError(Exception):
    """A request parameter that is not valid: answered with a 400 naming it."""

    def __init__(self, errors):
        self.errors = errors  # [(parameter, message)]


class Renderer(JSONRenderer):
    # Umlauts as they are: smaller, and readable in a browser.
    json_dumps_params = {"ensure_ascii": False}


class OpenDataAPI(NinjaAPI):
    def create_response(self, request, data, *args, **kwargs):
        response = super().create_response(request, data, *args, **kwargs)
        if response.status_code == 200:
            mark_last_modified(response)
        return response


def mark_last_modified(response):
    """Last-Modified: when the public content last changed (the page cache's content
    generation); the ETag follows the body (ConditionalGetMiddleware), so both answer
    a revalidation with a 304."""
    generation = current_generation()
    if generation is not None:
        response["Last-Modified"] = http_date(generation["changed_at"])


def check_parameters(request, parameters_class):
    unknown = unknown_parameters(request, parameters_class)
    if unknown:
        declared = ", ".join(parameters_class.model_fields)
        raise ParameterError(
            [(name, f"not a parameter of this address; it takes: {declared}") for name in unknown]
        )


def start(request, params):
    """What every API answer does first: its language and its links' address."""
    if params.lang:
        translation.activate(params.lang)
        request.LANGUAGE_CODE = params.lang
    use_site(request.build_absolute_uri("/"))


def page_schema(resource):
    return create_model(
        f"{resource.schema.__name__}Page",
        __base__=Schema,
        items=(list[resource.schema], ...),
        next_cursor=(str | None, None),
        next=(str | None, None),
    )


def next_address(request, cursor):
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def add_endpoints(router, resource: Resource):
    parameters_class = resource.parameters

    @router.get(
        "/",
        response=page_schema(resource),
        url_name=f"{resource.name}-list",
        summary=resource.title,
        description=resource.description,
        operation_id=f"list_{resource.name.replace('-', '_')}",
        openapi_extra={"responses": INVALID_PARAMETERS},
    )
    def list_items(request, params: Query[parameters_class]):
        check_parameters(request, parameters_class)
        start(request, params)
        items, cursor = pagination.page(
            resource.filtered(params), resource.order, resource.name, params.cursor, params.limit
        )
        return {"items": items, "next_cursor": cursor, "next": next_address(request, cursor)}

    if not resource.detail:
        return

    @router.get(
        "/{slug}/",
        response=resource.schema,
        url_name=f"{resource.name}-detail",
        summary=f"{resource.title}: one by its slug",
        operation_id=f"get_{resource.name.replace('-', '_')}",
        openapi_extra={"responses": INVALID_PARAMETERS},
    )
    def item(request, slug: Slug, params: Query[ItemParameters]):
        check_parameters(request, ItemParameters)
        start(request, params)
        found = resource.queryset().filter(slug=slug).first()
        if found is None:
            raise Http404
        return found


# The 400 answer, for the OpenAPI document (parameter_errors makes it).
INVALID_PARAMETERS = {
    400: {
        "description": "A parameter is not valid or not one of this address",
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "error": {"type": "string"},
                        "parameters": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "name": {"type": "string"},
                                    "message": {"type": "string"},
                                },
                            },
                        },
                    },
                }
            }
        },
    }
}


class Index(Schema):
    lists: dict[str, str]
    openapi: str
    docs: str
    download: str
    licence: str
    licence_url: str


@cache
def open_data_api():
    """The API, made once: the root URLconf mounts it at /api/v1/."""
    return build_api()


def build_api():
    api = OpenDataAPI(
        title="Alliance Portal API",
        version=VERSION,
        description=(
            "Read-only open data of the Alliance Portal: alliances, organisations, "
            "memberships over time (Popolo), published press statements with quotes, "
            "news and key figures, in German or English. Lists are paged by cursor; every "
            "answer carries an ETag and a Last-Modified date. Licence: "
            f"{settings.OPEN_DATA_LICENCE} ({settings.OPEN_DATA_LICENCE_URL})."
        ),
        urls_namespace="api",
        # Swagger UI, from our own static files ("ninja" in INSTALLED_APPS), to try
        # requests out; its CSP is API_DOCS_CSP_DIRECTIVES (web/middleware.py). The
        # documentation in the portal's design is docs_view, at /<lang>/api/.
        docs_url="/docs/",
        renderer=Renderer(),
    )

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        errors = []
        for error in exc.errors:
            location = [
                part for part in error.get("loc", ()) if part not in ("query", "params", "path")
            ]
            name = str(location[-1]) if location else "?"
            message = error.get("msg", "not valid").removeprefix("Value error, ")
            errors.append((name, message))
        return parameter_errors(api, request, errors)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        message = _("Nothing published is at this address.")
        return api.create_response(request, {"error": message}, status=404)

    @api.exception_handler(ParameterError)
    def refused(request, exc):
        return parameter_errors(api, request, exc.errors)

    @api.exception_handler(pagination.InvalidCursor)
    def bad_cursor(request, exc):
        return parameter_errors(api, request, [("cursor", str(exc))])

    for resource in resources():
        router = Router(tags=[resource.title])
        add_endpoints(router, resource)
        api.add_router(f"/{resource.name}/", router)

    @api.get(
        "/",
        response=Index,
        summary="What this API offers",
        operation_id="index",
        url_name="index",
        tags=["Open data"],
    )
    def index(request, params: Query[ItemParameters]):
        check_parameters(request, ItemParameters)
        start(request, params)
        return {
            "lists": {
                resource.name: absolute(f"{request.path}{resource.name}/")
                for resource in resources()
            },
            "openapi": absolute(f"{request.path}openapi.json"),
            "docs": absolute(reverse("api-docs")),
            "download": absolute(f"{request.path}download.zip"),
            "licence": settings.OPEN_DATA_LICENCE,
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
        }

    @api.get(
        "/download.zip",
        summary="Everything published, as JSON and CSV in one ZIP",
        description=(
            "Every list of this API in German and English, as JSON and CSV, with a README "
            "and the licence. Made once per version of the content."
        ),
        operation_id="download",
        tags=["Open data"],
        url_name="download",
        openapi_extra={
            "responses": {
                200: {
                    "description": "A ZIP file",
                    "content": {
                        "application/zip": {"schema": {"type": "string", "format": "binary"}}
                    },
                }
            }
        },
    )
    def full_download(request):
        check_parameters(request, NoParameters)
        return download.response(request)

    return api


def parameter_errors(api, request, errors):
    """A 400 whose JSON names each parameter that is not valid and what it must be."""
    return api.create_response(
        request,
        {
            "error": _("invalid parameters"),
            "parameters": [{"name": name, "message": message} for name, message in errors],
        },
        status=400,
    )


@require_safe
def docs_view(request):
    """The API's documentation, in the portal's design: what it offers and the reference
    of every operation, read from the OpenAPI document (reference.py)."""
    document = open_data_api().get_openapi_schema(path_prefix=reverse("api:index"))
    return render(
        request,
        "opendata/docs.html",
        {
            "operations": reference(document),
            "licence": settings.OPEN_DATA_LICENCE,
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
        },
    )
