from pathlib import Path

from django.core.management.base import BaseCommand

from alliance_portal.web.share_images import default_card, render

TARGET = Path(__file__).resolve().parents[2] / "static" / "img" / "share-default.png"


class Command(BaseCommand):
    help = (
        "Draw the portal's own sharing image (1200 × 630 PNG) into "
        "alliance_portal/static/img/share-default.png, the link preview of pages without "
        "one of their own. The file is committed; run this after changing the drawing "
        "(alliance_portal/web/share_images.py) and commit the result."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=TARGET, help="Where to write it.")

    def handle(self, *args, output, **options):
        output.write_bytes(render(default_card()))
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
