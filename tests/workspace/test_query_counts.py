"""Every workspace page makes the same number of SQL queries whatever the
amount of work logged: ten times the workshops, attendance, issues,
proposals, links, tallies and history must not cost one query more."""

import pytest

from agendas.models import Agenda, Issue
from communities.models import Neighbourhood, ParticipantGroup, SecurityDimension
from proposals.models import Proposal
from tallies.models import PaperTally, TallyCount
from tests.factories import AttendanceFactory, IssueFactory, ProposalFactory, WorkshopFactory
from tests.helpers import EN, page_queries
from workshops.models import Attendance, Workshop

pytestmark = pytest.mark.django_db

TIMES = 10


@pytest.fixture
def work(demo_users):
    """The Lázaro Cárdenas work the pages are read on, with one of every kind
    of thing each page shows, so that the first count already pays for every
    kind of query."""
    place = Neighbourhood.objects.get(slug="lazaro-cardenas")
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    workshop = Workshop.objects.get(neighbourhood=place)
    issue = Issue.objects.get(agenda=agenda, title_en="Lack of trust in the authorities")
    proposal = Proposal.objects.filter(agenda=agenda).order_by("order").first()
    women = ParticipantGroup.objects.get(slug="women")
    workshop.facilitators.add(demo_users["facilitator"])
    Attendance.objects.create(workshop=workshop, group=women, count=5)
    issue.related_dimensions.add(SecurityDimension.objects.get(slug="women"))
    issue.workshops.add(workshop)
    proposal.issues.add(issue)
    tally = PaperTally.objects.create(
        workshop=workshop, agenda=agenda, voters=10, dots_per_voter=3, max_dots_per_issue=2
    )
    TallyCount.objects.create(tally=tally, issue=issue, dots=3)
    edit_through_the_orm(workshop, issue, proposal, tally, 1)
    return {
        "place": place,
        "agenda": agenda,
        "workshop": workshop,
        "issue": issue,
        "proposal": proposal,
        "tally": tally,
    }


def edit_through_the_orm(workshop, issue, proposal, tally, edits):
    """`edits` rounds of changes to each object, each leaving history rows."""
    dimensions = list(SecurityDimension.objects.order_by("order"))
    issues = list(Issue.objects.filter(agenda=issue.agenda_id).order_by("pk")[:20])
    for n in range(edits):
        workshop.title_en = f"Co-construction workshops (edit {n})"
        workshop.save()
        row = workshop.attendance.get(group__slug="women")
        row.count += 1
        row.save()
        issue.title_en = f"Lack of trust in the authorities (edit {n})"
        issue.save()
        issue.related_dimensions.set(dimensions[n % 3 : n % 3 + 2])
        proposal.issues.add(issues[n % len(issues)])
        tally.voters += 1
        tally.save()
        count = tally.counts.get(issue=issue)
        count.dots += 1
        count.save()


def grow(work, times):
    """Make the Lázaro Cárdenas work `times` as large."""
    place, agenda = work["place"], work["agenda"]
    target, tally = work["workshop"], work["tally"]
    groups = list(ParticipantGroup.objects.order_by("order"))
    dimensions = list(SecurityDimension.objects.order_by("order"))
    facilitator = target.facilitators.get()
    issues = list(agenda.issues.order_by("pk"))
    proposals = list(agenda.proposals.order_by("pk"))
    workshops = []
    for n in range(1, times):
        held = WorkshopFactory(
            neighbourhood=place,
            title_en=f"Workshop {n}",
            title_es=f"Taller {n}",
            date=None,
            facilitators=[facilitator],
        )
        for group in groups:
            AttendanceFactory(workshop=held, group=group, count=n)
        workshops.append(held)
    copies = []
    for n in range(1, times):
        for i, issue in enumerate(issues):
            copy = IssueFactory(
                agenda=agenda,
                title_en=f"{issue.title_en} ({n})",
                title_es=f"{issue.title_es} ({n})",
                dimension=dimensions[(i + n) % len(dimensions)],
                kind=issue.kind,
                visibility=issue.visibility,
                order=1000 * n + i,
                related_dimensions=dimensions[:3],
                workshops=[target, workshops[n - 1]],
            )
            copies.append(copy)
        for i, proposal in enumerate(proposals):
            ProposalFactory(
                agenda=agenda,
                actor=proposal.actor,
                text_en=f"{proposal.text_en} ({n})",
                text_es=f"{proposal.text_es} ({n})",
                order=1000 * n + i,
                issues=issues[:2] + copies[-2:],
            )
    every_issue = issues + copies
    for group in groups:
        Attendance.objects.get_or_create(workshop=target, group=group, defaults={"count": 2})
    for held in [*workshops, target]:
        voted = held.tallies.get_or_create(agenda=agenda, defaults={"voters": 60})[0]
        for issue in every_issue[: times * 3]:
            if issue.pk != work["issue"].pk:
                TallyCount.objects.get_or_create(tally=voted, issue=issue, defaults={"dots": 1})
    work["issue"].workshops.add(*workshops)
    edit_through_the_orm(target, work["issue"], work["proposal"], tally, 2 * times)


def pages(work):
    workshop, issue, proposal = work["workshop"], work["issue"], work["proposal"]
    tally = f"/workspace/workshops/{workshop.pk}/tallies/lazaro-cardenas/"
    return {
        "dashboard": "/workspace/",
        "neighbourhood": f"/workspace/neighbourhoods/{work['place'].pk}/",
        "workshop": f"/workspace/workshops/{workshop.pk}/",
        "workshop edit": f"/workspace/workshops/{workshop.pk}/edit/",
        "tally": tally,
        "agenda": "/workspace/agendas/lazaro-cardenas/",
        "issue edit": f"/workspace/issues/{issue.pk}/edit/",
        "proposal edit": f"/workspace/proposals/{proposal.pk}/edit/",
        "workshop history": f"/workspace/workshops/{workshop.pk}/history/",
        "tally history": f"{tally}history/",
        "issue history": f"/workspace/issues/{issue.pk}/history/",
        "proposal history": f"/workspace/proposals/{proposal.pk}/history/",
    }


@pytest.mark.parametrize("role", ["facilitator", "researcher"])
def test_workspace_queries_do_not_grow_with_the_work(client_for, work, role):
    client = client_for(role)
    urls = pages(work)
    if role == "researcher":  # reads, never edits
        urls = {name: url for name, url in urls.items() if "edit" not in name and name != "tally"}
    client.get("/workspace/")  # the session is read once per client, not per page
    before = {name: page_queries(client, url, headers=EN)[0] for name, url in urls.items()}
    issues, proposals = work["agenda"].issues.count(), work["agenda"].proposals.count()
    history = work["issue"].history.count()
    grow(work, TIMES)
    assert work["agenda"].issues.count() == TIMES * issues
    assert work["agenda"].proposals.count() == TIMES * proposals
    assert work["issue"].history.count() >= TIMES * history
    assert Workshop.objects.filter(neighbourhood=work["place"]).count() == TIMES
    after = {name: page_queries(client, url, headers=EN)[0] for name, url in urls.items()}
    assert after == before
