import warnings

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from PIL import Image


class AlliancePortalConfig(AppConfig):
    name = "alliance_portal"
    verbose_name = _("Alliances")

    def ready(self):
        from .publishing.page_cache import (
            derive_with_generation,
            forget_generation,
            invalidate_on_change,
        )
        from .uploads.checks import IMAGE_MAX_PIXELS

        # (Importing `checks` registers the deployment checks.)
        from .web import branding, checks  # noqa: F401

        # Public pages show these models: a change drops the cached pages.
        invalidate_on_change(
            *(m for m in self.get_models() if getattr(m, "shown_on_public_pages", True))
        )
        # Every page links the brand stylesheet by its version, made once per change.
        derive_with_generation("brand-css", branding.current_stylesheet_version)
        # A migration may rewrite content without signals.
        post_migrate.connect(forget_generation, dispatch_uid="page-cache:migrate")

        # Every image Pillow opens in this process (uploads, PDF logos) is held to
        # the upload limit, and a decompression bomb is an error, not a warning.
        Image.MAX_IMAGE_PIXELS = IMAGE_MAX_PIXELS
        warnings.simplefilter("error", Image.DecompressionBombWarning)
