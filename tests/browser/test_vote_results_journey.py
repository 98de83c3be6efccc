"""A resident votes online, the vote closes, and the result is public: the
resident and a visitor read it on the agenda's page and in its printed
booklet, online and paper combined, in the ranking of the workspace's
results page; and at 360 px its table scrolls inside a named region that
takes the keyboard's focus, without the page scrolling sideways."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect
from pypdf import PdfReader

from communities.models import Neighbourhood
from core.text import localized
from residents.services import issue_batch
from tests.booklets import celery_conf
from tests.browser.helpers import fits, sign_in
from tests.helpers import squash
from tests.voting.results import closed, paper_tallies, vote_all, workshops
from voting import selectors
from voting.models import VotingRound

AGENDA = "/agendas/lazaro-cardenas/"
UI = {
    "es-MX": {
        "have_code": "Tengo un código",
        "code": "Su código",
        "vote": "Votar",
        "voted": "Su voto quedó registrado",
        "results": "Resultados de las votaciones",
        "sentence": "6 personas votaron en línea y 12 en papel",
        "booklet": "Cuadernillo para imprimir (PDF) o editar (Word)",
        "prepare": "Preparar el cuadernillo",
        "ready": "Listo",
        "download": "Descargar el PDF",
        "caption": "Boletas en línea, conteos en papel",
    },
    "en-GB": {
        "have_code": "I have a code",
        "code": "Your code",
        "vote": "Cast my vote",
        "voted": "Your vote is recorded",
        "results": "Vote results",
        "sentence": "6 people voted online and 12 on paper",
        "booklet": "Booklet to print (PDF) or edit (Word)",
        "prepare": "Prepare the booklet",
        "ready": "Ready",
        "download": "Download the PDF",
        "caption": "Online ballots, paper tallies",
    },
}


@pytest.fixture
def in_process_tasks():
    """The booklet renders inside the live server (a real worker is tested in
    tests/booklets/test_worker.py)."""
    with celery_conf(task_always_eager=True, task_eager_propagates=True):
        yield


def a_round_with_five_ballots_and_paper():
    """An open dot vote on the Lázaro Cárdenas agenda with five ballots in
    already, and one flip chart of twelve voters."""
    place = Neighbourhood.objects.get(slug="lazaro-cardenas")
    round = VotingRound.objects.create(
        agenda=place.agendas.get(slug="lazaro-cardenas"),
        title="Prioridades 2026",
        method="dots",
        dots_per_voter=3,
        max_dots_per_issue=3,
    )
    i = list(round.ballot_issues())
    vote_all(round, [[(i[4], 3)], [(i[4], 2), (i[0], 1)], [(i[5], 3)], [(i[5], 1)], [(i[6], 2)]])
    first, _second = workshops()
    paper_tallies({first: (12, {i[0]: 9, i[6]: 5, i[1]: 4})})
    return place, round, i


def titles_in_order(round, language):
    with translation.override(language[:2]):
        return [
            localized(row.issue, "title").text
            for row in selectors.results(VotingRound.objects.get(pk=round.pk)).issues
        ]


def table_titles(page):
    return [
        " ".join(cell.split()) for cell in page.locator("#results-table tbody th").all_inner_texts()
    ]


@pytest.mark.parametrize("language", ["es-MX", "en-GB"])
def test_a_resident_votes_and_everyone_reads_the_combined_result(
    site, new_page, language, in_process_tasks
):
    ui = UI[language]
    place, round, i = a_round_with_five_ballots_and_paper()
    ((_number, code),) = issue_batch(place, 1).codes
    title = (lambda issue: issue.title_es) if language == "es-MX" else (lambda i: i.title_en)

    resident = new_page(language=language)
    resident.goto(site + "/")
    resident.get_by_role("link", name=ui["have_code"]).click()
    resident.get_by_label(ui["code"]).fill(code)
    resident.locator("main button[type=submit]").click()
    resident.wait_for_load_state()
    resident.goto(f"{site}/vote/{round.pk}/")
    resident.get_by_label(title(i[1])).fill("3")
    resident.get_by_role("button", name=ui["vote"]).click()
    expect(resident.get_by_role("heading", level=1)).to_have_text(ui["voted"])

    # The vote closes, as its facilitator closes it.
    round = closed(round)
    expected = titles_in_order(round, language)

    visitor = new_page(language=language)
    for page in (resident, visitor):
        page.goto(site + AGENDA)
        section = page.get_by_role("region", name=ui["results"])
        expect(section).to_contain_text(ui["sentence"])
        assert table_titles(page) == expected
        # The resident's three dots are counted among the online points.
        row = page.locator("#results-table tbody tr").filter(has_text=title(i[1]))
        expect(row.locator("td").nth(1)).to_have_text("3")
        # The chart says the same, in the same order, in words.
        texts = page.locator("#results svg text").all_text_contents()
        labels = [text.split(". ", 1) for text in texts if re.match(r"\d+\. ", text)]
        assert [place for place, _words in labels] == [str(n) for n in range(1, len(expected) + 1)]
        for (_place, words), found in zip(labels, expected, strict=True):
            assert words.startswith(found[:15]), (words, found)
        assert page.outside_requests == []

    # The printed booklet, as the visitor asks for it.
    visitor.get_by_role("link", name=ui["booklet"]).first.click()
    visitor.get_by_role("button", name=ui["prepare"]).click()
    expect(visitor.get_by_role("status").filter(has_text=ui["ready"])).to_be_visible(timeout=30_000)
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name=ui["download"]).click()
    text = squash("".join(p.extract_text() for p in PdfReader(download.value.path()).pages))
    position = text.index(squash(ui["sentence"]))
    for found in expected[:5]:
        # The chart's labels and the table's rows, in the ranking's order.
        position = text.index(squash(found), position)
    assert visitor.outside_requests == []


def test_the_results_tables_fit_a_phone_in_a_focusable_named_region(site, new_page):
    _place, round, _i = a_round_with_five_ballots_and_paper()
    closed(round)
    for path, who in ((AGENDA, None), (f"/workspace/votes/{round.pk}/", "facilitator")):
        page = new_page(language="en-GB", width=360)
        if who:
            sign_in(page, site, "facilitator-lazaro-cardenas")
        page.goto(site + path)
        fits(page)
        region = page.get_by_role("region", name=UI["en-GB"]["caption"])
        expect(region).to_have_count(1)
        expect(region).to_have_attribute("tabindex", "0")
        region.focus()
        assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
        # The combined column is inside the region: reached by scrolling it.
        combined = region.locator("tbody tr").first.locator("td").last
        assert combined.inner_text().endswith("points)")
        assert page.evaluate(
            "r => r.scrollWidth <= r.clientWidth || getComputedStyle(r).overflowX === 'auto'",
            region.element_handle(),
        )
        fits(page)
        assert page.outside_requests == []
