"""How django-axes sees a login attempt and answers a locked-out one.

The settings (AXES_* in settings.py) name these two functions.
"""

from axes.helpers import get_cool_off, get_lockout_message
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def client_ip_address(request):
    """The address a login attempt came from.

    Without proxies it is the peer address. Behind DJANGO_TRUSTED_PROXY_COUNT
    reverse proxies that each append to X-Forwarded-For, it is the entry that
    many places from the right: the address our outermost proxy was reached
    from. Entries further left are whatever the client sent, and are ignored.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [address.strip() for address in header.split(",") if address.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def locked_out_response(request, original_response, credentials):
    """The admin's own page saying that, and for how long, login is refused.

    Status 429 (Too Many Requests) with Retry-After, as django-axes answers
    by default, but as a translated page in the admin's look.
    """
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": get_lockout_message(),
        "lockout_message": get_lockout_message(),
        "minutes": int(cool_off.total_seconds() // 60),
    }
    # Rendered here: the response comes back through the middleware, after the view.
    response = render(
        request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
