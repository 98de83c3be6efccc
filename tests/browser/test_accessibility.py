"""axe-core finds no serious or critical violation of WCAG 2.2 AA on the
catalogued pages (tests/pages_catalogue.py).

Every page is checked twice: in Spanish on a 360 px phone (how most
residents read the site) and in English on a 1280 px screen. The other two
pairings (Spanish wide, English on a phone) are checked on a sample of
pages that covers each layout (public, resident, workspace, setting up,
Django's admin, the API's documentation): a full sweep takes one to two
minutes a pairing, and what depends on the width or the language alone is
caught by the two full sweeps already. The Spanish phone sweep also checks
that nothing scrolls sideways unnamed (test_phone_width.py's check), to read
each page at 360 px once."""

import pytest

from tests.pages_catalogue import PAGES, prepare

from .catalogue_sweep import axe_violations, report, sweep
from .test_phone_width import scrolling

SAMPLE = {
    "home",
    "agenda-detail",
    "compare",
    "opendata-index",
    "api-docs",
    "redeem",
    "consultation",
    "voting-ballot",
    "workspace-agenda",
    "workspace-workshop-history",
    "voting-results",
    "setup-dimensions",
    "people",
    "admin:agendas_issue_changelist",
    "admin:agendas_issue_change",
}


def axe_and_scrolling(page):
    return axe_violations(page) + scrolling(page)


@pytest.mark.parametrize(
    ("language", "width", "pages", "check"),
    [
        ("es-MX", 360, PAGES, axe_and_scrolling),
        ("en-GB", 1280, PAGES, axe_violations),
        ("es-MX", 1280, [page for page in PAGES if page.name in SAMPLE], axe_violations),
        ("en-GB", 360, [page for page in PAGES if page.name in SAMPLE], axe_violations),
    ],
    ids=["es-360-all", "en-1280-all", "es-1280-sample", "en-360-sample"],
)
def test_pages_meet_wcag_22_aa(browser, site, language, width, pages, check):
    found, outside = sweep(
        browser, site, prepare(), pages, language=language, width=width, check=check
    )
    assert found == {}, report(found)
    assert outside == []


def test_the_sample_covers_pages_of_the_catalogue():
    assert {page.name for page in PAGES} >= SAMPLE
