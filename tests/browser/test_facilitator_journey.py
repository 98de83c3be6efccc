"""A facilitator's working session in a real browser, in Spanish and in
English, on a 360 px phone: from the sign-in form to a workshop, its issues,
its paper tally and a proposal, and then the public agenda page as the
facilitator and as a visitor see it. Moving issues, without JavaScript and
with it: test_facilitator_moves_issues.py."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits, no_horizontal_scroll

from .facilitator import (
    ATTENDANCE,
    DOTS_EACH,
    DOTS_ON_ISSUE,
    ISSUE,
    PEOPLE,
    PROPOSAL,
    PUBLIC_AGENDA,
    SILENCED,
    UI,
    VOTERS,
    WORKSHOP,
    participants_on,
    saved,
    sign_in,
)


@pytest.mark.parametrize("language", ["es-MX", "en-GB"])
def test_facilitator_builds_the_agenda_and_the_public_sees_it(site, new_page, language):
    ui, lang = UI[language], UI[language]["code"]
    page = new_page(language=language, width=360)

    # The facilitator starts where everyone does: the public agenda page.
    page.goto(site + PUBLIC_AGENDA)
    participants_before = participants_on(page, ui)
    sign_in(page, ui)
    # Signing in leads back to the page where it started.
    expect(page).to_have_url(site + PUBLIC_AGENDA)

    page.get_by_role("banner").get_by_role("link", name=ui["workspace"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ui["workspace"])
    fits(page)
    page.get_by_role("region", name=ui["your neighbourhoods"]).get_by_role(
        "link", name="Lázaro Cárdenas"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lázaro Cárdenas")
    fits(page)

    # --- a workshop and who came --------------------------------------------------
    page.get_by_role("link", name=ui["log a workshop"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ui["log a workshop"])
    fits(page)
    for code in ("es", "en"):
        page.get_by_label(ui["title in"][code]).fill(WORKSHOP["title"][code])
        page.get_by_label(ui["place in"][code]).fill(WORKSHOP["place"][code])
    page.get_by_label(ui["date"]).fill(WORKSHOP["date"])
    attendance = page.get_by_role("group", name=ui["attendance"])
    attendance.get_by_label(ui["people present"], exact=True).fill(str(PEOPLE["present"]))
    attendance.get_by_label(ui["first timers"], exact=True).fill(str(PEOPLE["first timers"]))
    for group, count in ATTENDANCE.items():
        attendance.get_by_label(ui["groups"][group], exact=True).fill(str(count))
    page.get_by_role("button", name=ui["save workshop"]).click()

    saved(page, ui["workshop saved"])
    expect(page.get_by_role("heading", level=1)).to_have_text(WORKSHOP["title"][lang])
    expect(page.get_by_role("main")).to_contain_text(WORKSHOP["place"][lang])
    expect(page.get_by_role("row", name=ui["groups"]["women"])).to_contain_text("12")
    present = page.locator("dt", has_text=ui["people present"]).locator("xpath=following::dd[1]")
    expect(present).to_have_text(str(PEOPLE["present"]))
    fits(page)
    workshop_url = page.url

    # --- the agenda's issues ----------------------------------------------------------
    page.get_by_role("link", name="Lázaro Cárdenas").click()
    page.get_by_role("region", name=ui["agendas"]).get_by_role(
        "link", name=ui["see agenda in workspace"]
    ).click()
    expect(page.get_by_role("heading", level=2, name=ui["priority issues"])).to_be_visible()
    fits(page)
    agenda_url = page.url

    page.get_by_role("link", name=ui["add priority issue"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ui["new issue"])
    fits(page)
    for code in ("es", "en"):
        page.get_by_label(ui["title in"][code]).fill(ISSUE["title"][code])
    # The link chose the kind already.
    expect(page.get_by_role("radio", name=ui["prioritised"])).to_be_checked()
    page.get_by_label(ui["primary dimension"]).select_option(label=ui["food"])
    page.get_by_role("group", name=ui["related dimensions"]).get_by_label(ui["youths"]).check()
    page.get_by_role("group", name=ui["workshops where it came up"]).get_by_label(
        f"{WORKSHOP['title'][lang]} ({WORKSHOP['date']})"
    ).check()
    page.get_by_role("button", name=ui["save"], exact=True).click()
    # The agenda is published: the issue becomes public once confirmed.
    expect(page.get_by_role("heading", level=1)).to_contain_text(ISSUE["title"][lang])
    fits(page)
    page.get_by_role("button", name=ui["make public"]).click()
    saved(page, ui["issue saved"])
    priority = page.get_by_role("region", name=ui["priority issues"])
    new_issue = priority.get_by_role("listitem").filter(has_text=ISSUE["title"][lang])
    expect(new_issue).to_contain_text(ui["food"])
    fits(page)

    page.get_by_role("link", name=ui["add silenced issue"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ui["new issue"])
    fits(page)
    for code in ("es", "en"):
        page.get_by_label(ui["title in"][code]).fill(SILENCED["title"][code])
    expect(page.get_by_role("radio", name=ui["silenced"])).to_be_checked()
    page.get_by_label(ui["primary dimension"]).select_option(label=ui["economic"])
    # A silenced issue starts restricted.
    expect(
        page.get_by_role("group", name=ui["visibility"]).get_by_label(ui["restricted"])
    ).to_be_checked()
    page.get_by_role("button", name=ui["save"], exact=True).click()
    saved(page, ui["issue saved"])
    silenced = page.get_by_role("region", name=ui["silenced issues"])
    expect(
        silenced.get_by_role("listitem").filter(has_text=SILENCED["title"][lang])
    ).to_contain_text(ui["restricted"])

    # The workshop now lists the issue that came up in it.
    page.goto(workshop_url)
    expect(page.get_by_role("main")).to_contain_text(ISSUE["title"][lang])

    # --- the paper tally of the new workshop -------------------------------------------
    page.get_by_role("link", name=ui["type the tally"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ui["paper tally"])
    fits(page)
    page.get_by_label(ui["voters"]).fill(str(VOTERS))
    page.get_by_label(ui["dots each"]).fill(str(DOTS_EACH))
    page.get_by_label(ISSUE["title"][lang], exact=True).fill(str(DOTS_ON_ISSUE))
    page.get_by_role("button", name=ui["save tally"]).click()
    saved(page, ui["tally saved"])
    expect(page.get_by_role("main")).to_contain_text(ui["people voted"])

    # --- a proposal for the authorities ---------------------------------------------------
    page.goto(agenda_url)
    page.get_by_role("region", name=ui["authorities"]).get_by_role(
        "link", name=ui["add proposal"]
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ui["new proposal"])
    fits(page)
    expect(page.get_by_role("radio", name=ui["the authorities"])).to_be_checked()
    for code in ("es", "en"):
        page.get_by_label(ui["text in"][code]).fill(PROPOSAL[code])
    page.get_by_role("group", name=ui["issues"], exact=True).get_by_label(
        ISSUE["title"][lang], exact=True
    ).check()
    page.get_by_role("button", name=ui["save"], exact=True).click()
    saved(page, ui["proposal saved"])
    expect(page.get_by_role("region", name=ui["authorities"])).to_contain_text(PROPOSAL[lang])
    new_issue = (
        page.get_by_role("region", name=ui["priority issues"])
        .get_by_role("listitem")
        .filter(has_text=ISSUE["title"][lang])
    )
    expect(new_issue).to_contain_text(ui["dots in workspace"])
    fits(page)

    # --- the public page, as the facilitator sees it ------------------------------------------
    page.get_by_role("link", name=ui["see the agenda page"]).click()
    expect(page).to_have_url(site + PUBLIC_AGENDA)
    issue = (
        page.get_by_role("region", name=ui["food"], exact=True)
        .get_by_role("listitem")
        .filter(has_text=ISSUE["title"][lang])
    )
    expect(issue).to_contain_text(ui["also touches"])
    expect(issue.get_by_text(ui["youths"], exact=True)).to_be_visible()
    expect(issue).to_contain_text(ui["dots"])
    restricted = (
        page.get_by_role("region", name=ui["silenced issues"])
        .get_by_role("listitem")
        .filter(has_text=SILENCED["title"][lang])
    )
    expect(restricted).to_contain_text(ui["restricted label"])
    expect(page.get_by_role("region", name=ui["authorities"])).to_contain_text(PROPOSAL[lang])
    assert participants_on(page, ui) == participants_before + PEOPLE["first timers"]
    assert page.outside_requests == []

    # --- the same page, for a visitor ------------------------------------------------------
    visitor = new_page(language=language, width=360)
    visitor.goto(site + PUBLIC_AGENDA)
    expect(
        visitor.get_by_role("region", name=ui["food"], exact=True).get_by_role("listitem")
    ).to_contain_text(ISSUE["title"][lang])
    expect(visitor.get_by_role("region", name=ui["authorities"])).to_contain_text(PROPOSAL[lang])
    expect(visitor.get_by_text(SILENCED["title"][lang])).to_have_count(0)
    expect(visitor.get_by_text(ui["restricted label"])).to_have_count(0)
    assert participants_on(visitor, ui) == participants_before + PEOPLE["first timers"]
    assert no_horizontal_scroll(visitor)
    assert visitor.outside_requests == []
