"""What the tests of vote results share: a round closed as its facilitator
closes it, ballots cast by new residents (of a group, if they said so),
paper tallies as typed into the workspace, and the results page as its
facilitator reads it."""

import html
import re
from datetime import date

from communities.models import ParticipantGroup
from residents.models import ResidentProfile
from tallies.models import PaperTally, TallyCount
from tests.helpers import EN
from tests.pages.helpers import page_text
from tests.voting import SLUG, agenda, many_residents
from voting import services
from voting.models import VotingRound
from workshops.models import Workshop


def closed(round):
    """The round, closed by hand as its facilitator does."""
    services.close_round(round)
    return VotingRound.objects.get(pk=round.pk)


def online(result):
    return {row.issue.pk: row.online for row in result.issues}


def vote_all(round, ballots):
    """Each ballot by a new resident; `ballots` are lists of (issue, value)."""
    voters = many_residents(len(ballots), prefix=f"round{round.pk}")
    for voter, marks in zip(voters, ballots, strict=True):
        services.cast_ballot(round, voter, {issue.pk: value for issue, value in marks})
    return voters


def results_page(client_for, round):
    response = client_for("facilitator").get(f"/workspace/votes/{round.pk}/", headers=EN)
    assert response.status_code == 200
    return response


def by_group_text(response):
    text = page_text(response)
    return text[text.index("Online ballots by group") :]


def group_rows(response):
    """(group, voters) as the by-group table shows them."""
    body = response.content.decode()
    section = body[body.index('id="by-group"') :]
    return [
        (html.unescape(name), int(voters))
        for name, voters in re.findall(r'<tr><th scope="row">([^<]*)</th><td>(\d+)</td>', section)
    ]


def paper_tallies(counts_by_workshop):
    """{workshop: (voters, {issue: dots})} as typed into the workspace."""
    the_agenda = agenda()
    for workshop, (voters, counts) in counts_by_workshop.items():
        tally = PaperTally.objects.create(workshop=workshop, agenda=the_agenda, voters=voters)
        for issue, dots in counts.items():
            TallyCount.objects.create(tally=tally, issue=issue, dots=dots)


def workshops():
    first = Workshop.objects.get(neighbourhood__slug=SLUG)
    second = Workshop.objects.create(
        neighbourhood=first.neighbourhood, title_en="Second workshop", date=date(2018, 5, 4)
    )
    return first, second


def group(slug):
    return ParticipantGroup.objects.get(slug=slug)


def voters_in(round, slug, count, marks, *, prefix):
    """`count` residents of one group (as they said on joining), each casting `marks`."""
    voters = many_residents(count, prefix=prefix)
    for voter in voters:
        if slug:
            ResidentProfile.objects.create(user=voter).groups.set([group(slug)])
        services.cast_ballot(round, voter, {issue.pk: value for issue, value in marks})
    return voters
