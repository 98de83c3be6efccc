"""A facilitator moves issues in a real browser: without JavaScript the forms
move and save, and with it a move swaps only the list and keeps the focus."""

from playwright.sync_api import expect

from .facilitator import PUBLIC_AGENDA, UI, saved, sign_in


def test_moving_and_saving_work_without_javascript(site, new_page):
    ui = UI["es-MX"]
    page = new_page(language="es-MX", javascript=False)
    page.goto(site + PUBLIC_AGENDA)
    sign_in(page, ui)
    page.goto(site + "/workspace/agendas/lazaro-cardenas/")
    priority = page.get_by_role("region", name=ui["priority issues"]).get_by_role("listitem")
    first, second = "Agresiones, asaltos y robos", "Jóvenes reclutados por grupos criminales"
    expect(priority.nth(0)).to_contain_text(first)
    expect(priority.nth(1)).to_contain_text(second)

    # The ↓ button is a plain form: the page comes back at the moved issue.
    page.get_by_role("button", name=ui["move down"].format(first)).click()
    expect(priority.nth(0)).to_contain_text(second)
    expect(priority.nth(1)).to_contain_text(first)
    anchor = page.url.rsplit("#", 1)[1]
    expect(page.locator(f"[id='{anchor}']")).to_contain_text(first)
    # The public page follows the new order.
    page.goto(site + PUBLIC_AGENDA)
    personal = page.get_by_role("region", name="Seguridad personal").get_by_role("listitem")
    expect(personal.nth(0)).to_contain_text(second)
    expect(personal.nth(1)).to_contain_text(first)

    # An issue form, refused and then saved, with no script to help.
    page.goto(site + "/workspace/agendas/lazaro-cardenas/")
    page.get_by_role("region", name=ui["priority issues"]).get_by_role("listitem").filter(
        has_text="Desconfianza en las autoridades"
    ).get_by_role("link", name=ui["edit"]).click()
    for code in ("es", "en"):
        page.get_by_label(ui["title in"][code]).fill("")
    page.get_by_role("button", name=ui["save"], exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(ui["refused"])
    expect(page.get_by_role("main")).to_contain_text(ui["write it"])
    page.get_by_label(ui["title in"]["es"]).fill("Desconfianza en la policía municipal")
    page.get_by_role("button", name=ui["save"], exact=True).click()
    saved(page, ui["issue saved"])
    expect(page.get_by_role("region", name=ui["priority issues"])).to_contain_text(
        "Desconfianza en la policía municipal"
    )
    assert page.outside_requests == []


def test_with_javascript_a_move_swaps_only_the_list_and_keeps_focus(site, new_page):
    ui = UI["en-GB"]
    page = new_page(language="en-GB")
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(site + PUBLIC_AGENDA)
    sign_in(page, ui)
    page.goto(site + "/workspace/agendas/lazaro-cardenas/")
    page.wait_for_function("window.htmx !== undefined")
    url = page.url
    priority = page.get_by_role("region", name=ui["priority issues"]).get_by_role("listitem")
    first, second = (
        "Aggressions, assaults and robberies",
        "Youths being recruited by criminal groups",
    )
    expect(priority.nth(0)).to_contain_text(first)

    page.get_by_role("button", name=ui["move down"].format(first)).click()
    expect(priority.nth(0)).to_contain_text(second)
    expect(priority.nth(1)).to_contain_text(first)
    # htmx swapped the list in place: no page load, and the keyboard stays on
    # the moved issue's buttons rather than going back to the top of the page.
    assert page.url == url
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("issue-") and focused.endswith(("-down", "-up")), focused
    # The policy forbids inline styles and eval: htmx is configured not to need them.
    assert errors == []
    assert page.outside_requests == []
