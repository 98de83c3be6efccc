"""Issues, proposals and moves as a facilitator sends them are checked on the
server: a bad one is refused with a message in the reader's language, and
nothing is written."""

import pytest

from agendas.models import Issue
from proposals.models import Proposal
from workshops.models import Workshop

from ..pages.helpers import page_text
from .validation import AGGRESSIONS, YOUTHS, issue_data, issue_titled, refused, table_sizes

pytestmark = pytest.mark.django_db


# --- issues --------------------------------------------------------------------------


def other_workshop():
    return Workshop.objects.get(neighbourhood__slug="sanchez-taboada")


BAD_ISSUES = [
    pytest.param(
        lambda: {"dimension": 99999},
        {
            "en": "Choose one of the listed dimensions.",
            "es": "Elija una de las dimensiones de la lista.",
        },
        id="dimension-that-does-not-exist",
    ),
    pytest.param(
        lambda: {"dimension": "personal"},
        {
            "en": "Choose one of the listed dimensions.",
            "es": "Elija una de las dimensiones de la lista.",
        },
        id="dimension-not-a-number",
    ),
    pytest.param(
        lambda: {"workshops": [other_workshop().pk]},
        {
            "en": "Choose workshops held in this agenda's neighbourhood.",
            "es": "Elija talleres realizados en la colonia de esta agenda.",
        },
        id="workshop-of-another-neighbourhood",
    ),
    pytest.param(
        lambda: {"title_es": "", "title_en": ""},
        {
            "en": "Write it in Spanish, in English or in both.",
            "es": "Escríbalo en español, en inglés o en ambos.",
        },
        id="no-title",
    ),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("changes", "message"), BAD_ISSUES)
def test_a_bad_new_issue_is_refused(facilitator, language, changes, message):
    url = "/workspace/agendas/lazaro-cardenas/issues/new/"
    text = refused(facilitator, url, issue_data(**changes()), language)
    assert message[language] in text


@pytest.mark.parametrize(("changes", "message"), BAD_ISSUES)
def test_a_bad_issue_edit_keeps_the_issue(facilitator, changes, message):
    issue = issue_titled(AGGRESSIONS)
    url = f"/workspace/issues/{issue.pk}/edit/"
    text = refused(facilitator, url, issue_data(issue, **changes()), "en")
    assert message["en"] in text
    saved = Issue.objects.get(pk=issue.pk)
    assert (saved.title_en, saved.dimension_id) == (issue.title_en, issue.dimension_id)
    assert not saved.workshops.exists()


# --- proposals -------------------------------------------------------------------------


def proposal_data(**changes):
    data = {
        "actor": "community",
        "text_es": "Encender las luminarias de la plaza",
        "text_en": "Turning on the square's street lights",
        "issues": [issue_titled(AGGRESSIONS).pk],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Choose issues of this agenda only."), ("es", "Elija solo temas de esta agenda.")],
)
def test_a_proposal_cannot_answer_another_agendas_issue(facilitator, language, message):
    foreign = Issue.objects.filter(agenda__slug="sanchez-taboada").first()
    url = "/workspace/agendas/lazaro-cardenas/proposals/new/"
    assert message in refused(facilitator, url, proposal_data(issues=[foreign.pk]), language)
    proposal = Proposal.objects.filter(agenda__slug="lazaro-cardenas").first()
    url = f"/workspace/proposals/{proposal.pk}/edit/"
    data = proposal_data(text_es=proposal.text_es, text_en=proposal.text_en, issues=[foreign.pk])
    assert message in refused(facilitator, url, data, language)
    assert not proposal.issues.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Write it in Spanish, in English or in both."),
        ("es", "Escríbalo en español, en inglés o en ambos."),
    ],
)
def test_a_proposal_needs_its_text(facilitator, language, message):
    url = "/workspace/agendas/lazaro-cardenas/proposals/new/"
    assert message in refused(facilitator, url, proposal_data(text_es="", text_en=""), language)


# --- moving -------------------------------------------------------------------------------


def orders(agenda="lazaro-cardenas"):
    return list(Issue.objects.filter(agenda__slug=agenda).order_by("pk").values_list("order"))


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Choose to move it up or down."), ("es", "Elija subirlo o bajarlo.")],
)
@pytest.mark.parametrize("direction", ["sideways", ""])
def test_a_move_without_a_direction_moves_nothing(facilitator, language, message, direction):
    issue = issue_titled(YOUTHS)
    before, sizes = orders(), table_sizes()
    response = facilitator.post(
        f"/workspace/issues/{issue.pk}/move/",
        {"direction": direction},
        headers={"accept-language": language},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/workspace/agendas/lazaro-cardenas/")
    assert message in page_text(response)
    assert orders() == before
    assert table_sizes() == sizes
