from django.core.management.base import BaseCommand

from alliance_portal.alerts.sending import sweep as alert_sweep
from alliance_portal.mailing import worker


class Command(BaseCommand):
    help = (
        "Run queued tasks (mail, e-mail alerts) and send alerts for releases as their "
        "time comes. In the database by default; on RQ when REDIS_URL is set."
    )

    def handle(self, *args, **options):
        backend = "RQ" if worker.uses_rq() else "database"
        self.stdout.write(f"Worker running ({backend} queue). Stop it with Ctrl+C.")
        worker.run([alert_sweep], stdout=self.stdout)
