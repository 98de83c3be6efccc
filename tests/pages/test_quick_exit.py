"""Residents' pages carry "Leave this page quickly": a plain link to a
neutral page of another site, first after the skip link so the keyboard
reaches it at once, made better (not possible) by a static script that
replaces the page in the history. Nothing is loaded from outside."""

import re

import pytest
from django.contrib.staticfiles import finders

from agendas.models import Agenda
from tests.helpers import EN, ES

pytestmark = pytest.mark.django_db
CONTROL = re.compile(
    r'<a class="quick-exit[^"]*" href="([^"]+)" rel="noreferrer noopener" data-quick-exit>'
    r"([^<]+)</a>"
)

RESIDENT_PAGES = [
    "/",
    "/join/about-you/",
    "/my-data/",
    "/my-data/delete/",
    "/vote/",
    "/privacy/",
    "/agendas/lazaro-cardenas/",
    "/agendas/lazaro-cardenas/consultation/",
    "/my-suggestions/",
]


def control(response):
    return CONTROL.search(response.content.decode())


def test_every_resident_page_has_the_control_first_after_the_skip_link(client_for, settings):
    settings.QUICK_EXIT_URL = "https://neutral.example/"
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="consultation")
    resident = client_for("resident")
    for path in RESIDENT_PAGES:
        response = resident.get(path, headers=EN)
        assert response.status_code == 200, path
        found = control(response)
        assert found, path
        assert found.group(1) == "https://neutral.example/"
        assert found.group(2) == "Leave this page quickly"
        body = response.content.decode()
        # The first focusable things on the page: the skip link, then this control.
        focusable = re.findall(r"<(?:a|button|input|select|textarea)\b[^>]*>", body)
        assert "skip-link" in focusable[0] and "data-quick-exit" in focusable[1], path
        head = body[: body.index("<body")]
        assert '<script src="/static/js/quick-exit.js" defer></script>' in head


def test_the_join_page_and_the_notice_carry_it_for_anyone(client):
    for path in ["/join/", "/privacy/"]:
        assert control(client.get(path, headers=EN)), path


def test_it_is_translated(client):
    assert control(client.get("/join/", headers=ES)).group(2) == "Salir rápido de esta página"


def test_pages_of_other_people_do_not_carry_it(client, client_for):
    assert not control(client.get("/", headers=EN))
    assert not control(client_for("facilitator").get("/workspace/", headers=EN))


def test_the_script_is_a_static_file_that_replaces_the_page_in_history():
    path = finders.find("js/quick-exit.js")
    assert path
    with open(path, encoding="utf-8") as file:
        script = file.read()
    assert "location.replace" in script and "preventDefault" in script
