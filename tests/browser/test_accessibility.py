"""axe-core finds no serious or critical violation of WCAG 2.2 AA on the
catalogued pages (tests/pages_catalogue.py): every page in Spanish and in
English, on a 360 px phone (how most residents read the site) and on a
1280 px screen. The Spanish phone sweep also checks that nothing scrolls
sideways unnamed (test_phone_width.py's check), to read each page at 360 px
once."""

import pytest

from tests.pages_catalogue import PAGES, prepare

from .catalogue_sweep import axe_violations, report, sweep
from .test_phone_width import scrolling


def axe_and_scrolling(page):
    return axe_violations(page) + scrolling(page)


@pytest.mark.parametrize(
    ("language", "width", "check"),
    [
        ("es-MX", 360, axe_and_scrolling),
        ("en-GB", 1280, axe_violations),
        ("es-MX", 1280, axe_violations),
        ("en-GB", 360, axe_violations),
    ],
    ids=["es-360", "en-1280", "es-1280", "en-360"],
)
def test_every_page_meets_wcag_22_aa(browser, site, language, width, check):
    found, outside = sweep(
        browser, site, prepare(), PAGES, language=language, width=width, check=check
    )
    assert found == {}, report(found)
    assert outside == []
