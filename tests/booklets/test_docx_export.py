"""The agenda as a Word document, read back as a word processor opens it:
what each edition holds and leaves out, its marks on every page, its
headings in the booklet's order and Word's own styles, its language, and
the command line that writes it. Asking for it on the site:
test_docx_jobs.py."""

import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.utils import timezone

from agendas.models import Agenda, Issue, Section
from booklets.rendering import Stamp, booklet_html
from tallies.models import PaperTally, TallyCount
from workshops.models import Workshop

from .documents import (
    CONFIDENTIAL,
    EXPORTED_BY,
    PAPER_MM,
    WordDocument,
    booklet_headings,
    make,
    words,
)
from .pdf import AGENDAS, LANGUAGES, RESTRICTED_LABEL, RESTRICTED_TITLE, public_issues, shown

pytestmark = pytest.mark.django_db

SLUG = "lazaro-cardenas"
CONFIDENTIAL_MARK = {
    "en": "Confidential: includes restricted issues.",
    "es": "Confidencial: incluye temas restringidos.",
}


def workshop_places(slug):
    """Where the agenda's workshops met, in both languages: the team's to know."""
    workshops = Workshop.objects.filter(neighbourhood__agendas__slug=slug)
    places = [place for w in workshops for place in (w.place_es, w.place_en) if place]
    assert places  # the demo's workshops say where they met: an empty list would test nothing
    return places


# --- what each edition holds ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_document_leaves_out_the_restricted_issue_and_the_workshops_place(
    demo_users, language
):
    # Made for the agenda's facilitator, who sees both on the site: a public
    # document they hand out must still carry neither.
    document = make(SLUG, language=language, user=demo_users["facilitator"])

    for issue in public_issues(SLUG, Issue.Kind.PRIORITISED):
        assert words(shown(issue, "title", language)) in document.body
    for title in RESTRICTED_TITLE.values():
        assert title.casefold() not in document.folded
    assert RESTRICTED_LABEL[language] not in document.body
    for place in workshop_places(SLUG):
        assert place.casefold() not in document.folded
    assert not any(CONFIDENTIAL[language].casefold() in h.casefold() for h in document.headers())
    assert CONFIDENTIAL_MARK[language] not in document.body


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", AGENDAS)
def test_no_public_document_names_the_restricted_issue(demo_users, slug, language):
    # A researcher sees every restricted item of every agenda, the national
    # agenda's evidence included; their public documents carry none.
    document = make(slug, language=language, user=demo_users["researcher"])
    for title in RESTRICTED_TITLE.values():
        assert title.casefold() not in document.folded
    assert RESTRICTED_LABEL[language] not in document.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_internal_document_from_the_command_is_marked_on_every_page(
    make_person, tmp_path, language
):
    make_person(
        "ana-perez",
        role="facilitator",
        neighbourhood=SLUG,
        first_name="Ana",
        last_name="Pérez Núñez",
    )
    out = tmp_path / "internal.docx"
    stdout = io.StringIO()
    call_command(
        "export_agenda",
        SLUG,
        "--format",
        "docx",
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
        stdout=stdout,
    )
    assert f"Wrote {out}" in stdout.getvalue()
    document = WordDocument.read(out.read_bytes())

    assert words(RESTRICTED_TITLE[language]) in document.body
    assert RESTRICTED_LABEL[language] in document.body
    assert CONFIDENTIAL_MARK[language] in document.body
    assert any(place in document.body for place in workshop_places(SLUG))
    # A page that goes astray still says what it is and whose copy it was:
    # Word repeats a section's header and footer on each of its pages.
    assert document.document.sections
    exported_by = EXPORTED_BY[language].format(name="Ana Pérez Núñez")
    for number, (header, footer) in enumerate(
        zip(document.headers(), document.footers(), strict=True), start=1
    ):
        assert CONFIDENTIAL[language] in header, f"section {number}"
        assert re.search(re.escape(exported_by) + r"\D*\d{1,2}\D+\d{4}", footer), footer
        assert not re.search(r"\d{4}-\d{2}-\d{2}", footer), footer
        section = document.document.sections[number - 1]
        assert section.page_width.mm == pytest.approx(PAPER_MM["letter"][0], abs=0.5)
        assert section.page_height.mm == pytest.approx(PAPER_MM["letter"][1], abs=0.5)


