"""Write an agenda's booklet to a file, without a worker:

    manage.py export_agenda SLUG --lang en --edition public --paper a4 --out FILE.pdf

or as a Word document to edit (the paper sets its page size):

    manage.py export_agenda SLUG --format docx --out FILE.docx

The internal edition names the person it is exported for (--as USERNAME),
who must be allowed to see the agenda's restricted items.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from agendas.models import Agenda
from booklets.documents import agenda_docx
from booklets.models import Edition, Format, Paper
from booklets.rendering import Stamp, booklet_html
from booklets.services import may_export
from core.files import write_atomically
from core.pdf import render_pdf
from core.text import LANGUAGE_CODES


class Command(BaseCommand):
    help = "Write an agenda's printable booklet (PDF) or its Word document (DOCX) to a file."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--lang", choices=LANGUAGE_CODES, default=settings.LANGUAGE_CODE)
        parser.add_argument("--edition", choices=Edition.values, default=Edition.PUBLIC)
        parser.add_argument("--paper", choices=Paper.values, default=Paper.A4)
        parser.add_argument(
            "--format",
            dest="document_format",
            choices=Format.values,
            default=Format.PDF,
            help="pdf: the printable booklet; docx: a Word document to edit",
        )
        parser.add_argument("--out", required=True, help="the file to write")
        parser.add_argument(
            "--as",
            dest="username",
            help="who exports it (required for the internal edition, printed on every page)",
        )

    def handle(self, slug, lang, edition, paper, document_format, out, username, **options):
        agenda = Agenda.objects.select_related("neighbourhood__city").filter(slug=slug).first()
        if agenda is None:
            raise CommandError(f"No agenda has the slug {slug!r}.")
        user, stamp = AnonymousUser(), None
        if username:
            user = get_user_model().objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"No active account is called {username!r}.")
        if edition == Edition.INTERNAL:
            if not username:
                raise CommandError("The internal edition needs --as USERNAME.")
            stamp = Stamp(user.get_full_name() or user.get_username(), timezone.now())
        if not may_export(user, agenda, edition):
            raise CommandError(f"{username or 'A visitor'} may not export this edition.")
        options = {"edition": edition, "language": lang, "paper": paper, "stamp": stamp}
        if document_format == Format.DOCX:
            content = agenda_docx(agenda, user=user, **options)
        else:
            content = render_pdf(booklet_html(agenda, user=user, **options))
        write_atomically(Path(out), content)
        self.stdout.write(f"Wrote {out}")
