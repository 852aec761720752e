from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = _("Press statements")

    def ready(self):
        from alliance_portal.publishing.page_cache import invalidate_on_change

        # Public pages show these models: a change drops the cached pages.
        invalidate_on_change(*self.get_models())
