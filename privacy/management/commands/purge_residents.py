"""manage.py purge_residents [--dry-run] [--days N]: delete the residents of
neighbourhoods whose cycle closed more than RESIDENT_RETENTION_DAYS ago
(privacy.retention says what a closed cycle is)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from privacy.retention import purge_residents


class Command(BaseCommand):
    help = (
        "Delete residents of neighbourhoods whose cycle (their agenda published) closed "
        "more than RESIDENT_RETENTION_DAYS days ago. Ballots stay, anonymous and counted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only print who would be deleted."
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Days after the cycle closed (default RESIDENT_RETENTION_DAYS, now "
            f"{settings.RESIDENT_RETENTION_DAYS}).",
        )

    def handle(self, *args, dry_run, days, **options):
        if days is not None and days < 0:
            raise CommandError("--days cannot be negative.")
        expired = purge_residents(days=days, dry_run=dry_run)
        for item in expired:
            places = ", ".join(
                f"{place} (cycle closed {closed:%Y-%m-%d})" for place, closed in item.neighbourhoods
            )
            self.stdout.write(f"{item.resident.get_username()}: {places}")
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {len(expired)} resident(s).")
