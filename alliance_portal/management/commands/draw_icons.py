from pathlib import Path

from django.core.management.base import BaseCommand

from alliance_portal.ops.icons import write_icon
from alliance_portal.web.icons import ICONS

STATIC_DIR = Path(__file__).resolve().parent.parent.parent / "static"


class Command(BaseCommand):
    help = (
        "Draw the Apple touch icon and the manifest's icons from img/favicon.svg's "
        "design into alliance_portal/static/img/ (committed; run again after changing "
        "the design)."
    )

    def handle(self, *args, **options):
        for icon in ICONS:
            path = STATIC_DIR / icon.path
            write_icon(path, icon.size, icon.shape)
            self.stdout.write(f"{path.relative_to(STATIC_DIR.parent.parent)}: {icon.sizes}")
