"""Who may open and submit each workspace page, against the Lázaro Cárdenas
neighbourhood, its summary workshop, its agenda, one public issue, its
restricted issue and one proposal.

The expected status of every page × role × method is written out below by
hand, so that a change to the rules shows up here as a changed table rather
than being followed silently. Every submission carries valid data: when it is
refused, the refusal comes from the permissions and not from the form, and the
database must be exactly as it was. A person who may not see the restricted
issue must not find its title in any answer either.
"""

from urllib.parse import quote

import pytest
from django.apps import apps
from django.utils import translation

from agendas.models import Agenda, Issue
from communities.models import Neighbourhood, ParticipantGroup, SecurityDimension
from proposals.models import Proposal
from tallies.models import PaperTally, TallyCount
from tests.helpers import EN, RESTRICTED_EN, RESTRICTED_ES, ROLES
from workshops.models import Attendance, Workshop

pytestmark = pytest.mark.django_db

RESTRICTED_TITLES = [RESTRICTED_EN, RESTRICTED_ES]
# Only these see the restricted issue; for anyone else it does not exist.
SEES_RESTRICTED = {"facilitator", "researcher", "admin"}

# Each row: the answer to visitor, resident, other_facilitator, facilitator,
# researcher, admin (the order of ROLES). 302 for a visitor is the sign-in
# redirect; 302 for the others is the redirect after a saved change. Read-only
# pages and the move buttons accept one method only and answer 405 to the
# other before anything else, signed in or not.
# fmt: off
EXPECTED = {
    # page                         method    vis  res  oth  fac  rsr  adm
    ("dashboard",                  "GET"):  (302, 403, 200, 200, 200, 200),
    ("dashboard",                  "POST"): (405, 405, 405, 405, 405, 405),
    ("neighbourhood",              "GET"):  (302, 403, 403, 200, 200, 200),
    ("neighbourhood",              "POST"): (405, 405, 405, 405, 405, 405),
    ("workshop-create",            "GET"):  (302, 403, 403, 200, 403, 200),
    ("workshop-create",            "POST"): (302, 403, 403, 302, 403, 302),
    ("workshop",                   "GET"):  (302, 404, 404, 200, 200, 200),
    ("workshop",                   "POST"): (405, 405, 405, 405, 405, 405),
    ("workshop-edit",              "GET"):  (302, 404, 404, 200, 403, 200),
    ("workshop-edit",              "POST"): (302, 404, 404, 302, 403, 302),
    ("workshop-delete",            "GET"):  (302, 404, 404, 200, 403, 200),
    ("workshop-delete",            "POST"): (302, 404, 404, 302, 403, 302),
    ("workshop-history",           "GET"):  (302, 404, 404, 200, 200, 200),
    ("workshop-history",           "POST"): (405, 405, 405, 405, 405, 405),
    ("tally",                      "GET"):  (302, 404, 404, 200, 403, 200),
    ("tally",                      "POST"): (302, 404, 404, 302, 403, 302),
    ("tally-history",              "GET"):  (302, 404, 404, 200, 200, 200),
    ("tally-history",              "POST"): (405, 405, 405, 405, 405, 405),
    ("agenda",                     "GET"):  (302, 403, 403, 200, 200, 200),
    ("agenda",                     "POST"): (405, 405, 405, 405, 405, 405),
    ("issue-create",               "GET"):  (302, 403, 403, 200, 403, 200),
    ("issue-create",               "POST"): (302, 403, 403, 302, 403, 302),
    ("proposal-create",            "GET"):  (302, 403, 403, 200, 403, 200),
    ("proposal-create",            "POST"): (302, 403, 403, 302, 403, 302),
    ("public-issue-edit",          "GET"):  (302, 403, 403, 200, 403, 200),
    ("public-issue-edit",          "POST"): (302, 403, 403, 302, 403, 302),
    ("public-issue-delete",        "GET"):  (302, 403, 403, 200, 403, 200),
    ("public-issue-delete",        "POST"): (302, 403, 403, 302, 403, 302),
    ("public-issue-move",          "GET"):  (405, 405, 405, 405, 405, 405),
    ("public-issue-move",          "POST"): (302, 403, 403, 302, 403, 302),
    ("public-issue-history",       "GET"):  (302, 403, 403, 200, 200, 200),
    ("public-issue-history",       "POST"): (405, 405, 405, 405, 405, 405),
    ("restricted-issue-edit",      "GET"):  (302, 404, 404, 200, 403, 200),
    ("restricted-issue-edit",      "POST"): (302, 404, 404, 302, 403, 302),
    ("restricted-issue-delete",    "GET"):  (302, 404, 404, 200, 403, 200),
    ("restricted-issue-delete",    "POST"): (302, 404, 404, 302, 403, 302),
    ("restricted-issue-move",      "GET"):  (405, 405, 405, 405, 405, 405),
    ("restricted-issue-move",      "POST"): (302, 404, 404, 302, 403, 302),
    ("restricted-issue-history",   "GET"):  (302, 404, 404, 200, 200, 200),
    ("restricted-issue-history",   "POST"): (405, 405, 405, 405, 405, 405),
    ("proposal-edit",              "GET"):  (302, 403, 403, 200, 403, 200),
    ("proposal-edit",              "POST"): (302, 403, 403, 302, 403, 302),
    ("proposal-delete",            "GET"):  (302, 403, 403, 200, 403, 200),
    ("proposal-delete",            "POST"): (302, 403, 403, 302, 403, 302),
    ("proposal-move",              "GET"):  (405, 405, 405, 405, 405, 405),
    ("proposal-move",              "POST"): (302, 403, 403, 302, 403, 302),
    ("proposal-history",           "GET"):  (302, 403, 403, 200, 200, 200),
    ("proposal-history",           "POST"): (405, 405, 405, 405, 405, 405),
}
# fmt: on

