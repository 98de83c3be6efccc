"""Opening a vote on the site (who may, with which numbers, and what a
refused form says), closing it, applying its result, and who reads it."""

import pytest

from agendas.models import Issue
from tests.helpers import EN, HEADERS
from tests.pages.helpers import page_text
from tests.voting import SLUG, many_residents, open_round
from voting import services
from voting.models import VotingRound

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

ROUNDS_URL = f"/workspace/agendas/{SLUG}/votes/"
NOTHING_SAVED = {
    "en": "Nothing was saved. Please correct what is marked below.",
    "es": "No se guardó nada. Corrija lo que está señalado abajo.",
}


# --- opening a vote -------------------------------------------------------------------


def test_a_facilitator_opens_a_dot_vote_that_residents_of_the_neighbourhood_see(
    client_for, demo_users
):
    response = client_for("facilitator").post(
        ROUNDS_URL,
        {
            "title": "Which issues first?",
            "method": "dots",
            "dots_per_voter": "5",
            "max_dots_per_issue": "2",
            "closes_at": "2099-06-30T18:00",
        },
        headers=EN,
    )

    round = VotingRound.objects.get(title="Which issues first?")
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/votes/{round.pk}/"
    assert (round.agenda.slug, round.method) == (SLUG, "dots")
    assert (round.dots_per_voter, round.max_dots_per_issue) == (5, 2)
    assert round.opened_by == demo_users["facilitator"]
    assert round.closes_at.year == 2099
    assert round.is_open()

    resident = client_for("resident")
    assert "Which issues first?" in page_text(resident.get("/vote/", headers=EN))
    ballot = resident.get(f"/vote/{round.pk}/", headers=EN)
    assert ballot.status_code == 200
    assert "You have 5 dots. Put up to 2 on one issue" in page_text(ballot)


@pytest.mark.parametrize("method", ["approval", "ranking"])
def test_approval_and_ranking_votes_keep_no_dot_numbers(client_for, method):
    response = client_for("facilitator").post(
        ROUNDS_URL,
        {"title": f"A {method} vote", "method": method, "dots_per_voter": "9"},
        headers=EN,
    )

    assert response.status_code == 302
    round = VotingRound.objects.get(title=f"A {method} vote")
    assert (round.method, round.dots_per_voter, round.max_dots_per_issue) == (method, None, None)


@pytest.mark.parametrize(
    ("numbers", "language", "message"),
    [
        (("", "2"), "en", "Dot voting needs the number of dots each."),
        (("5", ""), "en", "Dot voting needs the most on one issue."),
        (("5", "6"), "en", "No one can put more dots on one issue than they have in all."),
        (
            ("5", "6"),
            "es",
            "Nadie puede poner en un tema más puntos de los que tiene en total.",
        ),
        (("0", "1"), "en", "Dot voting needs the number of dots each."),
        (("-1", "1"), "en", "Dot voting needs the number of dots each."),
        (("five", "2"), "en", "Enter a whole number."),
    ],
    ids=[
        "no-dots-each",
        "no-most",
        "most-above-each",
        "most-above-each-es",
        "zero",
        "negative",
        "words",
    ],
)
def test_dot_numbers_a_vote_cannot_have_are_refused(client_for, numbers, language, message):
    each, most = numbers
    response = client_for("facilitator").post(
        ROUNDS_URL,
        {"method": "dots", "dots_per_voter": each, "max_dots_per_issue": most},
        headers=HEADERS[language],
    )

    assert response.status_code == 400
    text = page_text(response)
    assert NOTHING_SAVED[language] in text
    assert message in text
    assert not VotingRound.objects.exists()


def test_a_vote_needs_a_method(client_for):
    response = client_for("facilitator").post(ROUNDS_URL, {"method": "plurality"}, headers=EN)

    assert response.status_code == 400
    assert not VotingRound.objects.exists()


@pytest.mark.parametrize("role", ["resident", "other_facilitator", "researcher"])
def test_only_the_agendas_facilitators_and_admins_open_a_vote(client_for, role):
    response = client_for(role).post(
        ROUNDS_URL, {"method": "dots", "dots_per_voter": "5", "max_dots_per_issue": "2"}
    )

    assert response.status_code == 403
    assert not VotingRound.objects.exists()


