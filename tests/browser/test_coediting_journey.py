"""Co-editing in a real browser: a resident suggests a wording in Spanish,
the facilitator sees the difference and accepts it, publishes version 2,
and version 1's permanent address still shows the old text."""

from playwright.sync_api import expect

from agendas.models import Issue
from tests.browser.helpers import sign_in


def test_a_suggestion_becomes_version_two_and_version_one_stays(site, new_page):
    issue = Issue.objects.filter(agenda__slug="lazaro-cardenas", kind="prioritised").first()
    old, new = issue.title_es, issue.title_es + " en las calles"

    facilitator = new_page(language="es-MX")
    sign_in(facilitator, site, "facilitator-lazaro-cardenas")
    facilitator.goto(site + "/workspace/agendas/lazaro-cardenas/")
    facilitator.get_by_role("button", name="Volver a borrador").click()
    facilitator.get_by_role("button", name="Abrir a consulta con las y los habitantes").click()
    expect(facilitator.get_by_role("status")).to_contain_text("En consulta")

    resident = new_page(language="es-MX", width=360)
    sign_in(resident, site, "resident-lazaro-cardenas")
    resident.goto(site + "/agendas/lazaro-cardenas/consultation/")
    resident.locator("li", has_text=old).get_by_role("link", name="Sugerir una redacción").click()
    resident.get_by_label("Título en español").check()
    resident.get_by_label("Su redacción").fill(new)
    resident.get_by_label("Por qué (en pocas palabras)").fill("Así lo dijimos en el taller")
    resident.get_by_role("button", name="Enviar mi sugerencia").click()
    expect(resident.get_by_role("status")).to_contain_text("leerán su sugerencia")

    facilitator.get_by_role("link", name="Sugerencias").click()
    # Spanish pages say a pseudonym in Spanish: habitante-….
    suggestion = facilitator.get_by_role("article").filter(has_text="habitante-lazaro-cardenas")
    expect(suggestion.locator("ins")).to_have_text("en las calles")
    suggestion.get_by_role("button", name="Aceptar").click()
    expect(facilitator.get_by_role("status")).to_contain_text("Aceptada")

    facilitator.goto(site + "/workspace/agendas/lazaro-cardenas/")
    facilitator.get_by_role("button", name="Marcar como validada").click()
    facilitator.get_by_role("button", name="Publicar").click()
    # Publishing a version cannot be undone: it is asked first.
    facilitator.locator("main button[name=confirm]").click()
    expect(facilitator.get_by_role("status")).to_contain_text("Publicada")

    resident.goto(site + "/my-suggestions/")
    expect(resident.get_by_role("main")).to_contain_text("Aceptada")

    visitor = new_page(language="es-MX")
    visitor.goto(site + "/agendas/lazaro-cardenas/")
    expect(visitor.get_by_role("main")).to_contain_text(new)
    visitor.get_by_role("link", name="v1").click()
    expect(visitor.get_by_role("main")).to_contain_text("Versión 1, publicada el")
    main = visitor.get_by_role("main").inner_text()
    assert old in main and new not in main
    visitor.get_by_role("link", name="v2").click()
    expect(visitor.get_by_role("main")).to_contain_text(new)
    for page in (facilitator, resident, visitor):
        assert page.outside_requests == []
