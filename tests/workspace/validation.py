"""What the tests of the workspace forms share: the forms as a facilitator
fills them in, the refusal page, and the tables a refusal must leave as
they were."""

from django.apps import apps

from agendas.models import Issue
from communities.models import ParticipantGroup
from proposals.models import Proposal
from tallies.models import PaperTally, TallyCount
from workshops.models import Attendance, Workshop

from ..pages.helpers import page_text
from .forms import issue_as_it_stands

BANNER = {
    "en": "Nothing was saved. Please correct what is marked below.",
    "es": "No se guardó nada. Corrija lo que está señalado abajo.",
}
PUBLIC_PAGE = "/agendas/lazaro-cardenas/"


def table_sizes():
    """Rows of every table a workspace form writes to, history included."""
    models = [
        Workshop,
        Workshop.facilitators.through,
        Attendance,
        Issue,
        Issue.related_dimensions.through,
        Issue.workshops.through,
        Proposal,
        Proposal.issues.through,
        PaperTally,
        TallyCount,
        *apps.get_app_config("history").get_models(),
    ]
    return {model._meta.label: model._base_manager.count() for model in models}


def refused(client, url, data, language):
    """POST `data`, expect the refusal page and no write; return its text."""
    before = table_sizes()
    response = client.post(url, data, headers={"accept-language": language})
    assert response.status_code == 400
    assert table_sizes() == before
    text = page_text(response)
    assert BANNER[language] in text
    return text


def issue_titled(title_en, agenda="lazaro-cardenas"):
    return Issue.objects.get(agenda__slug=agenda, title_en=title_en)


AGGRESSIONS = "Aggressions, assaults and robberies"
YOUTHS = "Youths being recruited by criminal groups"


def tally_url(workshop):
    return f"/workspace/workshops/{workshop.pk}/tallies/lazaro-cardenas/"


def tally_data(voters, dots_per_voter="", max_dots_per_issue="", **dots):
    """The flip chart as typed: `dots` maps English issue titles to dots."""
    data = {
        "voters": voters,
        "dots_per_voter": dots_per_voter,
        "max_dots_per_issue": max_dots_per_issue,
    }
    for title, value in dots.items():
        data[f"issue_{issue_titled(title).pk}"] = value
    return data


def workshop_data(attendance=None, **fields):
    """The workshop form as a facilitator fills it; `attendance` maps group
    slugs to what is typed in their boxes."""
    groups = list(ParticipantGroup.objects.order_by("order", "pk"))
    data = {
        "title_es": "Taller con jóvenes",
        "title_en": "Workshop with youths",
        "date": "2024-03-09",
        "attendance-TOTAL_FORMS": len(groups),
        "attendance-INITIAL_FORMS": 0,
        "attendance-MIN_NUM_FORMS": 0,
        "attendance-MAX_NUM_FORMS": 1000,
    }
    for index, group in enumerate(groups):
        data[f"attendance-{index}-count"] = (attendance or {}).get(group.slug, "")
    data.update(fields)
    return data


def issue_data(issue=None, **changes):
    """The issue form filled as it stands (or a new issue), then changed."""
    if issue is None:
        data = {
            "title_es": "Calles sin alumbrado",
            "title_en": "Streets without lighting",
            "dimension": issue_titled(AGGRESSIONS).dimension_id,
            "kind": "prioritised",
            "visibility": "public",
        }
        data.update(changes)
        return data
    return issue_as_it_stands(issue, **changes)
