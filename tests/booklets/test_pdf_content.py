"""What a printed booklet says, read back from the PDF itself: every demo
agenda, in both languages and on both papers.

A booklet is taken to meetings where people check that their issues and
proposals are in it, so the text is compared with what the agenda holds,
read out of the PDF as a reader's software would. Here: the agenda's own
text, what the public edition leaves out and what the internal one adds.
Its paper, fonts, contents and vote chart: test_pdf_layout.py; the export
command: test_export_command.py.
"""

import io
import re

import pytest
from django.core.management import call_command

from agendas.models import Issue, Section
from proposals.models import Proposal
from tests.helpers import squash

from ..pages.helpers import plain
from .pdf import (
    CONFIDENTIAL,
    EVERY_BOOKLET,
    EXPORTED_BY,
    LANGUAGES,
    PAPER_POINTS,
    PREFIX,
    RESTRICTED_LABEL,
    RESTRICTED_TITLE,
    Booklet,
    heading_pattern,
    public_issues,
    render,
    shown,
)

pytestmark = pytest.mark.django_db


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
        # The date (and time: English leaves out ":00" on the hour, or says
        # "noon") as the reader's language writes them, never ISO.
        assert re.search(re.escape(exported_by) + r"\D*\d{1,2}\D+\d{4}", squash(text)), (
            f"page {number}"
        )
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), f"page {number}"
