from django.db import models
from django.utils.translation import gettext_lazy as _


def without_alert_field():
    """The "publish without alert" tick of an item subscribers are alerted about."""
    return models.BooleanField(
        _("publish without alert"),
        default=False,
        help_text=_(
            "Ticked, subscribers get no e-mail when the item becomes public. Decided "
            "once, at release: later changes send nothing either way."
        ),
    )
