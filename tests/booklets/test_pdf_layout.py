"""How a printed booklet is laid out, read back from the PDF: the paper
chosen, the fonts embedded, a table of contents pointing to the right
pages, and the vote chart once a workshop voted on paper."""

import pytest

from agendas.models import Agenda, Issue
from tallies.models import PaperTally, TallyCount
from tests.helpers import squash
from workshops.models import Workshop

from .pdf import (
    CHART_TITLE,
    EVERY_BOOKLET,
    LANGUAGES,
    PAPER_POINTS,
    RESTRICTED_TITLE,
    VOTE_RESULTS,
    family,
    fonts_of,
    heading_pattern,
    public_issues,
    render,
    toc_entries,
)

pytestmark = pytest.mark.django_db


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
        # The opening text shares the contents' page: its headings may be there.
        found = next(
            i + 1 for i in range(toc_index, len(booklet.pages)) if pattern.search(booklet.pages[i])
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