def test_an_admin_opens_a_vote(client_for):
    response = client_for("admin").post(ROUNDS_URL, {"method": "approval"})

    assert response.status_code == 302
    assert VotingRound.objects.get().method == "approval"


@pytest.mark.parametrize(
    ("role", "status"),
    [("researcher", 200), ("facilitator", 200), ("resident", 403), ("other_facilitator", 403)],
)
def test_the_list_of_votes_is_read_by_those_who_read_the_agendas_work(client_for, role, status):
    response = client_for(role).get(ROUNDS_URL, headers=EN)

    assert response.status_code == status
    if role == "researcher":
        # Reading, not opening: no form to open a vote.
        assert "Open the vote" not in page_text(response)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_visitor_is_sent_to_sign_in_before_opening_a_vote(client_for, method):
    response = getattr(client_for("visitor"), method)(ROUNDS_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={ROUNDS_URL}"
    assert not VotingRound.objects.exists()


# --- closing a vote and applying its result -----------------------------------------

# The agenda's facilitators and admins may; the visitor is sent to sign in.
WHO_MAY_CHANGE_A_ROUND = [
    ("facilitator", 302),
    ("admin", 302),
    ("other_facilitator", 403),
    ("researcher", 403),
    ("resident", 403),
    ("visitor", 302),
]


@pytest.mark.parametrize(("role", "status"), WHO_MAY_CHANGE_A_ROUND)
def test_only_the_agendas_facilitators_and_admins_close_a_vote(client_for, role, status):
    round = open_round("dots")

    response = client_for(role).post(f"/workspace/votes/{round.pk}/close/", {"confirm": "yes"})

    assert response.status_code == status
    round.refresh_from_db()
    if role in ("facilitator", "admin"):
        assert response["Location"] == f"/workspace/votes/{round.pk}/"
        assert round.closed_at is not None
        assert not round.is_open()
    else:
        assert round.closed_at is None
        if role == "visitor":
            assert response["Location"].startswith("/sign-in/?next=")


def test_reading_the_closing_page_closes_nothing(client_for):
    round = open_round("dots")

    assert client_for("facilitator").get(f"/workspace/votes/{round.pk}/close/").status_code == 200
    round.refresh_from_db()
    assert round.closed_at is None


def test_closing_twice_keeps_the_first_closing_time(client_for):
    round = open_round("dots")
    facilitator = client_for("facilitator")
    facilitator.post(f"/workspace/votes/{round.pk}/close/", {"confirm": "yes"})
    first = VotingRound.objects.get(pk=round.pk).closed_at

    facilitator.post(f"/workspace/votes/{round.pk}/close/", {"confirm": "yes"})

    assert VotingRound.objects.get(pk=round.pk).closed_at == first


@pytest.mark.parametrize(("role", "status"), WHO_MAY_CHANGE_A_ROUND)
def test_only_the_agendas_facilitators_and_admins_apply_a_result(
    demo_users, client_for, role, status
):
    # A closed vote of five ballots: what an open one, or fewer ballots,
    # would let the agenda's order show is withheld (tests/voting/test_results.py).
    round = open_round("dots")
    issues = list(round.ballot_issues())
    for voter in [demo_users["resident"], *many_residents(4, prefix="applied")]:
        services.cast_ballot(round, voter, {issues[-1].pk: 3})
    services.close_round(round)
    order_before = dict(Issue.objects.filter(agenda__slug=SLUG).values_list("pk", "order"))

    response = client_for(role).post(f"/workspace/votes/{round.pk}/apply/")

    assert response.status_code == status
    order_after = dict(Issue.objects.filter(agenda__slug=SLUG).values_list("pk", "order"))
    if role in ("facilitator", "admin"):
        assert response["Location"] == f"/workspace/agendas/{SLUG}/"
        first = Issue.objects.filter(agenda__slug=SLUG, kind="prioritised").order_by("order")[0]
        assert first == issues[-1]
    else:
        assert order_after == order_before


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("facilitator", 200),
        ("researcher", 200),
        ("admin", 200),
        ("other_facilitator", 403),
        ("resident", 403),
    ],
)
def test_results_are_read_where_the_agendas_work_is_read(client_for, role, status):
    round = open_round("approval")

    assert client_for(role).get(f"/workspace/votes/{round.pk}/").status_code == status
