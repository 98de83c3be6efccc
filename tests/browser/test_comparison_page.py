"""The comparison page on a 360 px phone, without JavaScript, in both
languages: nothing scrolls sideways, every control has a name, the filters
work, and nothing is loaded from outside the site."""

import pytest

from tests.browser.helpers import NO_SIDEWAYS_SCROLL, sign_in

UNNAMED_CONTROLS = (
    "[...document.querySelectorAll("
    "'main input:not([type=hidden]), main select, main textarea')]"
    ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))"
    ".map(e => e.name)"
)


@pytest.mark.parametrize(
    "language, city, compare, heading",
    [
        ("es-MX", "Tijuana", "Comparar", "Sánchez Taboada"),
        ("en-GB", "Tijuana", "Compare", "Sánchez Taboada"),
    ],
)
def test_the_comparison_fits_a_phone_and_filters_without_javascript(
    site, new_page, language, city, compare, heading
):
    page = new_page(language=language, width=360, javascript=False)
    for username in (None, "researcher"):
        if username:
            sign_in(page, site, username)
        for query in ["", "?date_from=nonsense"]:
            response = page.goto(site + "/compare/" + query)
            assert response.status == (400 if query else 200)
            assert page.evaluate(NO_SIDEWAYS_SCROLL), (username, query)
            assert page.evaluate(UNNAMED_CONTROLS) == [], (username, query)
        page.goto(site + "/compare/")
        assert page.locator("svg[role=img]").count() == 2
        page.get_by_label(city, exact=True).check()
        page.get_by_role("button", name=compare).click()
        assert "city=tijuana" in page.url
        columns = page.locator("#issue-matrix thead th").all_inner_texts()
        assert len(columns) == 2 and columns[1].startswith(heading)
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert page.outside_requests == []
