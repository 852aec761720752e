from django.apps import apps
from django.core.management.base import BaseCommand

from alliance_portal.uploads.fields import PortalImageField, refresh_stored_image


class Command(BaseCommand):
    help = (
        "Make the missing renditions of every stored image and record image sizes "
        "missing from their rows: once after upgrading a portal whose images were "
        "stored before renditions existed, or after restoring media files. Safe to "
        "run again: it only makes what is missing."
    )

    def handle(self, *args, **options):
        refreshed = 0
        for model in apps.get_models():
            fields = [f for f in model._meta.get_fields() if isinstance(f, PortalImageField)]
            for field in fields:
                for instance in model._base_manager.exclude(**{field.name: ""}).iterator():
                    refreshed += refresh_stored_image(instance, field.name)
        self.stdout.write(self.style.SUCCESS(f"{refreshed} images refreshed."))
