"""Journeys through the public site in a real browser: a 360 px phone,
no JavaScript, the keyboard, and both languages."""

import pytest

from tests.browser.helpers import no_horizontal_scroll
from tests.helpers import PASSWORD, RESTRICTED_EN


@pytest.mark.parametrize("language", ["es-MX", "en-GB"])
def test_pages_fit_a_360px_phone(site, new_page, language):
    page = new_page(language=language, width=360)
    for path in [
        "/",
        "/agendas/lazaro-cardenas/",
        "/agendas/sanchez-taboada/",
        "/agendas/national/",
        "/sign-in/",
    ]:
        page.goto(site + path)
        assert no_horizontal_scroll(page), path
    assert page.outside_requests == []


def test_visitor_switches_language_and_signs_in_without_javascript(site, new_page):
    page = new_page(language="es-MX", javascript=False)
    page.goto(site + "/agendas/lazaro-cardenas/")
    assert page.locator("h2", has_text="Temas silenciados").is_visible()
    assert page.get_by_text(RESTRICTED_EN).count() == 0

    page.get_by_role("button", name="English").click()
    assert page.url.endswith("/agendas/lazaro-cardenas/")
    assert page.locator("h2", has_text="Silenced issues").is_visible()
    assert page.get_by_text("Youths being recruited by criminal groups").is_visible()
    assert page.get_by_text(RESTRICTED_EN).count() == 0

    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("facilitator-lazaro-cardenas")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(site + "/agendas/lazaro-cardenas/")
    assert page.get_by_text(RESTRICTED_EN).is_visible()
    assert page.get_by_text("Restricted: not shown to the public").is_visible()
    # The choice of language was remembered across the sign-in.
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("button", name="Sign out").click()
    page.goto(site + "/agendas/lazaro-cardenas/")
    assert page.get_by_text(RESTRICTED_EN).count() == 0
    assert page.outside_requests == []


def test_keyboard_reaches_the_content_first(site, new_page):
    page = new_page(language="en-GB")
    page.goto(site + "/agendas/national/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#content"
    assert page.locator("main h1").inner_text() == "National Human Security Agenda"
    for landmark in ["banner", "main", "contentinfo"]:
        assert page.get_by_role(landmark).count() == 1
