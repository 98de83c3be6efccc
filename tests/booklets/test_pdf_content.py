"""What a printed booklet says, read back from the PDF itself: every demo
agenda, in both languages and on both papers.

A booklet is taken to meetings where people check that their issues and
proposals are in it, so the text is compared with what the agenda holds,
read out of the PDF as a reader's software would.
"""

import io
import re
from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.utils import translation
from pypdf import PdfReader

from agendas.models import Agenda, Issue, Section
from booklets.rendering import booklet_html
from core.pdf import render_pdf
from core.text import localized
from demo.loader import DATA_FILE
from proposals.models import Proposal
from tallies.models import PaperTally, TallyCount
from tests.helpers import squash
from workshops.models import Workshop

from ..pages.helpers import plain

pytestmark = pytest.mark.django_db

AGENDAS = ["lazaro-cardenas", "sanchez-taboada", "nuevo-almaguer", "national"]
LANGUAGES = ["es", "en"]
PAPER_POINTS = {"a4": (595.28, 841.89), "letter": (612, 792)}
EVERY_BOOKLET = [
    (slug, language, paper) for slug in AGENDAS for language in LANGUAGES for paper in PAPER_POINTS
]

CONTENTS = {"en": "Contents", "es": "Contenido"}
CHART_TITLE = {
    "en": "Dots each issue received in the workshop votes",
    "es": "Puntos que recibió cada tema en las votaciones de los talleres",
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


@pytest.fixture(scope="module")
def public_booklet():
    """Each public booklet is rendered once for the whole file: the tests
    only read it, and the demo data does not change between them."""
    rendered = {}

    def get(slug, language, paper):
        key = (slug, language, paper)
        if key not in rendered:
            rendered[key] = render(slug, language=language, paper=paper)
        return rendered[key]

    return get


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


# --- the agenda's own text ------------------------------------------------------------


@pytest.mark.parametrize(("slug", "language", "paper"), EVERY_BOOKLET)
def test_public_booklet_holds_every_public_issue_and_every_proposal(
    public_booklet, slug, language, paper
):
    booklet = public_booklet(slug, language, paper)
    prioritised = public_issues(slug, Issue.Kind.PRIORITISED)
    silenced = public_issues(slug, Issue.Kind.SILENCED)
    proposals = Proposal.objects.filter(agenda__slug=slug)
    if slug != "national":
        # Every local demo agenda has both: an empty list would test nothing.
        assert prioritised and proposals
    if slug in ("lazaro-cardenas", "sanchez-taboada"):
        assert silenced

    for issue in prioritised:
        assert squash(shown(issue, "title", language)) in booklet.text, issue.title_en
    for issue in silenced:
        # Printed in capitals by the booklet's style sheet.
        assert squash(shown(issue, "title", language), fold=True) in booklet.folded, issue.title_en
    for proposal in proposals:
        first_paragraph = plain(shown(proposal, "text", language))[0]
        assert squash(first_paragraph)[:PREFIX] in booklet.text, proposal.text_en


def test_national_booklet_has_its_principles_and_requirements(public_booklet):
    sections = Section.objects.filter(
        agenda__slug="national", kind__in=[Section.Kind.PRINCIPLES, Section.Kind.REQUIREMENTS]
    )
    assert {section.kind for section in sections} == {"principles", "requirements"}
    for language in LANGUAGES:
        headings = [
            shown(s, "heading", language) for s in sections if shown(s, "heading", language)
        ]
        assert headings
        for paper in PAPER_POINTS:
            booklet = public_booklet("national", language, paper)
            for heading in headings:
                assert any(heading_pattern(heading).search(page) for page in booklet.pages)
            for section in sections:
                for item in plain(shown(section, "body", language)):
                    assert squash(item)[:PREFIX] in booklet.text, item


# --- what is left out of the public edition, and what the internal one adds ----------


@pytest.mark.parametrize(("slug", "language", "paper"), EVERY_BOOKLET)
def test_public_booklet_leaves_out_the_restricted_issue(public_booklet, slug, language, paper):
    booklet = public_booklet(slug, language, paper)
    for title in RESTRICTED_TITLE.values():
        assert squash(title, fold=True) not in booklet.folded
    assert squash(RESTRICTED_LABEL[language]) not in booklet.text
    assert CONFIDENTIAL[language] not in booklet.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_edition_leaves_out_the_restricted_issue_even_for_its_facilitator(
    demo_users, language
):
    # The facilitator sees the restricted issue on the site; a public
    # booklet they hand out must still not carry it.
    booklet = render(
        "lazaro-cardenas", language=language, paper="a4", user=demo_users["facilitator"]
    )
    assert squash(RESTRICTED_TITLE[language], fold=True) not in booklet.folded
    assert squash(RESTRICTED_LABEL[language]) not in booklet.text
    assert CONFIDENTIAL[language] not in booklet.text


def test_public_edition_from_the_command_leaves_out_the_restricted_issue(tmp_path):
    out = tmp_path / "public.pdf"
    call_command(
        "export_agenda",
        "lazaro-cardenas",
        "--lang",
        "en",
        "--edition",
        "public",
        "--as",
        "facilitator-lazaro-cardenas",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    booklet = Booklet(out.read_bytes())
    assert squash(RESTRICTED_TITLE["en"], fold=True) not in booklet.folded
    assert CONFIDENTIAL["en"] not in booklet.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_internal_edition_holds_the_restricted_issue_and_is_marked_on_every_page(
    make_person, tmp_path, language
):
    make_person(
        "ana-perez",
        role="facilitator",
        neighbourhood="lazaro-cardenas",
        first_name="Ana",
        last_name="Pérez Núñez",
    )
    out = tmp_path / "internal.pdf"
    call_command(
        "export_agenda",
        "lazaro-cardenas",
        "--lang",
        language,
        "--edition",
        "internal",
        "--paper",
        "letter",
        "--as",
        "ana-perez",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    booklet = Booklet(out.read_bytes())

    assert squash(RESTRICTED_TITLE[language], fold=True) in booklet.folded
    assert squash(RESTRICTED_LABEL[language]) in booklet.text
    for issue in public_issues("lazaro-cardenas", Issue.Kind.PRIORITISED):
        assert squash(shown(issue, "title", language)) in booklet.text
    # A page that goes astray must still say what it is and whose copy it was.
    assert len(booklet.pages) > 2
    exported_by = squash(EXPORTED_BY[language].format(name="Ana Pérez Núñez"))
    for number, text in enumerate(booklet.pages, start=1):
        assert CONFIDENTIAL[language] in text, f"page {number}"
        assert re.search(re.escape(exported_by) + r"\d{4}-\d{2}-\d{2}\d{2}:\d{2}", squash(text)), (
            f"page {number}"
        )


# --- paper, fonts, table of contents --------------------------------------------------


@pytest.mark.parametrize(("slug", "language", "paper"), EVERY_BOOKLET)
def test_every_page_has_the_chosen_paper_size(public_booklet, slug, language, paper):
    booklet = public_booklet(slug, language, paper)
    width, height = PAPER_POINTS[paper]
    for page in booklet.reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=1)
        assert float(page.mediabox.height) == pytest.approx(height, abs=1)


@pytest.mark.parametrize(("slug", "language", "paper"), EVERY_BOOKLET)
def test_fonts_are_embedded_and_the_text_is_in_source_sans(public_booklet, slug, language, paper):
    fonts = fonts_of(public_booklet(slug, language, paper).reader)
    assert fonts
    # Printed anywhere, the booklet looks the same: no font is left to the printer.
    assert all(fonts.values()), fonts
    # No character fell back to another font on the machine that rendered it.
    assert all("SourceSans3" in family(name) for name in fonts), fonts
    assert any("Bold" not in family(name) for name in fonts), fonts


@pytest.mark.parametrize(("slug", "language", "paper"), EVERY_BOOKLET)
def test_table_of_contents_points_to_the_right_pages(public_booklet, slug, language, paper):
    booklet = public_booklet(slug, language, paper)
    entries, toc_index = toc_entries(booklet, language)
    assert len(entries) >= 2, booklet.pages[toc_index]
    for title, number in entries:
        pattern = heading_pattern(title)
        found = next(
            i + 1
            for i in range(toc_index + 1, len(booklet.pages))
            if pattern.search(booklet.pages[i])
        )
        assert number == found, title


# --- the vote chart -------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "language", "paper"), EVERY_BOOKLET)
def test_no_vote_chart_without_a_paper_tally(public_booklet, slug, language, paper):
    assert not PaperTally.objects.filter(agenda__slug=slug).exists()
    booklet = public_booklet(slug, language, paper)
    assert squash(CHART_TITLE[language]) not in booklet.text
    assert squash(VOTE_RESULTS[language]) not in booklet.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_vote_chart_appears_once_a_workshop_voted_on_paper(language):
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    workshop = Workshop.objects.filter(neighbourhood=agenda.neighbourhood).first()
    tally = PaperTally.objects.create(workshop=workshop, agenda=agenda, voters=17)
    first, second = public_issues(agenda.slug, Issue.Kind.PRIORITISED)[:2]
    restricted = Issue.objects.get(agenda=agenda, visibility=Issue.Visibility.RESTRICTED)
    for issue, dots in [(first, 9), (second, 4), (restricted, 12)]:
        TallyCount.objects.create(tally=tally, issue=issue, dots=dots)

    booklet = render(agenda.slug, language=language, paper="a4")

    assert squash(CHART_TITLE[language]) in booklet.text
    entries, _toc = toc_entries(booklet, language)
    assert VOTE_RESULTS[language] in [title for title, _page in entries]
    voted = {"en": "17 people voted on paper", "es": "17 personas votaron en papel"}
    assert squash(voted[language]) in booklet.text
    # The chart of a public booklet does not give away the restricted issue either.
    assert squash(RESTRICTED_TITLE[language], fold=True) not in booklet.folded
    assert all(fonts_of(booklet.reader).values())
    assert all("SourceSans3" in family(name) for name in fonts_of(booklet.reader))


# --- the command line -----------------------------------------------------------------


def test_export_command_writes_a_readable_pdf(tmp_path):
    out = tmp_path / "national.pdf"
    stdout = io.StringIO()
    call_command(
        "export_agenda",
        "national",
        "--lang",
        "en",
        "--paper",
        "letter",
        "--out",
        str(out),
        stdout=stdout,
    )
    assert f"Wrote {out}" in stdout.getvalue()
    assert out.read_bytes().startswith(b"%PDF-")
    booklet = Booklet(out.read_bytes())
    assert "National Human Security Agenda" in booklet.pages[0]
    assert float(booklet.reader.pages[0].mediabox.width) == pytest.approx(612, abs=1)
    # Written whole: nothing half-made is left beside it.
    assert [path.name for path in tmp_path.iterdir()] == ["national.pdf"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nowhere"], "No agenda has the slug 'nowhere'."),
        (["lazaro-cardenas", "--as", "nobody"], "No active account is called 'nobody'."),
        (["lazaro-cardenas", "--edition", "internal"], "The internal edition needs --as USERNAME."),
        (
            ["lazaro-cardenas", "--edition", "internal", "--as", "resident-lazaro-cardenas"],
            "resident-lazaro-cardenas may not export this edition.",
        ),
        (
            ["lazaro-cardenas", "--edition", "internal", "--as", "facilitator-sanchez-taboada"],
            "facilitator-sanchez-taboada may not export this edition.",
        ),
    ],
    ids=[
        "unknown-agenda",
        "unknown-account",
        "internal-without-as",
        "resident",
        "other-facilitator",
    ],
)
def test_export_command_refuses_and_writes_nothing(tmp_path, arguments, message):
    out = tmp_path / "booklet.pdf"
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("export_agenda", *arguments, "--out", str(out), stdout=io.StringIO())
    assert list(tmp_path.iterdir()) == []


def test_export_command_refuses_an_inactive_account(tmp_path):
    # A facilitator who left the project can no longer take the internal edition.
    get_user_model().objects.filter(username="facilitator-lazaro-cardenas").update(is_active=False)
    out = tmp_path / "booklet.pdf"
    with pytest.raises(CommandError, match="No active account"):
        call_command(
            "export_agenda",
            "lazaro-cardenas",
            "--edition",
            "internal",
            "--as",
            "facilitator-lazaro-cardenas",
            "--out",
            str(out),
            stdout=io.StringIO(),
        )
    assert list(tmp_path.iterdir()) == []
