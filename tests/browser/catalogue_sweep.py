"""Reading every catalogued page (tests/pages_catalogue.py) in real Chromium:
one browser context per role, signed in once, each page checked by a
function that runs in the page and returns what it found wrong."""

from pathlib import Path

from django.conf import settings
from django.test import Client

from tests.pages_catalogue import Page, session_of

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 level A and AA, as axe-core tags its rules.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe-core in the page: the violations of impact serious or critical, as
# (rule, the elements it found, help).
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => [v.id, v.nodes.map(n => n.target.join(" ")).join(" | "), v.help]);
}"""


def signed_in_context(browser, site, role, *, language, width):
    """A browser context for `role` (the demo person), in `language` at
    `width` px. The page's own scripts run; axe-core is added to pages with
    a Content-Security-Policy that forbids scripts it did not name, so the
    context sets the policy aside for the script it adds."""
    context = browser.new_context(
        locale=language, viewport={"width": width, "height": 800}, bypass_csp=True
    )
    user = session_of(role)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": site}]
        )
    return context


def sweep(browser, site, demo, pages: list[Page], *, language, width, check):
    """{address (role): what `check(page)` found} for each of `pages` where it
    found something, and the requests that left the site."""
    contexts, found, outside = {}, {}, []
    try:
        for entry in pages:
            if entry.role not in contexts:
                context = signed_in_context(
                    browser, site, entry.role, language=language, width=width
                )
                page = context.new_page()
                page.on(
                    "request",
                    lambda request: (
                        None
                        if request.url.startswith((site, "data:"))
                        else outside.append(request.url)
                    ),
                )
                contexts[entry.role] = (context, page)
            page = contexts[entry.role][1]
            url = entry.url(demo)
            response = page.goto(site + url)
            assert response is not None and entry.answers(response.status), (url, language)
            if entry.ready:
                page.wait_for_selector(entry.ready)
            problems = check(page)
            if problems:
                found[f"{url} ({entry.role}, {language}, {width} px)"] = problems
    finally:
        for context, _page in contexts.values():
            context.close()
    return found, outside


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_AA)


def report(found):
    return "\n".join(
        f"{where}: {problem}" for where, problems in found.items() for problem in problems
    )
