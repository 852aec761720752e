from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from alliance_portal.ops.backups import BackupError, export_archive


class Command(BaseCommand):
    help = (
        "Write the whole content into one ZIP archive: the data of every app (users "
        "and groups included) and every uploaded file it refers to, with a manifest "
        "of counts and checksums. Restore it with import_content."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive to create (.zip).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive, database, **options):
        try:
            manifest = export_archive(archive, using=database)
        except BackupError as error:
            raise CommandError(error) from None
        rows = sum(manifest["counts"].values())
        size = sum(entry["size"] for entry in manifest["files"])
        for name in manifest["missing_files"]:
            self.stderr.write(
                self.style.WARNING(
                    _("Missing from the media storage, so not in the archive: %(name)s")
                    % {"name": name}
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Exported %(rows)d rows and %(files)d files (%(size)s) to %(archive)s.")
                % {
                    "rows": rows,
                    "files": len(manifest["files"]),
                    "size": f"{size / 1_000_000:.1f} MB",
                    "archive": archive,
                }
            )
        )
