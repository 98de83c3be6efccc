"""The pages added for codes, votes, booklets and agenda texts fit a 360 px
phone, in both languages, and load nothing from outside the site."""

import pytest

from agendas.models import Section
from communities.models import Neighbourhood
from voting.models import VotingRound

PASSWORD = "demo-agendas-2026"


def sign_in(page, site, username):
    page.goto(site + "/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


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
