"""A facilitator's working session in a real browser, in Spanish and in
English, on a 360 px phone: from the sign-in form to a workshop, its issues,
its paper tally and a proposal, and then the public agenda page as the
facilitator and as a visitor see it. And the forms without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import fits, no_horizontal_scroll
from tests.helpers import PASSWORD

FACILITATOR = "facilitator-lazaro-cardenas"
PUBLIC_AGENDA = "/agendas/lazaro-cardenas/"

# What the facilitator types. Both languages are filled in, so that each page
# shows the text written in its own language.
WORKSHOP = {
    "title": {"es": "Taller de seguimiento con jóvenes", "en": "Follow-up workshop with youths"},
    "place": {"es": "Casa de la cultura", "en": "House of culture"},
    "date": "2026-03-14",
}
# Two groups counted; the others left empty (not counted).
ATTENDANCE = {"women": 12, "youths": 9}
ISSUE = {
    "title": {
        "es": "Falta de comedores comunitarios para la niñez",
        "en": "Lack of community kitchens for children",
    },
}
SILENCED = {
    "title": {
        "es": "Cobro de cuotas a comerciantes del mercado",
        "en": "Protection money demanded from market traders",
    },
}
PROPOSAL = {
    "es": "Abrir comedores comunitarios en las escuelas de la colonia.",
    "en": "Opening community kitchens in the neighbourhood's schools.",
}
VOTERS, DOTS_EACH, DOTS_ON_ISSUE = 15, 3, 11

# The interface, as each language shows it.
UI = {
    "es-MX": {
        "code": "es",
        "sign in": "Iniciar sesión",
        "username": "Nombre de usuario",
        "password": "Contraseña",
        "workspace": "Espacio de trabajo",
        "your neighbourhoods": "Sus colonias",
        "log a workshop": "Registrar un taller",
        "title in": {"es": "Título en español", "en": "Título en inglés"},
        "place in": {"es": "Lugar en español", "en": "Lugar en inglés"},
        "date": "Fecha",
        "groups": {"women": "Mujeres", "youths": "Jóvenes"},
        "save workshop": "Guardar taller",
        "workshop saved": "El taller quedó guardado.",
        "attendance": "Asistencia",
        "total": "Total",
        "agendas": "Agendas",
        "see agenda in workspace": "Agenda de Seguridad Humana para Apatzingán",
        "priority issues": "Temas prioritarios",
        "silenced issues": "Temas silenciados",
        "add priority issue": "Agregar un tema prioritario",
        "new issue": "Nuevo tema",
        "new proposal": "Nueva propuesta",
        "paper tally": "Conteo en papel",
        "add silenced issue": "Agregar un tema silenciado",
        "primary dimension": "Dimensión principal",
        "related dimensions": "Dimensiones relacionadas",
        "workshops where it came up": "Talleres donde surgió",
        "prioritised": "Priorizado",
        "silenced": "Silenciado",
        "visibility": "Visibilidad",
        "restricted": "Restringido",
        "save": "Guardar",
        "issue saved": "El tema quedó guardado.",
        "make public": "Sí, hacerlo público",
        "proposal saved": "La propuesta quedó guardada.",
        "food": "Seguridad alimentaria",
        "youths": "Seguridad de los jóvenes",
        "economic": "Seguridad económica",
        "type the tally": "Escribir el conteo",
        "voters": "personas que votaron",
        "dots each": "puntos que tenía cada persona",
        "save tally": "Guardar conteo",
        "tally saved": "El conteo en papel quedó guardado.",
        "people voted": f"votaron {VOTERS} personas",
        "authorities": "Propuestas para las autoridades",
        "add proposal": "Agregar una propuesta",
        "the authorities": "Las autoridades",
        "text in": {"es": "Texto en español", "en": "Texto en inglés"},
        "issues": "Temas",
        "see the agenda page": "Ver la página de la agenda",
        "also touches": "También se relaciona con:",
        "dots": f"{DOTS_ON_ISSUE} puntos en las votaciones de los talleres",
        "dots in workspace": f"{DOTS_ON_ISSUE} puntos",
        "restricted label": "Restringido: no se muestra al público",
        "took part": r"(\d+) habitantes participaron",
        "move down": "Bajar «{}»",
        "edit": "Editar",
        "refused": "No se guardó nada. Corrija lo que está señalado abajo.",
        "write it": "Escríbalo en español, en inglés o en ambos.",
    },
    "en-GB": {
        "code": "en",
        "sign in": "Sign in",
        "username": "Username",
        "password": "Password",
        "workspace": "Workspace",
        "your neighbourhoods": "Your neighbourhoods",
        "log a workshop": "Log a workshop",
        "title in": {"es": "Title in Spanish", "en": "Title in English"},
        "place in": {"es": "Place in Spanish", "en": "Place in English"},
        "date": "Date",
        "groups": {"women": "Women", "youths": "Youths"},
        "save workshop": "Save workshop",
        "workshop saved": "The workshop is saved.",
        "attendance": "Attendance",
        "total": "Total",
        "agendas": "Agendas",
        "see agenda in workspace": "Human Security Agenda for Apatzingán",
        "priority issues": "Priority issues",
        "silenced issues": "Silenced issues",
        "add priority issue": "Add a priority issue",
        "new issue": "New issue",
        "new proposal": "New proposal",
        "paper tally": "Paper tally",
        "add silenced issue": "Add a silenced issue",
        "primary dimension": "Primary dimension",
        "related dimensions": "Related dimensions",
        "workshops where it came up": "Workshops where it came up",
        "prioritised": "Prioritised",
        "silenced": "Silenced",
        "visibility": "Visibility",
        "restricted": "Restricted",
        "save": "Save",
        "issue saved": "The issue is saved.",
        "make public": "Yes, make it public",
        "proposal saved": "The proposal is saved.",
        "food": "Food security",
        "youths": "Youths' safety",
        "economic": "Economic security",
        "type the tally": "Type the tally",
        "voters": "people who voted",
        "dots each": "dots each person had",
        "save tally": "Save tally",
        "tally saved": "The paper tally is saved.",
        "people voted": f"{VOTERS} people voted",
        "authorities": "Proposals for the authorities",
        "add proposal": "Add a proposal",
        "the authorities": "The authorities",
        "text in": {"es": "Text in Spanish", "en": "Text in English"},
        "issues": "Issues",
        "see the agenda page": "See the agenda page",
        "also touches": "Also touches:",
        "dots": f"{DOTS_ON_ISSUE} dots in the workshop votes",
        "dots in workspace": f"{DOTS_ON_ISSUE} dots",
        "restricted label": "Restricted: not shown to the public",
        "took part": r"(\d+) residents took part",
        "move down": "Move “{}” down",
        "edit": "Edit",
        "refused": "Nothing was saved. Please correct what is marked below.",
        "write it": "Write it in Spanish, in English or in both.",
    },
}


def participants_on(page, ui):
    header = page.get_by_role("article").locator("header").inner_text()
    return int(re.search(ui["took part"], header).group(1))


def sign_in(page, ui):
    page.get_by_role("banner").get_by_role("link", name=ui["sign in"]).click()
    page.get_by_label(ui["username"]).fill(FACILITATOR)
    page.get_by_label(ui["password"]).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=ui["sign in"]).click()


def saved(page, message):
    expect(page.get_by_role("status")).to_contain_text(message)


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
    for group, count in ATTENDANCE.items():
        attendance.get_by_label(ui["groups"][group], exact=True).fill(str(count))
    page.get_by_role("button", name=ui["save workshop"]).click()

    saved(page, ui["workshop saved"])
    expect(page.get_by_role("heading", level=1)).to_have_text(WORKSHOP["title"][lang])
    expect(page.get_by_role("main")).to_contain_text(WORKSHOP["place"][lang])
    expect(page.get_by_role("row", name=ui["groups"]["women"])).to_contain_text("12")
    expect(page.get_by_role("row", name=ui["total"])).to_contain_text(str(sum(ATTENDANCE.values())))
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
    assert participants_on(page, ui) == participants_before + sum(ATTENDANCE.values())
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
    assert participants_on(visitor, ui) == participants_before + sum(ATTENDANCE.values())
    assert no_horizontal_scroll(visitor)
    assert visitor.outside_requests == []


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