URLS = {
    "dashboard": lambda o: "/workspace/",
    "neighbourhood": lambda o: f"/workspace/neighbourhoods/{o.neighbourhood.pk}/",
    "workshop-create": lambda o: f"/workspace/neighbourhoods/{o.neighbourhood.pk}/workshops/new/",
    "workshop": lambda o: f"/workspace/workshops/{o.workshop.pk}/",
    "workshop-edit": lambda o: f"/workspace/workshops/{o.workshop.pk}/edit/",
    "workshop-delete": lambda o: f"/workspace/workshops/{o.workshop.pk}/delete/",
    "workshop-history": lambda o: f"/workspace/workshops/{o.workshop.pk}/history/",
    "tally": lambda o: f"/workspace/workshops/{o.workshop.pk}/tallies/lazaro-cardenas/",
    "tally-history": lambda o: (
        f"/workspace/workshops/{o.workshop.pk}/tallies/lazaro-cardenas/history/"
    ),
    "agenda": lambda o: "/workspace/agendas/lazaro-cardenas/",
    "issue-create": lambda o: "/workspace/agendas/lazaro-cardenas/issues/new/",
    "proposal-create": lambda o: "/workspace/agendas/lazaro-cardenas/proposals/new/",
    "public-issue-edit": lambda o: f"/workspace/issues/{o.public_issue.pk}/edit/",
    "public-issue-delete": lambda o: f"/workspace/issues/{o.public_issue.pk}/delete/",
    "public-issue-move": lambda o: f"/workspace/issues/{o.public_issue.pk}/move/",
    "public-issue-history": lambda o: f"/workspace/issues/{o.public_issue.pk}/history/",
    "restricted-issue-edit": lambda o: f"/workspace/issues/{o.restricted_issue.pk}/edit/",
    "restricted-issue-delete": lambda o: f"/workspace/issues/{o.restricted_issue.pk}/delete/",
    "restricted-issue-move": lambda o: f"/workspace/issues/{o.restricted_issue.pk}/move/",
    "restricted-issue-history": lambda o: f"/workspace/issues/{o.restricted_issue.pk}/history/",
    "proposal-edit": lambda o: f"/workspace/proposals/{o.proposal.pk}/edit/",
    "proposal-delete": lambda o: f"/workspace/proposals/{o.proposal.pk}/delete/",
    "proposal-move": lambda o: f"/workspace/proposals/{o.proposal.pk}/move/",
    "proposal-history": lambda o: f"/workspace/proposals/{o.proposal.pk}/history/",
}


class Demo:
    """The Lázaro Cárdenas objects every page of the matrix is about."""

    def __init__(self):
        self.neighbourhood = Neighbourhood.objects.get(slug="lazaro-cardenas")
        self.workshop = Workshop.objects.get(neighbourhood=self.neighbourhood)
        self.agenda = Agenda.objects.get(slug="lazaro-cardenas")
        self.public_issue = Issue.objects.get(
            agenda=self.agenda, title_en="Aggressions, assaults and robberies"
        )
        self.restricted_issue = Issue.objects.get(agenda=self.agenda, title_en=RESTRICTED_EN)
        self.proposal = (
            Proposal.objects.filter(agenda=self.agenda, actor="authorities")
            .order_by("order", "pk")
            .first()
        )


