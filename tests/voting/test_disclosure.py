"""An adversary against small-group suppression (access.disclosure).

Votes are built with several patterns of group membership; every figure
published about them — the results page, the comparison page under each
filter, the open data CSV and the API, for every role, while the vote is open
(before and after one more ballot, and after a re-vote) and once it is
closed — is read as a reader would read it. The adversary then subtracts:
every published figure from every other, and the total minus every
combination of the group rows. No figure so derived may be the sum of the
ballots of between 1 and SMALLEST_GROUP − 1 voters. A second, exact check
treats the groups shown as sets of ballots: no combination of them, with
any coefficients, may be carried by fewer than SMALLEST_GROUP ballots.
"""

import re
from datetime import date, timedelta
from fractions import Fraction
from itertools import combinations

import pytest

from access.disclosure import SMALLEST_GROUP
from agendas.models import Issue
from communities.models import ParticipantGroup
from residents.models import ResidentProfile
from tests.comparison.helpers import tables
from tests.helpers import EN
from tests.opendata.helpers import api_rows, csv_rows
from tests.pages.helpers import page_text
from tests.voting import SLUG, many_residents, open_round
from voting import services
from voting.models import VotingRound

pytestmark = pytest.mark.django_db

K = SMALLEST_GROUP
TEAM = ["facilitator", "researcher", "admin"]
# The roles that read votes differently (a resident and a facilitator of
# another neighbourhood read them as a visitor does, an admin as a researcher).
EVERYONE = ["visitor", "other_facilitator", "facilitator", "researcher"]
POINTS = re.compile(r"^(.*): (\d+) points?$")

# Each pattern: (groups of a voter, how many such voters); every voter
# approves the issues of their kind of voter (below), so ballots differ.
PATTERNS = {
    "five women and one man": [({"women"}, 5), ({"men"}, 1)],
    "women, small groups and silent voters": [
        ({"women"}, 5),
        ({"youths"}, 3),
        ({"elderly"}, 2),
        (set(), 4),
    ],
    "youths inside women": [({"women", "youths"}, 5), ({"women"}, 1), (set(), 6)],
    "two overlapping groups": [
        ({"women"}, 3),
        ({"women", "youths"}, 2),
        ({"youths"}, 3),
        (set(), 6),
    ],
    "one voter in many groups": [({"women", "youths", "elderly", "men"}, 1), (set(), 6)],
    "a group of five and four others": [({"youths"}, 5), ({"elderly"}, 4)],
    "three ballots": [({"women"}, 2), (set(), 1)],
    "large groups": [({"women"}, 7), ({"youths"}, 6), ({"women", "youths"}, 5), (set(), 5)],
}


def build(pattern):
    """Cast the pattern's ballots; returns the round and the voters with
    their groups, the last voter kept back to vote late."""
    round = open_round("approval")
    issues = list(round.ballot_issues())
    voters = []
    for kind, (groups, count) in enumerate(PATTERNS[pattern]):
        for person in many_residents(count, prefix=f"p{kind}"):
            if groups:
                ResidentProfile.objects.create(user=person).groups.set(
                    ParticipantGroup.objects.filter(slug__in=groups)
                )
            # Each kind of voter approves its own issue and a common one.
            n = len(voters)
            voters.append(
                (person, {g.pk for g in person_groups(groups)}, {issues[kind], issues[9 + n % 3]})
            )
    return round, issues, voters


def person_groups(slugs):
    return list(ParticipantGroup.objects.filter(slug__in=slugs))


def marks_of(issues_approved):
    return {issue.pk: 1 for issue in issues_approved}


def pk_by_title():
    return {issue.title_en: issue.pk for issue in Issue.objects.filter(agenda__slug=SLUG)}


# --- reading what is published -----------------------------------------------------


