"""manage.py clean_up [--dry-run] [--only KIND ...]: remove what the site no
longer needs (operations.cleanup says what, and what it keeps)."""

from django.core.management.base import BaseCommand

from core.cleanup import kinds
from operations.cleanup import clean_up


class Command(BaseCommand):
    help = (
        "Remove old booklets and export jobs, sheets of participant codes past "
        "CODE_SHEET_KEEP_HOURS, expired sessions, withdrawn or expired participant codes "
        "no one used, spent staff invitations and files of old test runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say what would be removed."
        )
        parser.add_argument(
            "--only",
            action="append",
            choices=list(kinds()),
            metavar="KIND",
            help=f"Only this kind of clean-up (may be repeated): {', '.join(kinds())}.",
        )

    def handle(self, *args, dry_run, only, verbosity, **options):
        verb = "Would remove" if dry_run else "Removed"
        for removal in clean_up(only, dry_run=dry_run):
            if verbosity >= 2:
                for item in removal.items:
                    self.stdout.write(f"  {verb.lower()} {item}")
            counts = ", ".join(f"{what}: {number}" for what, number in removal.counts.items())
            self.stdout.write(f"{removal.kind} — {verb.lower()} {counts}.")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