@pytest.fixture
def demo():
    return Demo()


# --- valid submissions, and what each one changes ------------------------------------


def workshop_data(title, attendance, *, present, first_timers):
    """A complete workshop form; `attendance` maps group slug -> count."""
    groups = list(ParticipantGroup.objects.order_by("order", "pk"))
    data = {
        "title_es": f"{title} (es)",
        "title_en": title,
        "date": "2024-05-18",
        "place_es": "Salón ejidal",
        "place_en": "Community hall",
        "people_present": str(present),
        "first_timers": str(first_timers),
        "attendance-TOTAL_FORMS": str(len(groups)),
        "attendance-INITIAL_FORMS": "0",
        "attendance-MIN_NUM_FORMS": "0",
        "attendance-MAX_NUM_FORMS": "1000",
    }
    for index, group in enumerate(groups):
        data[f"attendance-{index}-count"] = str(attendance.get(group.slug, ""))
    return data


def issue_data(issue=None, *, title):
    """The issue form as its page would send it, with a new English title."""
    personal = SecurityDimension.objects.get(slug="personal")
    return {
        "title_es": issue.title_es if issue else "Calles sin alumbrado",
        "title_en": title,
        "description_en": "",
        "dimension": str(issue.dimension_id if issue else personal.pk),
        "kind": issue.kind if issue else "prioritised",
        "visibility": issue.visibility if issue else "public",
        # The revision the form was opened at (a new issue has none yet).
        "revision": str(issue.revision if issue else 0),
        # A new public issue on a published agenda is saved once confirmed
        # (tests/workspace/test_confirm_public.py).
        **({} if issue else {"confirm_public": "yes"}),
    }


def proposal_data(proposal=None, *, text, issue):
    return {
        "actor": proposal.actor if proposal else "community",
        "text_es": proposal.text_es if proposal else "Alumbrar las calles del mercado",
        "text_en": text,
        "issues": [str(issue.pk)],
        "revision": str(proposal.revision if proposal else 0),
    }


def place_among_siblings(item):
    """The item's index in the list it is ordered within on the agenda."""
    if isinstance(item, Issue):
        siblings = Issue.objects.filter(agenda_id=item.agenda_id, kind=item.kind)
    else:
        siblings = Proposal.objects.filter(agenda_id=item.agenda_id, actor=item.actor)
    return list(siblings.order_by("order", "pk").values_list("pk", flat=True)).index(item.pk)


def last_place(issue):
    return Issue.objects.filter(agenda_id=issue.agenda_id, kind=issue.kind).count() - 1


def tally_typed_in(o):
    tally = PaperTally.objects.filter(workshop=o.workshop, agenda=o.agenda).first()
    if tally is None:
        return False
    return (tally.voters, tally.dots_per_voter, tally.max_dots_per_issue) == (12, 3, 2) and list(
        tally.counts.values_list("issue_id", "dots")
    ) == [(o.public_issue.pk, 5)]


