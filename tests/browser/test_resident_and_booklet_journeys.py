"""A resident takes part with a printed code on a phone without JavaScript,
and a visitor prints a booklet with JavaScript following its progress."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from pypdf import PdfReader

from communities.models import Neighbourhood
from residents import sheets
from residents.models import CodeSheet
from residents.services import issue_batch
from tests.booklets import celery_conf, folder_broker
from tests.browser.helpers import fits, sign_in
from voting.models import Ballot, Participation, VotingRound


def test_a_resident_joins_with_a_code_and_votes_on_a_phone_without_javascript(site, new_page):
    place = Neighbourhood.objects.get(slug="lazaro-cardenas")
    ((_number, code),) = issue_batch(place, 1).codes
    round = VotingRound.objects.create(
        agenda=place.agendas.get(slug="lazaro-cardenas"),
        title="¿Qué temas primero?",
        method="dots",
        dots_per_voter=3,
        max_dots_per_issue=2,
    )
    first, second = round.ballot_issues()[:2]

    page = new_page(language="es-MX", width=360, javascript=False)
    page.goto(site + "/")
    page.get_by_role("link", name="Tengo un código").click()
    fits(page)
    page.get_by_label("Su código").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Entrar").click()
    expect(page.get_by_role("status")).to_contain_text("Usted participa de forma anónima")
    fits(page)
    page.get_by_label("Mujeres").check()
    page.get_by_role("button", name="Guardar y continuar").click()

    page.get_by_role("link", name="¿Qué temas primero?").click()
    fits(page)
    page.get_by_label(first.title_es).fill("3")  # more than 2 on one issue
    page.get_by_role("button", name="Votar").click()
    expect(page.get_by_role("alert")).to_contain_text("Su voto no se registró")
    assert Ballot.objects.count() == 0

    page.get_by_label(first.title_es).fill("2")
    page.get_by_label(second.title_es).fill("1")
    page.get_by_role("button", name="Votar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Su voto quedó registrado")
    receipt = page.locator("#receipt").inner_text()
    fits(page)
    assert Participation.objects.filter(round=round).count() == 1

    page.get_by_role("link", name="Revisar mi boleta").first.click()
    page.get_by_label("Su código de comprobante").fill(receipt)
    page.get_by_role("button", name="Mostrar mi boleta").click()
    ballot = page.get_by_role("region", name="Su boleta")
    expect(ballot).to_contain_text(f"{first.title_es}: 2 puntos")
    expect(ballot).to_contain_text(f"{second.title_es}: 1 punto")
    fits(page)
    assert page.outside_requests == []


@pytest.fixture
def in_process_tasks():
    """The booklet renders inside the live server (a real worker is tested in
    tests/booklets/test_worker.py): this journey is about the pages."""
    with celery_conf(task_always_eager=True, task_eager_propagates=True):
        yield


@pytest.mark.parametrize("language", ["en-GB", "es-MX"])
def test_a_visitor_prints_the_public_booklet(site, new_page, language, in_process_tasks):
    ui = {
        "en-GB": (
            "Booklet to print (PDF) or edit (Word)",
            "Prepare the booklet",
            "Download the PDF",
            "Ready",
            "Public edition",
        ),
        "es-MX": (
            "Cuadernillo para imprimir (PDF) o editar (Word)",
            "Preparar el cuadernillo",
            "Descargar el PDF",
            "Listo",
            "Edición pública",
        ),
    }[language]
    page = new_page(language=language, width=360)
    page.goto(site + "/agendas/lazaro-cardenas/")
    page.get_by_role("link", name=ui[0]).click()
    fits(page)
    # Only the public edition is offered to a visitor.
    expect(page.get_by_label(ui[4])).to_be_checked()
    expect(page.get_by_label("Internal edition (confidential)")).to_have_count(0)
    expect(page.get_by_label("Edición interna (confidencial)")).to_have_count(0)
    page.get_by_role("button", name=ui[1]).click()
    expect(page.get_by_role("status").filter(has_text=ui[3])).to_be_visible(timeout=20_000)
    fits(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=ui[2]).click()
    pdf = PdfReader(download.value.path())
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Apatzing" in text
    assert "Demo only" not in text and "DEMO ONLY" not in text
    assert page.outside_requests == []


@pytest.mark.parametrize(("language", "javascript"), [("es-MX", False), ("en-GB", True)])
def test_a_facilitator_prints_a_sheet_of_codes_on_a_phone(
    site, new_page, language, javascript, in_process_tasks
):
    """From the codes page to the printed sheet, at 360 px, with and without
    JavaScript: the page says what was made, the PDF holds the slips, and the
    sheet can be deleted once downloaded."""
    ui = {
        "en-GB": {
            "count": "How many codes",
            "letter": "Letter",
            "make": "Make the codes and their sheet (PDF)",
            "ready": "Ready",
            "made": "slips 1 to 12, ready to print.",
            "download": "Download the sheet (PDF)",
            "delete": "I have printed it: delete the sheet now",
            "deleted": "Deleted",
        },
        "es-MX": {
            "count": "Cuántos códigos",
            "letter": "Carta",
            "make": "Generar los códigos y su hoja (PDF)",
            "ready": "Lista",
            "made": "papelitos 1 a 12, listos para imprimir.",
            "download": "Descargar la hoja (PDF)",
            "delete": "Ya la imprimí: borrar la hoja ahora",
            "deleted": "Borrada",
        },
    }[language]
    place = Neighbourhood.objects.get(slug="lazaro-cardenas")
    page = new_page(language=language, width=360, javascript=javascript)
    sign_in(page, site, "facilitator-lazaro-cardenas")
    page.goto(site + f"/workspace/neighbourhoods/{place.pk}/codes/")
    fits(page)
    page.get_by_label(ui["count"]).fill("12")
    page.get_by_label(ui["letter"]).check()
    page.get_by_role("button", name=ui["make"]).click()
    status = page.locator("#sheet-status")
    expect(status).to_contain_text(ui["ready"], timeout=20_000)
    expect(status).to_contain_text(ui["made"])
    fits(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=ui["download"]).click()
    pdf = PdfReader(download.value.path())
    assert len(pdf.pages) == 2
    assert round(pdf.pages[0].mediabox.height) == 792  # Letter
    page.reload()
    page.get_by_role("button", name=ui["delete"]).click()
    expect(status).to_contain_text(ui["deleted"])
    fits(page)
    assert page.outside_requests == []


def test_the_sheet_page_follows_the_job_with_javascript_and_then_stops_asking(
    site, new_page, tmp_path
):
    """While the sheet is queued, htmx asks for its state every 2 s and
    replaces the content of the live region; once the sheet is made, the page
    says so without a reload, and htmx stops asking."""

    facilitator = get_user_model().objects.get(username="facilitator-lazaro-cardenas")
    with celery_conf(**folder_broker(tmp_path / "broker")):
        sheet = sheets.request_sheet(
            Neighbourhood.objects.get(slug="lazaro-cardenas"),
            requested_by=facilitator,
            count=3,
            days=None,
            label="",
            paper="a4",
            site_url=site + "/",
        )
        assert CodeSheet.objects.get(pk=sheet.pk).dispatched  # with the broker, no worker
        page = new_page(language="en-GB", width=360)
        sign_in(page, site, "facilitator-lazaro-cardenas")
        asked = []
        url = f"{site}/workspace/code-sheets/{sheet.pk}/"
        page.on(
            "request", lambda request: asked.append(request.url) if request.url == url else None
        )
        page.goto(url)
        status = page.locator("#sheet-status")
        expect(status).to_contain_text("Queued")
        expect(status).to_have_attribute("role", "status")
        page.wait_for_timeout(2500)
        assert len(asked) >= 2  # the page load, then htmx
        sheets.make_sheet(sheet.pk)  # what the worker does
        expect(status).to_contain_text("Ready", timeout=6_000)
        expect(page.get_by_role("link", name="Download the sheet (PDF)")).to_be_visible()
        settled = len(asked)
        page.wait_for_timeout(4500)
        assert len(asked) == settled  # answered 286: htmx stopped asking
    assert page.outside_requests == []