def results_page_figures(client, round, titles):
    """(label, voters, {issue: points}) for the total row and each group row."""
    response = client.get(f"/workspace/votes/{round.pk}/", headers=EN)
    assert response.status_code == 200
    ballots = int(re.search(r"(\d+) online ballots", page_text(response)).group(1))
    found = tables(response)
    rows = found.get(None, [])
    figures = []
    # Place, issue, online, paper, combined.
    main = [r[1:] for r in found["results-table"][1:] if r[1] in titles]
    if all(r[1] != "not shown" for r in main):
        figures.append(("total", ballots, {titles[r[0]]: int(r[1]) for r in main}))
    group_header = next((r for r in rows if r[:2] == ["Group", "Voters"]), None)
    if group_header:
        issue_ids = [titles[t] for t in group_header[2:]]
        for r in rows[rows.index(group_header) + 1 :]:
            figures.append((r[0], int(r[1]), dict(zip(issue_ids, map(int, r[2:]), strict=True))))
    return figures


def compare_figures(client, titles, city):
    figures = []
    today = date.today()
    for query in (
        {},
        {"city": city},
        {"date_from": (today - timedelta(days=1)).isoformat()},
        {"date_to": (today + timedelta(days=1)).isoformat()},
        {"kind": "silenced", "dimension": "personal"},
    ):
        response = client.get("/compare/", query, headers=EN)
        assert response.status_code == 200
        for row in tables(response).get("online-votes", [])[1:]:
            points = {}
            for item in row[3].split(" | "):
                match = POINTS.match(item)
                if match:
                    points[titles[match.group(1)]] = int(match.group(2))
            if points:
                figures.append(("compare", int(row[2]), points))
    return figures


def open_data_figures(client):
    # Open data names issues by public id; the adversary compares by pk.
    pk_of = dict(Issue.objects.values_list("public_id", "pk"))
    figures = []
    for rows in (
        api_rows(client, "results", headers=EN),
        csv_rows(client.get("/data/results.csv", headers=EN).content),
    ):
        online = [r for r in rows if r["source"] == "online" and r["agenda"] == SLUG]
        if online:
            figures.append(
                (
                    "open data",
                    int(online[0]["ballots"]),
                    {pk_of[r["issue"]]: int(r["points"]) for r in online},
                )
            )
    return figures


def everything_published(client_for, round, titles, city):
    figures = []
    for role in EVERYONE:
        client = client_for(role)
        if role in TEAM:
            figures += results_page_figures(client, round, titles)
        figures += compare_figures(client, titles, city)
        figures += open_data_figures(client)
    return figures


# --- the adversary -----------------------------------------------------------------


def isolates(count, points, ballots):
    """Whether (count, points) is the sum of `count` of the ballots, for
    1 <= count < K (on the issues the figure names)."""
    if not 1 <= count < K:
        return False
    for chosen in combinations(ballots, count):
        if all(sum(b.get(issue, 0) for b in chosen) == n for issue, n in points.items()):
            return True
    return False


def derived(figures):
    """Every published figure, every difference of two, and the total minus
    every combination of the group rows."""
    # The same figure read by several roles or under several filters counts once.
    figures = list({(label, n, tuple(sorted(p.items()))): None for label, n, p in figures})
    figures = [(label, n, dict(p)) for label, n, p in figures]
    out = list(figures)
    for (_a, n, p), (_b, m, q) in combinations(figures, 2):
        if n < m:
            (n, p), (m, q) = (m, q), (n, p)
        shared = p.keys() & q.keys()
        out.append(("difference", n - m, {i: p[i] - q[i] for i in shared}))
    totals = [f for f in figures if f[0] in ("total", "open data")]
    groups = list(
        {
            (label, n, tuple(sorted(p.items())))
            for label, n, p in figures
            if label not in ("total", "open data", "compare")
        }
    )
    for total in totals[:1]:
        for size in range(1, len(groups) + 1):
            for chosen in combinations(groups, size):
                points = {
                    i: total[2][i] - sum(dict(g[2]).get(i, 0) for g in chosen) for i in total[2]
                }
                out.append(("total minus groups", total[1] - sum(g[1] for g in chosen), points))
    return out