def test_the_document_holds_the_vote_results_without_the_restricted_issue():
    agenda = Agenda.objects.get(slug=SLUG)
    workshop = Workshop.objects.filter(neighbourhood=agenda.neighbourhood).first()
    tally = PaperTally.objects.create(workshop=workshop, agenda=agenda, voters=17)
    first, second = public_issues(SLUG, Issue.Kind.PRIORITISED)[:2]
    restricted = Issue.objects.get(agenda=agenda, visibility=Issue.Visibility.RESTRICTED)
    for issue, dots in [(first, 9), (second, 4), (restricted, 12)]:
        TallyCount.objects.create(tally=tally, issue=issue, dots=dots)

    document = make(SLUG, language="en")

    assert ("Heading 1", "Vote results") in document.headings()
    assert "17 people voted on paper" in document.body
    (table,) = [t for t in document.document.tables if t.rows[0].cells[0].text == "Place"]
    assert table.style.name == "Table Grid"
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Place", "Issue", "Online", "Paper", "Combined"]
    # No vote has closed: the paper tallies alone, the online column says so.
    assert rows[1][:4] == ["1", first.title_en, "not shown", "9"]
    assert rows[1][4].endswith("(9 points)")
    assert rows[2][:4] == ["2", second.title_en, "not shown", "4"]
    assert restricted.title_en not in [row[1] for row in rows]
    assert RESTRICTED_TITLE["en"].casefold() not in document.folded


# --- its structure: the booklet's headings, in Word's own styles ------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", AGENDAS)
def test_headings_are_the_booklets_in_its_order(slug, language):
    agenda = Agenda.objects.get(slug=slug)
    html = booklet_html(
        agenda, user=AnonymousUser(), edition="public", language=language, paper="a4"
    )
    document = make(slug, language=language)

    headings = document.headings()
    assert [text for _style, text in headings] == booklet_headings_of(html)
    # Word's navigation pane and a designer's restyling work from these.
    assert {style for style, _text in headings} <= {"Heading 1", "Heading 2"}
    (title,) = [p for p in document.paragraphs if p.style.name == "Title"]
    assert words(title.text) == words(shown(agenda, "title", language))
    styles = [p.style.name for p in document.paragraphs]
    assert styles.index("Title") < styles.index("Heading 1")


def booklet_headings_of(html):
    headings = booklet_headings(html)
    assert len(headings) >= 2  # an empty list would test nothing
    return headings


def test_issues_are_listed_under_their_dimension():
    document = make(SLUG, language="en")
    headings = document.headings()
    assert ("Heading 1", "Priority issues") in headings
    issue = public_issues(SLUG, Issue.Kind.PRIORITISED).select_related("dimension").first()
    paragraphs = document.paragraphs
    title_at = next(i for i, p in enumerate(paragraphs) if p.text.startswith(issue.title_en))
    assert paragraphs[title_at].style.name == "List Bullet"
    heading_before = next(
        p for p in reversed(paragraphs[:title_at]) if p.style.name.startswith("Heading")
    )
    assert (heading_before.style.name, heading_before.text) == (
        "Heading 2",
        issue.dimension.name_en,
    )


def test_a_citation_in_the_national_agenda_is_given_whole():
    # The booklet's print once cut them with "…"; a document to edit has room.
    issue = next(
        issue
        for issue in public_issues(SLUG, Issue.Kind.PRIORITISED).prefetch_related("national_points")
        if issue.national_points.exists()
    )
    point = issue.national_points.first()
    document = make(SLUG, language="en")
    (citation,) = [
        p.text
        for p in document.paragraphs
        if p.text.startswith("Cited in the national agenda:") and words(point.text_en) in p.text
    ]
    assert "…" not in citation


