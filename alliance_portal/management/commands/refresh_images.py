from django.core.management.base import BaseCommand

from alliance_portal.uploads.maintenance import refresh_all_images


class Command(BaseCommand):
    help = (
        "Make the missing renditions of every stored image and record image sizes "
        "missing from their rows: once after upgrading a portal whose images were "
        "stored before renditions existed, or after restoring media files. Safe to "
        "run again: it only makes what is missing."
    )

    def handle(self, *args, **options):
        refreshed = refresh_all_images()
        self.stdout.write(self.style.SUCCESS(f"{refreshed} images refreshed."))
