from django.http import HttpResponse


def ceiling(request):
    """The least a page can cost: a short response through the same settings,
    middleware and gunicorn workers as every page of the portal."""
    return HttpResponse("ceiling", content_type="text/plain; charset=utf-8")