# page -> (valid form data, whether its change is in the database). The public
# issue starts first among the prioritised issues, the restricted one last among
# the silenced ones, the proposal first among those for the authorities: each
# is moved the way it can go.
SUBMISSIONS = {
    "workshop-create": (
        lambda o: workshop_data(
            "Evening workshop at the market",
            {"women": 9, "youths": 4},
            present=11,
            first_timers=11,
        ),
        lambda o: Workshop.objects.filter(
            neighbourhood=o.neighbourhood,
            title_en="Evening workshop at the market",
            attendance__count=9,
        ).exists(),
    ),
    "workshop-edit": (
        lambda o: workshop_data(
            "Co-construction workshops, renamed", {}, present=63, first_timers=63
        ),
        lambda o: Workshop.objects.filter(
            pk=o.workshop.pk, title_en="Co-construction workshops, renamed"
        ).exists(),
    ),
    "workshop-delete": (
        lambda o: {"confirm": "yes"},
        lambda o: not Workshop.objects.filter(pk=o.workshop.pk).exists(),
    ),
    "tally": (
        lambda o: {
            "voters": "12",
            "dots_per_voter": "3",
            "max_dots_per_issue": "2",
            f"issue_{o.public_issue.pk}": "5",
        },
        tally_typed_in,
    ),
    "issue-create": (
        lambda o: {**issue_data(title="Streets without lighting"), "workshops": o.workshop.pk},
        lambda o: Issue.objects.filter(
            agenda=o.agenda, title_en="Streets without lighting", workshops=o.workshop
        ).exists(),
    ),
    "proposal-create": (
        lambda o: proposal_data(text="Light the market streets", issue=o.public_issue),
        lambda o: Proposal.objects.filter(
            agenda=o.agenda, text_en="Light the market streets", issues=o.public_issue
        ).exists(),
    ),
    "public-issue-edit": (
        lambda o: issue_data(o.public_issue, title="Assaults and robberies, renamed"),
        lambda o: Issue.objects.filter(
            pk=o.public_issue.pk, title_en="Assaults and robberies, renamed"
        ).exists(),
    ),
    "public-issue-delete": (
        lambda o: {"confirm": "yes"},
        lambda o: not Issue.objects.filter(pk=o.public_issue.pk).exists(),
    ),
    "public-issue-move": (
        lambda o: {"direction": "down"},
        lambda o: place_among_siblings(o.public_issue) == 1,
    ),
    "restricted-issue-edit": (
        lambda o: issue_data(o.restricted_issue, title="Restricted issue, renamed"),
        lambda o: Issue.objects.filter(
            pk=o.restricted_issue.pk, title_en="Restricted issue, renamed", visibility="restricted"
        ).exists(),
    ),
    "restricted-issue-delete": (
        lambda o: {"confirm": "yes"},
        lambda o: not Issue.objects.filter(pk=o.restricted_issue.pk).exists(),
    ),
    "restricted-issue-move": (
        lambda o: {"direction": "up"},
        lambda o: place_among_siblings(o.restricted_issue) == last_place(o.restricted_issue) - 1,
    ),
    "proposal-edit": (
        lambda o: proposal_data(o.proposal, text="Train the police, renamed", issue=o.public_issue),
        lambda o: Proposal.objects.filter(
            pk=o.proposal.pk, text_en="Train the police, renamed", issues=o.public_issue
        ).exists(),
    ),
    "proposal-delete": (
        lambda o: {"confirm": "yes"},
        lambda o: not Proposal.objects.filter(pk=o.proposal.pk).exists(),
    ),
    "proposal-move": (
        lambda o: {"direction": "down"},
        lambda o: place_among_siblings(o.proposal) == 1,
    ),
}


def snapshot():
    """Every row a workspace page can write, and how many history records
    each tracked model has."""

    def rows(model):
        # Translated columns are read in the active language, which a request
        # changes: read them in one language before and after.
        with translation.override("es"):
            return list(model.objects.order_by("pk").values_list())

    state = {
        model._meta.label: rows(model)
        for model in [
            Workshop,
            Workshop.facilitators.through,
            Attendance,
            Agenda,
            Issue,
            Issue.related_dimensions.through,
            Issue.workshops.through,
            Proposal,
            Proposal.issues.through,
            PaperTally,
            TallyCount,
        ]
    }
    for model in apps.get_app_config("history").get_models():
        state[f"{model._meta.label} rows"] = model.objects.count()
    return state


# --- the matrix ------------------------------------------------------------------------


CASES = [
    pytest.param(page, role, method, status, id=f"{page}-{role}-{method}")
    for (page, method), statuses in EXPECTED.items()
    for role, status in zip(ROLES, statuses, strict=True)
]


def test_the_table_covers_every_page_and_method():
    assert {page for page, _method in EXPECTED} == set(URLS)
    assert len(EXPECTED) == 2 * len(URLS)
    assert set(SUBMISSIONS) == {
        page
        for (page, method), statuses in EXPECTED.items()
        if method == "POST" and 302 in statuses[1:]
    }


@pytest.mark.parametrize(("page", "role", "method", "expected"), CASES)
def test_status_and_effect(client_for, demo, page, role, method, expected):
    url = URLS[page](demo)
    client = client_for(role)
    data, changed = SUBMISSIONS.get(page, (lambda o: {}, None))
    saves = method == "POST" and role != "visitor" and expected == 302
    if saves:
        assert not changed(demo), "the demo data already shows the change this page makes"
    before = snapshot()

    if method == "GET":
        response = client.get(url, headers=EN)
    else:
        response = client.post(url, data(demo), headers=EN)

    assert response.status_code == expected
    if saves:
        assert changed(demo)
    else:
        # Refused, or only read: nothing written, not even a history record.
        assert snapshot() == before
    if role == "visitor" and expected == 302:
        assert response["Location"] == f"/sign-in/?next={quote(url)}"
    if role not in SEES_RESTRICTED:
        body = response.content.decode()
        for title in RESTRICTED_TITLES:
            assert title not in body
