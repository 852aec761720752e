from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from alliance_portal.ops.backups import BackupError, counted, import_archive


class Command(BaseCommand):
    help = (
        "Restore an archive made by export_content into an empty, migrated database "
        "and media storage. Checks the format, the migrations and every checksum "
        "first; loads everything in one transaction or nothing at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive to restore (.zip).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, archive, database, **options):
        try:
            report = import_archive(archive, using=database)
        except BackupError as error:
            raise CommandError(error) from None
        for label, count in report.counts.items():
            if count:
                self.stdout.write(f"  {counted(apps.get_model(label), count)} ({label})")
        for name in report.missing_files:
            self.stderr.write(
                self.style.WARNING(
                    _("Was missing when the archive was made, so not restored: %(name)s")
                    % {"name": name}
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported %(rows)d rows and %(files)d files (%(present)d were stored already).")
                % {
                    "rows": sum(report.counts.values()),
                    "files": report.files_written,
                    "present": report.files_present,
                }
            )
        )
