from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError, RestrictedError

from alliance_portal.ops.load_data import (
    DEFAULT_SEED,
    LoadDataExists,
    generate_load_data,
    planned_counts,
)


class Command(BaseCommand):
    help = (
        "Generate made-up load data for performance work: 500 alliances, 20,000 "
        "organisations, 60,000 memberships, 100,000 press statements with 300,000 quotes "
        "and 50,000 news items in German and English, times --scale. The same scale and "
        "seed give the same content. Refuses if load data exists, unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiply every count by this (at least one of each). Default: 1.",
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"Default: {DEFAULT_SEED}."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the load data of an earlier run first.",
        )

    def handle(self, *args, scale, seed, replace, verbosity, **options):
        try:
            planned_counts(scale)
        except ValueError as error:
            raise CommandError(error) from error
        progress = (lambda line: self.stdout.write(f"  {line}")) if verbosity > 1 else None
        try:
            report = generate_load_data(scale=scale, seed=seed, replace=replace, progress=progress)
        except LoadDataExists as error:
            raise CommandError(error) from error
        except (ProtectedError, RestrictedError) as error:
            raise CommandError(
                f"The earlier load data cannot be deleted, nothing was changed: {error.args[0]}"
            ) from error
        if report.deleted:
            deleted = sum(report.deleted.values())
            self.stdout.write(f"Deleted the earlier load data: {deleted:,} rows.")
        for label, count in report.counts.items():
            self.stdout.write(f"  {label:<42} {count:>9,}")
        self.stdout.write(
            f"Largest alliance: {report.largest_alliance} ({report.largest_members:,} "
            f"memberships, {report.largest_statements:,} press statements)"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Load data generated in {report.seconds:.1f} s (scale {scale:g}, seed {seed})."
            )
        )