def rank(rows):
    rows = [[Fraction(x) for x in row] for row in rows]
    found = 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in range(found, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[found], rows[pivot] = rows[pivot], rows[found]
        for r in range(len(rows)):
            if r != found and rows[r][column]:
                factor = rows[r][column] / rows[found][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[found], strict=True)]
        found += 1
    return found


def smallest_derivable_support(sets, universe):
    """The fewest ballots any nonzero combination of `sets` (each a set of
    ballot indices) rests on; None when nothing is published."""
    if not sets:
        return None
    matrix = [[1 if b in s else 0 for b in range(universe)] for s in sets]
    full = rank(matrix)
    for size in range(1, K):
        for taken in combinations(range(universe), size):
            rest = [[row[b] for b in range(universe) if b not in taken] for row in matrix]
            if rank(rest) < full:
                return size
    return K


@pytest.mark.parametrize("pattern", PATTERNS)
def test_no_published_figure_or_difference_singles_out_fewer_than_five_voters(client_for, pattern):
    round, issues, voters = build(pattern)
    titles = pk_by_title()
    city = round.agenda.neighbourhood.city.slug
    cast = []  # every ballot ever cast, replaced ones included
    figures = []

    *first, (late, _late_groups, late_marks) = voters
    for person, _groups, approved in first:
        services.cast_ballot(round, person, marks_of(approved))
        cast.append(marks_of(approved))
    figures += everything_published(client_for, round, titles, city)  # before the late ballot
    services.cast_ballot(round, late, marks_of(late_marks))
    cast.append(marks_of(late_marks))
    figures += everything_published(client_for, round, titles, city)  # after it
    revote = marks_of({issues[12]})
    services.cast_ballot(round, late, revote)
    cast.append(revote)
    figures += everything_published(client_for, round, titles, city)  # after a re-vote

    services.close_round(round)
    round = VotingRound.objects.get(pk=round.pk)
    closed = everything_published(client_for, round, titles, city)
    figures += closed

    leaks = [f for f in derived(figures) if isolates(f[1], f[2], cast)]
    assert leaks == [], leaks[:5]

    # Exactly: the groups shown, as sets of the final ballots.
    final = [groups for _person, groups, _marks in voters]
    by_name = {g.name_en: g.pk for g in ParticipantGroup.objects.all()}
    rows = {label for label, _n, _p in closed if label not in ("compare", "open data")}
    sets = []
    if closed:
        sets.append(set(range(len(final))))
    named = {by_name[label] for label in rows if label in by_name}
    for label in rows:
        if label in by_name:
            sets.append({b for b, groups in enumerate(final) if by_name[label] in groups})
        elif label == "Other groups":
            sets.append({b for b, groups in enumerate(final) if groups - named})
    support = smallest_derivable_support(sets, len(final))
    assert support is None or support >= K, (pattern, rows, support)


def test_the_adversary_sees_figures_where_they_are_safe(client_for):
    # Not vacuous: a closed vote with large groups shows its total and groups
    # on every output, and they are the sums of the ballots.
    round, _issues, voters = build("large groups")
    for person, _groups, approved in voters:
        services.cast_ballot(round, person, marks_of(approved))
    services.close_round(round)
    round = VotingRound.objects.get(pk=round.pk)

    figures = everything_published(
        client_for, round, pk_by_title(), round.agenda.neighbourhood.city.slug
    )

    labels = {label for label, _n, _p in figures}
    assert {"total", "compare", "open data", "Women", "Youths"} <= labels
    total = next(p for label, _n, p in figures if label == "total")
    expected = {}
    for _person, _groups, approved in voters:
        for issue in approved:
            expected[issue.pk] = expected.get(issue.pk, 0) + 1
    assert {i: n for i, n in total.items() if n} == expected
