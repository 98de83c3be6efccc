"""An agenda moves draft ⇄ consultation ⇄ validated → published, moved by its
facilitators, each step recorded."""

import pytest

from agendas.models import Agenda, AgendaStep
from tests.helpers import EN

from ..pages.helpers import page_text

pytestmark = pytest.mark.django_db
URL = "/workspace/agendas/lazaro-cardenas/status/"


def status():
    return Agenda.objects.get(slug="lazaro-cardenas").status


def test_the_way_to_publication_and_back_is_recorded(client_for, demo_users):
    facilitator = client_for("facilitator")
    assert status() == "published"
    for target in ["draft", "consultation", "validated", "published"]:
        response = facilitator.post(URL, {"to": target, "confirm": "yes"}, headers=EN)
        assert response.status_code == 302
        assert status() == target
    steps = list(
        AgendaStep.objects.filter(agenda__slug="lazaro-cardenas")
        .order_by("at", "pk")
        .values_list("from_status", "to_status", "by")
    )
    me = demo_users["facilitator"].pk
    assert steps == [
        ("published", "draft", me),
        ("draft", "consultation", me),
        ("consultation", "validated", me),
        ("validated", "published", me),
    ]
    text = page_text(facilitator.get("/workspace/agendas/lazaro-cardenas/", headers=EN))
    assert "Steps so far" in text
    assert "facilitator-lazaro-cardenas · Validated → Published" in text


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "An agenda cannot go from “Published” to “In consultation”."),
        ("es", "Una agenda no puede pasar de «Publicada» a «En consulta»."),
    ],
)
def test_a_step_that_skips_the_way_is_refused_and_changes_nothing(client_for, language, message):
    facilitator = client_for("facilitator")
    response = facilitator.post(URL, {"to": "consultation"}, follow=True,
                                headers={"accept-language": language})  # fmt: skip
    assert message in page_text(response)
    assert status() == "published"
    assert not AgendaStep.objects.exists()
    for nonsense in ["", "archived", "published"]:
        facilitator.post(URL, {"to": nonsense})
        assert status() == "published"
    assert not AgendaStep.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("visitor", 302), ("resident", 403), ("other_facilitator", 403), ("researcher", 403)],
)
def test_only_the_agendas_team_moves_it(client_for, role, expected):
    response = client_for(role).post(URL, {"to": "draft"})
    assert response.status_code == expected
    assert status() == "published"
    assert not AgendaStep.objects.exists()


def test_a_step_takes_effect_on_the_public_page_at_once(client_for):
    visitor = client_for("visitor")
    assert visitor.get("/agendas/lazaro-cardenas/").status_code == 200  # now cached
    client_for("facilitator").post(URL, {"to": "draft"})
    # Visitors now read the version last published, not the text in work.
    assert visitor.get("/agendas/lazaro-cardenas/")["Location"] == "/agendas/lazaro-cardenas/v1/"
    client_for("admin").post(URL, {"to": "consultation"})
    # Residents read it while it is in consultation.
    assert client_for("resident").get("/agendas/lazaro-cardenas/").status_code == 200
    assert visitor.get("/agendas/lazaro-cardenas/").status_code == 302
