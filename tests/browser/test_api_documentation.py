"""The API documentation in Chromium. The page fits a 360 px phone with
JavaScript off, in both languages: long addresses and examples wrap, and
only the wide tables scroll, each inside its own region. The interactive
page (Swagger UI) loads all it needs from the site: every request elsewhere
is refused, and the test fails if one was even attempted. The page's text
keeps a contrast of 4.5:1 or more."""

from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import fits

DOCS = "/api/v1/docs/"
INTERACTIVE = "/api/v1/docs/interactive/"
# Elements of the page, outside the scrolling regions, wider than the window.
TOO_WIDE = """
[...document.querySelectorAll('main *')]
  .filter(e => !e.closest('[role=region]'))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 60))
"""
# Regions whose table is wider than they are: they scroll, and must be reachable.
SCROLLING_REGIONS = """
[...document.querySelectorAll('main [role=region]')]
  .filter(e => e.scrollWidth > e.clientWidth)
  .map(e => [e.tabIndex, document.getElementById(e.getAttribute('aria-labelledby')).textContent])
"""

# Text in the page whose contrast with what is behind it is under 4.5:1
# (WCAG 1.4.3), from the computed colours: each element holding text, against
# the first background colour found from it upwards.
LOW_CONTRAST = """
(() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const behind = e => {
    for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll('body *')]
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .filter(e => e.getClientRects().length)
    .map(e => {
      const [a, b] = [lum(rgb(getComputedStyle(e).color).slice(0, 3)), lum(behind(e))];
      return [e.tagName + ': ' + e.textContent.trim().slice(0, 40),
              (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
    })
    .filter(([_, ratio]) => ratio < 4.5);
})()
"""

NAMED_ELSEWHERE = """
[...document.querySelectorAll('[src], link[href]')]
  .map(e => e.src || e.href)
  .filter(url => !url.startsWith(location.origin + '/') && !url.startsWith('data:'))
"""


@pytest.mark.parametrize("language", ["es-MX", "en-GB"])
def test_the_documentation_fits_a_phone_without_javascript(
    live_server, transactional_db, new_page, language
):
    page = new_page(language=language, width=360, javascript=False)
    response = page.goto(live_server.url + DOCS)
    assert response.status == 200
    fits(page)
    assert page.evaluate("document.body.scrollWidth <= window.innerWidth")
    assert page.evaluate(TOO_WIDE) == []
    assert page.evaluate(LOW_CONTRAST) == []
    # The paths wrap rather than stretch the page: the longest one is there.
    assert page.locator("main code.api-path", has_text="/api/v1/neighbourhoods/").count() == 2
    scrolling = page.evaluate(SCROLLING_REGIONS)
    assert scrolling, "no table is wider than the phone: the regions were not put to the test"
    assert all(tab_index == 0 and caption.strip() for tab_index, caption in scrolling)
    # A keyboard reaches a scrolling region and can move it sideways.
    region = page.locator("main [role=region]").first
    region.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    assert page.outside_requests == []


def test_the_interactive_page_loads_nothing_from_elsewhere(live_server, transactional_db, new_page):
    page = new_page(language="en-GB", width=1280)
    here = urlsplit(live_server.url)
    attempted, loaded = [], []

    def only_this_site(route):
        url = urlsplit(route.request.url)
        if url.hostname == "127.0.0.1" and url.port == here.port:
            loaded.append(url.path)
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_site)
    response = page.goto(f"http://127.0.0.1:{here.port}{INTERACTIVE}")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert attempted == []
    # Nor does the page name a file elsewhere (the CSP would stop it before any request).
    assert page.evaluate(NAMED_ELSEWHERE) == []
    page.wait_for_selector(".swagger-ui .opblock-summary", timeout=15000)
    assert "/api/v1/issues/" in page.inner_text("body")
    # Swagger UI came from the site's own static files, and the schema from its API.
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in loaded
    assert "/api/v1/schema/" in loaded
    assert attempted == []
    assert page.get_by_role("link", name="API documentation (works without JavaScript)").count()
