"""Who else has an item open in the admin, so two staff do not edit it unknowingly.

Presence is ephemeral and lives in the "coordination" cache, which all gunicorn
workers share (Redis, or the file cache on the host; see page_cache.py), never in
the database. One key per item, `presence:<app_label>.<model_name>:<pk>`, holds
`{user_id: {"name", "since", "seen"}}` with Unix times: when the user first opened
the item, and when their page last said it is still open.

- The change form marks its user present and shows who else is there, rendered by
  the server, so it works without JavaScript (templates/admin/change_form.html).
- With JavaScript, the page posts a heartbeat to `<object_id>/presence/` every
  ADMIN_PRESENCE_INTERVAL_MS while it is visible (static/js/admin/presence.js) and
  shows the answer. A page that is closed or hidden stops sending; after
  PRESENCE_SECONDS its user is no longer counted.

It is advice, not a lock: nothing is refused because someone else is editing.
While the cache cannot be reached (cache_outage.py), nobody is shown.
"""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.admin.utils import quote, unquote
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from .cache_outage import guarded

PRESENCE_SECONDS = 90


def presence_key(obj):
    return f"presence:{obj._meta.label_lower}:{obj.pk}"


def display_name(user):
    return user.get_full_name() or user.get_username()


def _current(entries, now):
    """The entries seen within PRESENCE_SECONDS."""
    return {
        user_id: entry
        for user_id, entry in (entries or {}).items()
        if now - entry["seen"] <= PRESENCE_SECONDS
    }


def mark_present(user, obj):
    """`user` has `obj` open now."""
    key = presence_key(obj)

    def update():
        # Read, change, write: two workers writing at the same moment can lose one
        # of the two updates. Presence is advisory and the next heartbeat (or page
        # load) writes it again, so a lock or a Redis hash would buy nothing here.
        coordination = caches["coordination"]
        now = time.time()
        entries = _current(coordination.get(key), now)
        since = entries[user.pk]["since"] if user.pk in entries else now
        entries[user.pk] = {"name": display_name(user), "since": since, "seen": now}
        coordination.set(key, entries, timeout=PRESENCE_SECONDS)

    guarded(update)


def others_present(user, obj):
    """Who else has `obj` open: [{"name", "since" (an aware datetime)}], first come first."""
    entries = _current(guarded(lambda: caches["coordination"].get(presence_key(obj))), time.time())
    others = sorted(
        (entry for user_id, entry in entries.items() if user_id != user.pk),
        key=lambda entry: entry["since"],
    )
    return [
        {"name": entry["name"], "since": datetime.fromtimestamp(entry["since"], tz=UTC)}
        for entry in others
    ]


def presence_text(others):
    """The banner's sentence, or "" when nobody else is there.

    Times on a 24-hour clock in both languages, as the statements' PDF gives them.
    """
    if not others:
        return ""
    people = ", ".join(
        gettext("%(name)s (since %(time)s)")
        % {
            "name": other["name"],
            "time": formats.time_format(timezone.localtime(other["since"]), "H:i"),
        }
        for other in others
    )
    return gettext("Also open by: %(people)s.") % {"people": people}


class PresenceMixin:
    """ModelAdmin: the change form says who else has the item open.

    The context gets `others_editing` (others_present's list), `presence_text`,
    `presence_url` and `presence_interval_ms`; templates/admin/change_form.html shows
    them. Only the change view of an existing item, not the add or recover views.
    """

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(require_POST(self.presence_view)),
                name=f"{opts.app_label}_{opts.model_name}_presence",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # reversion's recover view shows a deleted item, restored only for the page.
        if obj is not None and not add and not context.get("recover"):
            mark_present(request.user, obj)
            others = others_present(request.user, obj)
            opts = self.model._meta
            context.update(
                others_editing=others,
                presence_text=presence_text(others),
                presence_url=reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_presence",
                    args=[quote(obj.pk)],
                ),
                presence_interval_ms=settings.ADMIN_PRESENCE_INTERVAL_MS,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def presence_view(self, request, object_id):
        """The heartbeat, POST only: "still open here"; the answer names the others."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not (self.has_change_permission(request, obj) or self.has_view_permission(request, obj)):
            raise PermissionDenied
        mark_present(request.user, obj)
        others = others_present(request.user, obj)
        return JsonResponse(
            {
                "others": [
                    {"name": other["name"], "since": other["since"].isoformat()} for other in others
                ],
                "text": presence_text(others),
            }
        )
