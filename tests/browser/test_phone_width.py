"""On a 360 px phone no catalogued page (tests/pages_catalogue.py) scrolls
sideways as a whole, and whatever scrolls inside it (a wide table, a long
command) can be reached from the keyboard and is named for a screen reader
(WCAG 1.4.10, 2.1.1, 4.1.2); the history of a workshop fits 320 px.
Here in English; in Spanish by test_accessibility.py's phone sweep, which
reads each page at 360 px once for both checks."""

from tests.pages_catalogue import PAGES, Page, prepare

from .catalogue_sweep import report, signed_in_context, sweep

# What scrolls sideways on the page just loaded, and how it fails: the page
# itself, or an element that scrolls but takes no focus or has no name.
SCROLLING = """() => {
  const problems = [];
  const page = document.scrollingElement;
  if (page.scrollWidth > window.innerWidth) {
    problems.push(`the page scrolls sideways: ${page.scrollWidth} px in ${window.innerWidth}`);
  }
  const named = (e) => {
    if ((e.getAttribute("aria-label") || "").trim()) return true;
    const ids = (e.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    return ids.length > 0 && ids.every(id => {
      const label = document.getElementById(id);
      return label && label.textContent.trim();
    });
  };
  for (const e of document.body.querySelectorAll("*")) {
    if (e.scrollWidth <= e.clientWidth) continue;
    if (!/^(auto|scroll)$/.test(getComputedStyle(e).overflowX)) continue;
    const classes = String(e.getAttribute("class") || "").split(/\\s+/).filter(Boolean);
    const what = [e.tagName.toLowerCase() + (e.id ? "#" + e.id : ""), ...classes].join(".");
    if (e.tabIndex < 0) problems.push(`${what} scrolls but takes no focus`);
    if (e.getAttribute("role") !== "region" || !named(e)) {
      problems.push(`${what} scrolls but is no named region`);
    }
  }
  return problems;
}"""


def scrolling(page):
    return page.evaluate(SCROLLING)


def test_no_page_scrolls_sideways_on_a_phone(browser, site):
    demo = prepare()
    found, outside = sweep(browser, site, demo, PAGES, language="en-GB", width=360, check=scrolling)
    assert found == {}, report(found)
    assert outside == []


def test_the_history_of_a_workshop_fits_320_px(browser, site):
    """Its tables of changes reflow: each row's cells one under the other,
    each named by its column."""
    demo = prepare()
    history = Page("workspace-workshop-history", "facilitator", pk=lambda d: d.workshop.pk)
    for language in ("es-MX", "en-GB"):
        context = signed_in_context(browser, site, "facilitator", language=language, width=320)
        page = context.new_page()
        page.goto(site + history.url(demo))
        assert scrolling(page) == [], language
        rows = page.locator(".history-table tbody tr")
        assert rows.count() > 0
        before, after = rows.first.locator("td").all()
        # "After" starts below "Before", not beside it.
        assert (
            after.bounding_box()["y"]
            >= before.bounding_box()["y"] + before.bounding_box()["height"]
        )
        label = before.evaluate("e => getComputedStyle(e, '::before').content")
        assert label.strip('"') in ("Antes: ", "Before: "), label
        context.close()
