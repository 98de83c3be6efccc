"""The pages added for codes, votes, booklets and agenda texts fit a 360 px
phone, in both languages, and load nothing from outside the site."""

import pytest

from agendas.models import Section
from communities.models import Neighbourhood
from tests.browser.helpers import sign_in
from voting.models import VotingRound


@pytest.mark.parametrize("language", ["es-MX", "en-GB"])
def test_facilitator_pages_fit_a_phone(site, new_page, language):
    place = Neighbourhood.objects.get(slug="lazaro-cardenas")
    round = VotingRound.objects.create(
        agenda=place.agendas.get(), method="dots", dots_per_voter=3, max_dots_per_issue=2
    )
    section = Section.objects.filter(agenda__slug="lazaro-cardenas").first()
    page = new_page(language=language, width=360)
    sign_in(page, site, "facilitator-lazaro-cardenas")
    for path in [
        f"/workspace/neighbourhoods/{place.pk}/codes/",
        "/workspace/agendas/lazaro-cardenas/",
        "/workspace/agendas/lazaro-cardenas/votes/",
        f"/workspace/votes/{round.pk}/",
        f"/workspace/sections/{section.pk}/edit/",
        f"/workspace/sections/{section.pk}/history/",
        "/agendas/lazaro-cardenas/booklet/",
    ]:
        response = page.goto(site + path)
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
        # Every form control has a name a screen reader can say.
        unnamed = page.evaluate(
            "[...document.querySelectorAll("
            "'main input:not([type=hidden]), main select, main textarea')]"
            ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))"
            ".map(e => e.name)"
        )
        assert unnamed == [], (path, unnamed)
    assert page.outside_requests == []


def unnamed_controls(page):
    return page.evaluate(
        "[...document.querySelectorAll("
        "'main input:not([type=hidden]), main select, main textarea')]"
        ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))"
        ".map(e => e.name)"
    )


@pytest.mark.parametrize("language", ["es-MX", "en-GB"])
def test_co_editing_pages_fit_a_phone(site, new_page, language):
    from agendas.models import Agenda, Issue

    Agenda.objects.filter(slug="lazaro-cardenas").update(status="consultation")
    issue = Issue.objects.filter(agenda__slug="lazaro-cardenas", visibility="public").first()
    pages = {
        "resident-lazaro-cardenas": [
            "/agendas/lazaro-cardenas/consultation/",
            f"/suggest/issue/{issue.public_id}/",
            "/my-suggestions/",
        ],
        "facilitator-lazaro-cardenas": [
            "/agendas/lazaro-cardenas/consultation/",
            "/workspace/agendas/lazaro-cardenas/suggestions/",
            f"/workspace/texts/issue/{issue.pk}/",
            f"/workspace/issues/{issue.pk}/edit/",
        ],
    }
    for username, paths in pages.items():
        page = new_page(language=language, width=360)
        sign_in(page, site, username)
        for path in paths:
            assert page.goto(site + path).status == 200, path
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
            assert unnamed_controls(page) == [], path
        assert page.outside_requests == []


@pytest.mark.parametrize("language", ["es-MX", "en-GB"])
def test_privacy_pages_fit_a_phone_without_javascript(site, new_page, language):
    """The join page with its notice, the notice, "About you", "My data" and
    its confirmation fit a 360 px phone with JavaScript off."""
    visitor = new_page(language=language, width=360, javascript=False)
    resident = new_page(language=language, width=360, javascript=False)
    sign_in(resident, site, "resident-lazaro-cardenas")
    for page, paths in [
        (visitor, ["/join/", "/privacy/"]),
        (resident, ["/join/about-you/", "/my-data/", "/my-data/delete/", "/privacy/"]),
    ]:
        for path in paths:
            assert page.goto(site + path).status == 200, path
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
            assert unnamed_controls(page) == [], path
            assert page.locator("footer a[href='/privacy/']").is_visible(), path
            assert page.locator("[data-quick-exit]").is_visible(), path
        assert page.outside_requests == []


def test_a_resident_consents_answers_and_deletes_their_data_without_javascript(site, new_page):
    from django.contrib.auth import get_user_model

    from residents.models import ResidentProfile

    page = new_page(language="en-GB", width=360, javascript=False)
    sign_in(page, site, "resident-lazaro-cardenas")
    page.goto(site + "/join/about-you/")
    assert page.get_by_label("Indigenous people").count() == 0  # not asked before consent
    page.get_by_label("I agree that my answer").check()
    page.get_by_role("button", name="I agree: ask me").click()
    page.get_by_label("Indigenous people").check()
    page.get_by_role("button", name="Save and continue").click()
    profile = ResidentProfile.objects.get(user__username="resident-lazaro-cardenas")
    assert list(profile.groups.values_list("slug", flat=True)) == ["indigenous"]

    page.goto(site + "/my-data/")
    page.get_by_role("link", name="Delete my data").click()
    page.get_by_role("button", name="Yes, delete my data").click()
    page.wait_for_load_state()
    assert page.url == site + "/"
    assert "Your data is deleted and you are signed out" in page.locator("main").inner_text()
    assert not get_user_model().objects.filter(username="resident-lazaro-cardenas").exists()
    assert page.outside_requests == []


@pytest.mark.parametrize("javascript", [True, False])
def test_quick_exit_is_reached_by_keyboard_and_leaves(site, new_page, settings, javascript):
    # A page of this site stands for the neutral outside page: no request may leave.
    settings.QUICK_EXIT_URL = site + "/health/"
    page = new_page(language="es-MX", width=360, javascript=javascript)
    page.goto(site + "/privacy/")
    page.goto(site + "/join/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Salir rápido de esta página"
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/health/")
    page.go_back()
    # With JavaScript the join page was replaced in the history: Back skips it.
    assert page.url == site + ("/privacy/" if javascript else "/join/")
    assert page.outside_requests == []
