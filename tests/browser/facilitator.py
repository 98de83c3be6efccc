"""What the facilitator's browser tests share: what the facilitator types,
what the pages say in each language, and signing in from the public agenda
page as the facilitator does."""

import re

from playwright.sync_api import expect

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
# 18 people, 15 of them for the first time; two groups counted (a young
# woman is in both, so they add up to more), the others left empty.
PEOPLE = {"present": 18, "first timers": 15}
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
        "groups": {"women": "Mujeres", "youths": "Personas jóvenes"},
        "save workshop": "Guardar taller",
        "workshop saved": "El taller quedó guardado.",
        "attendance": "Asistencia",
        "people present": "Personas presentes",
        "first timers": "De ellas, vinieron por primera vez",
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
        "youths": "Seguridad de las personas jóvenes",
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
        "people present": "People present",
        "first timers": "Of whom came for the first time",
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
