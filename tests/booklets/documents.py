"""What the tests of Word documents share: a document made or downloaded,
read back with python-docx as a word processor would open it."""

import html
import io
import re
from dataclasses import dataclass

import docx
from django.contrib.auth.models import AnonymousUser

from agendas.models import Agenda
from booklets.documents import agenda_docx
from booklets.models import CONTENT_TYPES, Format

DOCX_TYPE = CONTENT_TYPES[Format.DOCX]
# The page's width and height in millimetres, as the PDF's @page sizes.
PAPER_MM = {"a4": (210, 297), "letter": (215.9, 279.4)}
CONFIDENTIAL = {"en": "CONFIDENTIAL", "es": "CONFIDENCIAL"}
EXPORTED_BY = {"en": "Exported by {name} on", "es": "Exportado por {name} el"}


def words(text: str) -> str:
    """Text with its whitespace made single spaces: a paragraph's runs and
    breaks are not what is compared."""
    return " ".join(text.split())


@dataclass
class WordDocument:
    document: object  # docx.Document

    @classmethod
    def read(cls, content: bytes) -> "WordDocument":
        return cls(docx.Document(io.BytesIO(content)))

    @property
    def paragraphs(self):
        return self.document.paragraphs

    @property
    def body(self) -> str:
        """The text of the body: its paragraphs and its tables' cells."""
        parts = [paragraph.text for paragraph in self.paragraphs]
        for table in self.document.tables:
            parts += [cell.text for row in table.rows for cell in row.cells]
        return words("\n".join(parts))

    @property
    def folded(self) -> str:
        return self.body.casefold()

    def headings(self) -> list[tuple[str, str]]:
        """(style, text) of each heading, in the document's order."""
        return [
            (paragraph.style.name, words(paragraph.text))
            for paragraph in self.paragraphs
            if paragraph.style.name.startswith("Heading")
        ]

    def headers(self) -> list[str]:
        return [
            words(" ".join(p.text for p in section.header.paragraphs))
            for section in self.document.sections
        ]

    def footers(self) -> list[str]:
        return [
            words(" ".join(p.text for p in section.footer.paragraphs))
            for section in self.document.sections
        ]


def make(slug, *, language, paper="a4", user=None, edition="public", stamp=None):
    agenda = Agenda.objects.select_related("neighbourhood__city").get(slug=slug)
    content = agenda_docx(
        agenda,
        user=user or AnonymousUser(),
        edition=edition,
        language=language,
        paper=paper,
        stamp=stamp,
    )
    return WordDocument.read(content)


def booklet_headings(markup: str) -> list[str]:
    """The headings of a booklet's HTML after its cover and contents, in order."""
    body = markup[markup.index("</nav>") :]
    found = re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", body, flags=re.S)
    return [words(html.unescape(re.sub(r"<[^>]+>", "", text))) for _level, text in found]
