"""The alert part of an alerted item's admin page: the "without alert" tick, and
what happened to the alert once the item was released."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .models import Delivery, Release


class AlertedItemAdmin:
    """Mixed into a PublishableAdmin whose items subscribers are alerted about."""

    alert_fields = ("without_alert", "alert_status")

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if "status" in fields:
            # Whoever may not publish may not decide the alert either.
            fields += ("without_alert",)
        return (*fields, "alert_status")

    @admin.display(description=_("e-mail alert"))
    def alert_status(self, obj):
        if obj is None or obj.pk is None:
            return gettext("Sent to subscribers when the item becomes public.")
        release = Release.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).first()
        if release is None:
            if obj.without_alert:
                return gettext("None will be sent.")
            return gettext("Sent to subscribers when the item becomes public.")
        when = date_format(localtime(release.released_at), "DATETIME_FORMAT")
        if release.state == Release.State.WITHOUT_ALERT:
            return gettext("Released %(when)s without alert.") % {"when": when}
        sent = release.deliveries.filter(state=Delivery.State.SENT).count()
        return ngettext(
            "Released %(when)s: sent to %(sent)d of %(count)d subscriber.",
            "Released %(when)s: sent to %(sent)d of %(count)d subscribers.",
            release.recipients,
        ) % {"when": when, "sent": sent, "count": release.recipients}