# --- its language and text --------------------------------------------------------


def test_a_spanish_document_is_in_spanish():
    document = make(SLUG, language="es")

    headings = [text for _style, text in document.headings()]
    assert headings[:2] == ["Participación", "Temas prioritarios"]
    assert "Propuestas" in headings
    for english in ("Participation", "Priority issues", "Proposals", "Silenced issues"):
        assert english not in headings
    title = Agenda.objects.get(slug=SLUG).title_es
    properties = document.document.core_properties
    assert properties.title == title
    assert properties.language == "es-MX"
    # Spelling and hyphenation: the language of every run that says no other.
    defaults = document.document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")
    assert [lang.get(lang.tag.replace("lang", "val")) for lang in defaults] == ["es-MX"]
    # No name of a person, nor the library's, as the document's author.
    assert properties.author == "Agendas de Seguridad Humana"
    assert properties.comments == ""
    assert properties.last_modified_by == ""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", AGENDAS)
def test_no_markdown_sign_is_left_and_bold_stays_bold(slug, language):
    document = make(slug, language=language)
    assert "**" not in document.body
    assert "](" not in document.body
    # What the agenda's texts stress (**…**) is set in bold.
    stressed = [
        phrase
        for section in Section.objects.filter(agenda__slug=slug)
        for phrase in re.findall(r"\*\*(.+?)\*\*", shown(section, "body", language))
    ]
    if slug in ("lazaro-cardenas", "national"):
        assert stressed  # an empty list would test nothing
    bold = {run.text for p in document.paragraphs for run in p.runs if run.bold}
    for phrase in stressed:
        assert phrase in bold


# --- the command line -------------------------------------------------------------


def test_the_command_writes_a_public_document_on_a4_by_default(tmp_path):
    out = tmp_path / "national.docx"
    call_command(
        "export_agenda", "national", "--format", "docx", "--out", str(out), stdout=io.StringIO()
    )
    document = WordDocument.read(out.read_bytes())
    (section,) = document.document.sections
    assert section.page_width.mm == pytest.approx(PAPER_MM["a4"][0], abs=0.5)
    assert section.page_height.mm == pytest.approx(PAPER_MM["a4"][1], abs=0.5)
    assert document.headers() == [""]
    # Written whole: nothing half-made is left beside it.
    assert [path.name for path in tmp_path.iterdir()] == ["national.docx"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--edition", "internal"], "The internal edition needs --as USERNAME."),
        (
            ["--edition", "internal", "--as", "resident-lazaro-cardenas"],
            "resident-lazaro-cardenas may not export this edition.",
        ),
    ],
    ids=["visitor", "resident"],
)
def test_the_command_refuses_the_internal_document_and_writes_nothing(tmp_path, arguments, message):
    out = tmp_path / "agenda.docx"
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command(
            "export_agenda",
            SLUG,
            "--format",
            "docx",
            *arguments,
            "--out",
            str(out),
            stdout=io.StringIO(),
        )
    assert list(tmp_path.iterdir()) == []


def test_the_command_refuses_an_unknown_format(tmp_path):
    out = tmp_path / "agenda.odt"
    with pytest.raises(CommandError, match="invalid choice: 'odt'"):
        call_command(
            "export_agenda", SLUG, "--format", "odt", "--out", str(out), stdout=io.StringIO()
        )
    assert list(tmp_path.iterdir()) == []


def test_a_stamp_is_printed_only_in_the_internal_edition(demo_users):
    stamp = Stamp("Ana Pérez Núñez", timezone.now())
    public = make(SLUG, language="en", user=demo_users["facilitator"], stamp=stamp)
    assert "Ana Pérez Núñez" not in " ".join(public.footers())
    internal = make(
        SLUG, language="en", user=demo_users["facilitator"], edition="internal", stamp=stamp
    )
    assert all("Exported by Ana Pérez Núñez on" in footer for footer in internal.footers())
