"""The legal pages in the admin: German and English tabs, history and undo.

Registered by the alliance app's admin. Editors and Publishers both edit them
(migration 0014); a save is live at once, as a legal page has no draft.
"""

from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from ..publishing.admin import HistoryAdmin


class LegalPageAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "kind", "last_reviewed", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title_de", "title_en", "body_de", "body_en"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ("kind", "title", "body", ("last_reviewed", "updated_at"))}),
        (
            _("Contact"),
            {
                "fields": ("contact_email", "postal_address"),
                "description": _(
                    "The imprint's contact and address appear in every page's footer; "
                    "the accessibility statement's in its box for reporting barriers."
                ),
            },
        ),
    ]
