"""Upkeep of stored images: missing renditions made, unknown sizes recorded.

For images stored before renditions existed, restored from a backup or history, or
loaded as demo content (`manage.py refresh_images`, `ops/backups.py`, `ops/demo.py`).
"""

from django.apps import apps

from ..publishing.page_cache import content_changed
from . import renditions
from .fields import PortalImageField


def refresh_all_images():
    """`refresh_stored_image` for every image of every model; how many were refreshed."""
    refreshed = 0
    for model in apps.get_models():
        fields = [f for f in model._meta.get_fields() if isinstance(f, PortalImageField)]
        for field in fields:
            for instance in model._base_manager.exclude(**{field.name: ""}).iterator():
                refreshed += refresh_stored_image(instance, field.name)
    return refreshed


def refresh_stored_image(instance, field_name):
    """Make a stored image's missing renditions and record its size if the row lacks it.

    For images stored before renditions existed (`manage.py refresh_images`, the
    demo content). True when anything was made or recorded.
    """
    field = instance._meta.get_field(field_name)
    current = getattr(instance, field.attname)
    if not current or not current.storage.exists(current.name):
        return False
    made = renditions.ensure_renditions(current, getattr(instance, field.width_field))
    rows = type(instance)._base_manager.filter(pk=instance.pk)
    recorded = rows.values_list(field.width_field, field.height_field).get()
    if None not in recorded:
        return bool(made)
    field.update_dimension_fields(instance, force=True)
    rows.update(
        **{name: getattr(instance, name) for name in (field.width_field, field.height_field)}
    )
    # update() sends no signals: tell the page cache itself.
    content_changed()
    return True
