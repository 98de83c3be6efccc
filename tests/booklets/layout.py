"""Every demo booklet rendered once, and its pages read back as lines of
text with their positions and fonts (pdfplumber), for the tests of its
layout and of its page images."""

import copy
import datetime
import io
import time
from dataclasses import dataclass, field
from unittest import mock

import pdfplumber
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from agendas.models import Agenda
from booklets.rendering import Stamp, booklet_html
from booklets.services import may_export
from core.pdf import render_pdf

from .pdf import AGENDAS, LANGUAGES, PAPER_POINTS

EDITIONS = ["public", "internal"]
EVERY_EDITION = [
    (slug, language, paper, edition)
    for slug in AGENDAS
    for language in LANGUAGES
    for paper in PAPER_POINTS
    for edition in EDITIONS
]
# The internal edition is exported by someone who may see every agenda's
# restricted items, at a fixed time: its stamp is the same at every render.
EXPORTER = "admin"
STAMP_TIME = datetime.datetime(2026, 3, 2, 10, 30, tzinfo=datetime.UTC)

MM = 72 / 25.4
# Running texts (title, page numbers, confidential mark, export stamp) sit
# in the page margins, nearer the edge than this; the text area starts below.
RUNNING = 17 * MM
HEADING_SIZE = 11.5  # pt: headings are bold and larger than the 10.5pt text
BULLETS = ("•", "◦", "▪")


@dataclass
class Line:
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    words: list[str] = field(default_factory=list)
    x1: float = 0.0  # where its last word ends

    @property
    def text(self):
        return " ".join(self.words)

    @property
    def heading(self):
        return self.bold and self.size >= HEADING_SIZE

    @property
    def bullet(self):
        return bool(self.words) and self.words[0] in BULLETS


@dataclass
class Page:
    number: int
    height: float
    lines: list[Line]  # the text area's lines, top to bottom
    running: list[Line]  # the margins' texts


@dataclass
class RenderedBooklet:
    key: tuple
    pdf: bytes
    pages: list[Page]
    seconds: float


# Every demo booklet, rendered once per test run: the layout and the page
# image tests read the same PDFs. {(slug, language, paper, edition): RenderedBooklet}
RENDERED: dict = {}


def rendered_booklets(django_db_blocker, keys=EVERY_EDITION):
    """The booklets of `keys`, each rendered once per run. The demo's dates
    (loaded today) and "now" are fixed while rendering, and put back after:
    a booklet is the same picture whichever day the tests run."""
    missing = [key for key in keys if key not in RENDERED]
    if missing:
        with django_db_blocker.unblock(), transaction.atomic():
            fix_dates()
            with (
                mock.patch("django.utils.timezone.now", return_value=STAMP_TIME),
                mock.patch("publication.facts.latest_version", published_at_stamp_time),
            ):
                for key in missing:
                    RENDERED[key] = render_edition(*key)
            transaction.set_rollback(True)
    return {key: RENDERED[key] for key in keys}


def fix_dates():
    Agenda.objects.update(updated_at=STAMP_TIME)


def published_at_stamp_time(agenda):
    """The agenda's latest version as if published at the stamp's time.
    Versions never change, in the database either (its triggers refuse it),
    and the demo's were published the day it was loaded: the copy read for
    the cover and the citation carries the fixed date instead."""
    version = agenda.versions.order_by("-number").first()
    if version is not None:
        version = copy.copy(version)
        version.published_at = STAMP_TIME
    return version


def render_edition(slug, language, paper, edition):
    agenda = Agenda.objects.get(slug=slug)
    if edition == "internal":
        user = get_user_model().objects.get(username=EXPORTER)
        assert may_export(user, agenda, edition), (EXPORTER, slug)
        stamp = Stamp(name=user.get_full_name() or user.username, when=STAMP_TIME)
    else:
        user, stamp = AnonymousUser(), None
    started = time.perf_counter()
    html = booklet_html(
        agenda, user=user, edition=edition, language=language, paper=paper, stamp=stamp
    )
    pdf = render_pdf(html)
    seconds = time.perf_counter() - started
    return RenderedBooklet((slug, language, paper, edition), pdf, read_pages(pdf), seconds)


def read_pages(pdf):
    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            lines = lines_of(page)
            inside = [line for line in lines if RUNNING < line.top < page.height - RUNNING]
            outside = [line for line in lines if line not in inside]
            pages.append(Page(number, page.height, inside, outside))
    return pages


def lines_of(page):
    words = page.extract_words(extra_attrs=["fontname", "size"])
    rows = []
    for word in sorted(words, key=lambda w: w["top"]):
        if rows and abs(rows[-1][0]["top"] - word["top"]) < 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        first = row[0]
        lines.append(
            Line(
                top=first["top"],
                bottom=max(w["bottom"] for w in row),
                x0=first["x0"],
                size=round(max(w["size"] for w in row), 1),
                bold=all("Bold" in w["fontname"] for w in row),
                words=[w["text"] for w in row],
                x1=max(w["x1"] for w in row),
            )
        )
    return lines
