import warnings

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from PIL import Image


class AlliancePortalConfig(AppConfig):
    name = "alliance_portal"
    verbose_name = _("Alliances")

    def ready(self):
        from .uploads.checks import IMAGE_MAX_PIXELS

        # Every image Pillow opens in this process (uploads, PDF logos) is held to
        # the upload limit, and a decompression bomb is an error, not a warning.
        Image.MAX_IMAGE_PIXELS = IMAGE_MAX_PIXELS
        warnings.simplefilter("error", Image.DecompressionBombWarning)
