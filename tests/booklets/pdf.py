"""What the tests of printed booklets share: the booklets of every demo
agenda in both languages and on both papers, a booklet rendered and read
back from its PDF as a reader's software would, and what it must say."""

import io
import re
from pathlib import Path

import yaml
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from pypdf import PdfReader

from agendas.models import Agenda, Issue
from booklets.rendering import booklet_html
from core.pdf import render_pdf
from core.text import localized
from demo.loader import DATA_FILE
from tests.helpers import squash

AGENDAS = ["lazaro-cardenas", "sanchez-taboada", "nuevo-almaguer", "national"]
LANGUAGES = ["es", "en"]
PAPER_POINTS = {"a4": (595.28, 841.89), "letter": (612, 792)}
EVERY_BOOKLET = [
    (slug, language, paper) for slug in AGENDAS for language in LANGUAGES for paper in PAPER_POINTS
]

CONTENTS = {"en": "Contents", "es": "Contenido"}
CHART_TITLE = {
    "en": "Combined result of the vote, by issue",
    "es": "Resultado combinado de la votación, por tema",
}
VOTE_RESULTS = {"en": "Vote results", "es": "Resultados de las votaciones"}
CONFIDENTIAL = {"en": "CONFIDENTIAL", "es": "CONFIDENCIAL"}
EXPORTED_BY = {"en": "Exported by {name} on", "es": "Exportado por {name} el"}
RESTRICTED_LABEL = {
    "en": "Restricted: not shown to the public",
    "es": "Restringido: no se muestra al público",
}
# The first characters of a text are enough to find it, and short enough
# that a page break cannot fall inside them (paragraphs keep 3 lines together).
PREFIX = 40


def restricted_titles():
    """The demo's restricted issue, as the seed file words it."""
    seed = yaml.safe_load(Path(DATA_FILE).read_text(encoding="utf-8"))
    agenda = next(item for item in seed["agendas"] if item["slug"] == "lazaro-cardenas")
    (issue,) = [item for item in agenda["issues"] if item["visibility"] == "restricted"]
    return issue["title"]


RESTRICTED_TITLE = restricted_titles()


class Booklet:
    def __init__(self, pdf):
        self.pdf = pdf
        self.reader = PdfReader(io.BytesIO(pdf))
        self.pages = [page.extract_text() for page in self.reader.pages]
        self.text = squash("\n".join(self.pages))
        self.folded = squash("\n".join(self.pages), fold=True)


def render(slug, *, language, paper, user=None, edition="public"):
    agenda = Agenda.objects.get(slug=slug)
    html = booklet_html(
        agenda, user=user or AnonymousUser(), edition=edition, language=language, paper=paper
    )
    return Booklet(render_pdf(html))


def shown(obj, field, language):
    """The field as the booklet shows it: in its language or the other."""
    with translation.override(language):
        return localized(obj, field).text


def public_issues(slug, kind):
    return Issue.objects.filter(agenda__slug=slug, kind=kind, visibility=Issue.Visibility.PUBLIC)


def fonts_of(reader):
    """{BaseFont name: embedded?} for every font the pages (and the drawings
    placed on them) use."""
    fonts, seen = {}, set()

    def visit(resources):
        if resources is None:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            parts = [font] + [part.get_object() for part in font.get("/DescendantFonts", [])]
            descriptors = [
                part["/FontDescriptor"].get_object() for part in parts if "/FontDescriptor" in part
            ]
            embedded = bool(descriptors) and all(
                any(key in d for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            fonts[str(font.get("/BaseFont"))] = embedded
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.idnum in seen:
                continue
            seen.add(xobject.idnum)
            visit(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return fonts


def family(base_font):
    """'/ABCDEF+Source-Sans-3-Bold' -> 'SourceSans3Bold'."""
    return re.sub(r"[^A-Za-z0-9]", "", base_font.split("+", 1)[-1])


def heading_pattern(title):
    # A heading fills whole lines, and may wrap onto a second one.
    return re.compile(r"(?m)^\s*" + r"\s+".join(map(re.escape, title.split())) + r"\s*$")


def toc_entries(booklet, language):
    """[(title, page number printed after it)] and the index of the TOC page."""
    index = next(
        i for i, text in enumerate(booklet.pages) if text.lstrip().startswith(CONTENTS[language])
    )
    lines = booklet.pages[index].lstrip().split("\n", 1)[1]
    entries = [
        (" ".join(title.split()), int(number))
        for title, number in re.findall(r"(?s)\s*(.+?)\s*\.{4,}\s*(\d+)(?=\n|$)", lines)
    ]
    return entries, index
