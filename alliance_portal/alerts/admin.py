"""The back office for e-mail alerts: subscribers (look, export, erase; never added
by hand, as consent must come from the person) and the alerts sent."""

import json

from django.contrib import admin
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Consent, Delivery, Subscriber


class ConsentInline(admin.TabularInline):
    model = Consent
    fields = ("confirmed_at", "requested_at", "language", "choices", "wording")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TopicFilter(admin.SimpleListFilter):
    title = _("follows")
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        return [("press_statements", _("press statements")), ("news", _("news"))]

    def queryset(self, request, queryset):
        if self.value() in ("press_statements", "news"):
            return queryset.filter(**{self.value(): True})
        return queryset


class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "language", "topics", "alliance_count", "confirmed_at")
    list_filter = ("language", TopicFilter, "all_alliances", "confirmed_at")
    search_fields = ("email",)
    date_hierarchy = "confirmed_at"
    fields = (
        "email",
        "language",
        "press_statements",
        "news",
        "all_alliances",
        "alliances",
        "confirmed_at",
        "updated_at",
        "data_links",
    )
    readonly_fields = fields
    inlines = [ConsentInline]
    actions = ["export_data"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(alliance_total=Count("alliances"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Looking only: choices are the subscriber's to change (manage link).
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            function, name, _description = actions["delete_selected"]
            actions["delete_selected"] = (
                function,
                name,
                _("Erase the selected subscribers' data (Art. 17 GDPR)"),
            )
        return actions

    @admin.display(description=_("follows"))
    def topics(self, obj):
        names = []
        if obj.press_statements:
            names.append(gettext("press statements"))
        if obj.news:
            names.append(gettext("news"))
        return ", ".join(names)

    @admin.display(description=_("alliances"), ordering="alliance_total")
    def alliance_count(self, obj):
        if obj.all_alliances:
            return gettext("all")
        return obj.alliance_total

    @admin.display(description=_("data (GDPR)"))
    def data_links(self, obj):
        if obj is None or obj.pk is None:
            return ""
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:alliance_portal_subscriber_export", args=[obj.pk]),
            gettext("Export data (JSON, Art. 15 GDPR)"),
            reverse("admin:alliance_portal_subscriber_delete", args=[obj.pk]),
            gettext("Erase (Art. 17 GDPR)"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/export/",
                self.admin_site.admin_view(self.export_view),
                name="alliance_portal_subscriber_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, pk):
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        subscriber = get_object_or_404(Subscriber, pk=pk)
        return self.json_download([subscriber])

    @admin.action(description=_("Export the selected subscribers' data (JSON, Art. 15 GDPR)"))
    def export_data(self, request, queryset):
        return self.json_download(list(queryset.prefetch_related("alliances")))

    def json_download(self, subscribers):
        data = [services.export(subscriber) for subscriber in subscribers]
        body = json.dumps(data[0] if len(data) == 1 else data, cls=DjangoJSONEncoder, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        name = f"subscriber-{subscribers[0].pk}" if len(data) == 1 else "subscribers"
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        response["Cache-Control"] = "no-store"
        return response

    # Erasing: the subscriber, their consents and the log entries naming them go;
    # the log keeps that someone was erased, not who.

    def delete_model(self, request, obj):
        services.erase([obj])

    def delete_queryset(self, request, queryset):
        services.erase(list(queryset))

    def log_deletions(self, request, queryset):
        content_type = ContentType.objects.get_for_model(Subscriber)
        LogEntry.objects.bulk_create(
            LogEntry(
                user_id=request.user.pk,
                content_type=content_type,
                object_id=str(obj.pk),
                object_repr=gettext("erased subscriber #%(pk)s") % {"pk": obj.pk},
                action_flag=DELETION,
            )
            for obj in queryset
        )

    def response_delete(self, request, obj_display, obj_id):
        # Django's message would name the address.
        obj_display = gettext("erased subscriber #%(pk)s") % {"pk": obj_id}
        return super().response_delete(request, obj_display, obj_id)


class ReleaseAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "released_at", "state", "recipients", "sent", "failed")
    list_filter = ("state", "content_type")
    search_fields = ("title",)
    date_hierarchy = "released_at"
    fields = ("title", "content_type", "object_id", "released_at", "state", "recipients")
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("content_type")
            .annotate(
                sent_count=Count("deliveries", filter=Q(deliveries__state=Delivery.State.SENT)),
                failed_count=Count("deliveries", filter=Q(deliveries__state=Delivery.State.FAILED)),
            )
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("kind"), ordering="content_type")
    def kind(self, obj):
        model = obj.content_type.model_class()
        return model._meta.verbose_name if model else obj.content_type.model

    @admin.display(description=_("sent"), ordering="sent_count")
    def sent(self, obj):
        return obj.sent_count

    @admin.display(description=_("failed"), ordering="failed_count")
    def failed(self, obj):
        return obj.failed_count
