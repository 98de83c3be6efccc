"""Print a batch of participant codes for a neighbourhood:

    manage.py issue_codes SLUG --count N --out FILE.pdf [--days D] [--label TEXT]
        [--paper letter|a4]

The codes exist only in the PDF written: the database keeps their hashes.
"""

from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from booklets.models import Paper
from communities.models import Neighbourhood
from core.files import write_atomically
from residents.services import MAX_BATCH, issue_batch
from residents.slips import slips_pdf


class Command(BaseCommand):
    help = "Make a batch of one-time participant codes and write their slips to a PDF."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the neighbourhood's slug")
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--out", required=True, help="the PDF file to write")
        parser.add_argument("--days", type=int, help="days the codes stay valid (default: no end)")
        parser.add_argument("--label", default="")
        parser.add_argument("--site", help="the site's address printed on the slips")
        parser.add_argument("--paper", choices=Paper.values, default=Paper.LETTER)

    def handle(self, slug, count, out, days, label, site, paper, **options):
        place = Neighbourhood.objects.filter(slug=slug).first()
        if place is None:
            raise CommandError(f"No neighbourhood has the slug {slug!r}.")
        if not 1 <= count <= MAX_BATCH:
            raise CommandError(f"--count must be between 1 and {MAX_BATCH}.")
        if days is not None and days < 1:
            raise CommandError("--days must be 1 or more.")
        expires = timezone.now() + timedelta(days=days) if days else None
        # If the sheet cannot be written, no batch is kept: its codes would be lost.
        with transaction.atomic():
            issued = issue_batch(place, count, expires_at=expires, label=label)
            write_atomically(Path(out), slips_pdf(issued, site_url=site, paper=paper))
        self.stdout.write(f"Wrote {count} codes to {out} (batch {issued.batch.pk}).")
