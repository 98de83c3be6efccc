"""Casting a ballot on the site, and every way a ballot is refused: a
refused ballot says why, in the reader's language, and changes nothing
that was recorded. Who reaches a ballot at all."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from agendas.models import Issue
from tests.helpers import EN, ES, HEADERS, RESTRICTED_EN, signed_in
from tests.pages.helpers import page_text
from tests.voting import (
    SLUG,
    ballot_data,
    cast,
    check_receipt,
    online_totals,
    open_round,
    receipt_of,
    resident_with_code,
    restricted_prioritised_issue,
    stored_votes,
    text_in_database,
)
from voting import selectors, services
from voting.models import Ballot, BallotMark, Participation, VotingRound

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

NOT_RECORDED = {
    "en": "Your vote was not recorded. Please correct what is marked below.",
    "es": "Su voto no se registró. Corrija lo que está señalado abajo.",
}


# --- casting a ballot -----------------------------------------------------------------


def marks_for(method, issues):
    """A valid ballot of each method, and the points each mark must count."""
    n = len(issues)
    if method == "dots":
        marks = {issues[0]: 3, issues[4]: 2}
        return marks, {issues[0].pk: 3, issues[4].pk: 2}
    if method == "approval":
        marks = {issues[1]: True, issues[2]: True, issues[7]: True}
        return marks, {issues[1].pk: 1, issues[2].pk: 1, issues[7].pk: 1}
    marks = {issues[5]: 1, issues[0]: 2, issues[9]: 3}
    return marks, {issues[5].pk: n - 1, issues[0].pk: n - 2, issues[9].pk: n - 3}


@pytest.mark.parametrize("method", ["dots", "approval", "ranking"])
def test_a_resident_casts_a_ballot_and_gets_a_receipt_once(demo_users, method):
    round = open_round(method)
    issues = list(round.ballot_issues())
    resident = demo_users["resident"]
    client = signed_in(resident)
    marks, points = marks_for(method, issues)

    assert client.get(f"/vote/{round.pk}/", headers=EN).status_code == 200
    response = cast(client, round, marks)

    assert response.status_code == 200
    assert "Your vote is recorded" in page_text(response)
    receipt = receipt_of(response)
    ballot = Ballot.objects.get(round=round)
    assert dict(ballot.marks.values_list("issue_id", "points")) == points
    assert list(Participation.objects.values_list("round_id", "voter_id")) == [
        (round.pk, resident.pk)
    ]

    # Shown once: no later page repeats it.
    for url in (f"/vote/{round.pk}/", "/vote/", f"/vote/{round.pk}/check/"):
        assert receipt not in client.get(url, headers=EN).content.decode()
    # Kept only as a keyed hash: no column of any table holds the code.
    bare = receipt.replace("-", "")
    assert not [value for value in text_in_database() if receipt in value or bare in value]

    checked = check_receipt(client, round, receipt.lower().replace("-", " "))
    assert checked.status_code == 200
    shown = page_text(checked)
    assert "Your ballot" in shown
    for issue in marks:
        assert issue.title_en in shown


def test_a_new_ballot_replaces_the_residents_last_one_while_the_vote_is_open(demo_users):
    round = open_round("dots")
    issues = list(round.ballot_issues())
    resident = demo_users["resident"]
    client = signed_in(resident)
    neighbour = signed_in(resident_with_code())
    cast(neighbour, round, {issues[2]: 1})

    first = receipt_of(cast(client, round, {issues[0]: 3, issues[1]: 2}))
    second = receipt_of(cast(client, round, {issues[3]: 1}))
    last = receipt_of(cast(client, round, {issues[4]: 2, issues[5]: 2}))

    assert Participation.objects.filter(round=round, voter=resident).count() == 1
    assert Participation.objects.filter(round=round).count() == 2
    assert Ballot.objects.filter(round=round).count() == 2
    assert online_totals(round) == {issues[2].pk: 1, issues[4].pk: 2, issues[5].pk: 2}
    result = {row.issue.pk: row.online for row in selectors.count_votes(round).issues}
    assert {pk: n for pk, n in result.items() if n} == online_totals(round)

    for earlier in (first, second):
        old = check_receipt(client, round, earlier)
        assert old.status_code == 400
        assert "No ballot of this vote has that receipt." in page_text(old)
        assert "Your ballot" not in page_text(old)
    new = check_receipt(client, round, last)
    assert new.status_code == 200
    assert issues[4].title_en in page_text(new)
    assert issues[0].title_en not in page_text(new)


@pytest.mark.parametrize(
    ("headers", "title", "one", "two"),
    [
        (EN, "title_en", "1 mark on an issue that is no longer public",
         "2 marks on issues that are no longer public"),
        (ES, "title_es", "1 marca en un tema que ya no es público",
         "2 marcas en temas que ya no son públicos"),
    ],
)  # fmt: skip
def test_a_receipt_shows_no_title_of_an_issue_restricted_after_the_vote(
    demo_users, headers, title, one, two
):
    round = open_round("dots")
    issues = list(round.ballot_issues())
    client = signed_in(demo_users["resident"])
    receipt = receipt_of(cast(client, round, {issues[0]: 2, issues[1]: 1, issues[2]: 1}))

    Issue.objects.filter(pk=issues[1].pk).update(visibility=Issue.Visibility.RESTRICTED)
    shown = page_text(check_receipt(client, round, receipt, headers=headers))

    assert getattr(issues[0], title) in shown
    assert getattr(issues[2], title) in shown
    for hidden in (issues[1].title_en, issues[1].title_es):
        assert hidden not in shown
    assert one in shown

    Issue.objects.filter(pk=issues[2].pk).update(visibility=Issue.Visibility.RESTRICTED)
    shown = page_text(check_receipt(client, round, receipt, headers=headers))

    assert getattr(issues[0], title) in shown
    for hidden in (issues[1], issues[2]):
        assert hidden.title_en not in shown and hidden.title_es not in shown
    assert two in shown


# --- refused ballots ------------------------------------------------------------------


def other_agenda_issue(round, issues):
    return Issue.objects.filter(agenda__slug="sanchez-taboada", kind="prioritised").first()


def demo_restricted_issue(round, issues):
    return Issue.objects.get(agenda=round.agenda, title_en=RESTRICTED_EN)


def silenced_public_issue(round, issues):
    return Issue.objects.filter(agenda=round.agenda, kind="silenced", visibility="public").first()


def close_by_hand(round, client_for):
    response = client_for("facilitator").post(
        f"/workspace/votes/{round.pk}/close/", {"confirm": "yes"}
    )
    assert response.status_code == 302


def close_by_time(round, client_for):
    now = timezone.now()
    VotingRound.objects.filter(pk=round.pk).update(
        opens_at=now - timedelta(days=2), closes_at=now - timedelta(minutes=1)
    )


NOT_ON_IT = (
    "This ballot names an issue that is not on it.",
    "Esta boleta menciona un tema que no está en ella.",
)
EMPTY = (
    "The ballot is empty: mark at least one issue.",
    "La boleta está vacía: marque al menos un tema.",
)
GAPS = (
    "Number the issues you rank 1, 2, 3… without gaps or repeats.",
    "Numere los temas que clasifica 1, 2, 3… sin saltos ni repeticiones.",
)
CLOSED = ("This vote is closed.", "Esta votación está cerrada.")

# id: (method, marks by position on the ballot, an issue off the ballot, closing, en, es)
REFUSALS = {
    "more-dots-than-each-has": (
        "dots", {0: 3, 1: 3}, None, None,
        ("You placed 6 dots; each person has 5.", "Puso 6 puntos; cada persona tiene 5."),
    ),
    "more-than-the-most-on-one-issue": (
        "dots", {0: 4}, None, None, ("At most 3 here.", "Como máximo 3 aquí."),
    ),
    "negative-dots": (
        "dots", {0: -1, 1: 2}, None, None,
        ("Too small a number.", "El número es demasiado pequeño."),
    ),
    "words-for-dots": (
        "dots", {0: "two"}, None, None, ("Enter a whole number.", "Escriba un número entero."),
    ),
    "issue-of-another-agenda": ("dots", {0: 1}, other_agenda_issue, None, NOT_ON_IT),
    "demo-restricted-issue": ("approval", {0: True}, demo_restricted_issue, None, NOT_ON_IT),
    "restricted-prioritised-issue": (
        "ranking", {0: 1}, lambda round, issues: restricted_prioritised_issue(), None, NOT_ON_IT,
    ),
    "silenced-issue": ("dots", {0: 1}, silenced_public_issue, None, NOT_ON_IT),
    "closed-by-hand": ("dots", {0: 2}, None, close_by_hand, CLOSED),
    "closed-by-time": ("approval", {0: True}, None, close_by_time, CLOSED),
    "rank-with-a-gap": ("ranking", {0: 1, 1: 3}, None, None, GAPS),
    "rank-repeated": ("ranking", {0: 1, 1: 1, 2: 2}, None, None, GAPS),
    "rank-negative": (
        "ranking", {0: -1}, None, None, ("Too small a number.", "El número es demasiado pequeño."),
    ),
    "empty-dots": ("dots", {0: 0, 1: 0}, None, None, EMPTY),
    "empty-approval": ("approval", {}, None, None, EMPTY),
    "empty-ranking": ("ranking", {}, None, None, EMPTY),
}  # fmt: skip


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refused_ballot_says_why_and_changes_nothing(demo_users, client_for, case, language):
    method, positions, off_ballot, closing, messages = REFUSALS[case]
    round = open_round(method)
    issues = list(round.ballot_issues())
    client = signed_in(demo_users["resident"])
    neighbour = signed_in(resident_with_code())
    # Both already voted: a refused ballot must leave the earlier ones whole,
    # the sender's own included.
    valid, _points = marks_for(method, issues)
    cast(neighbour, round, valid)
    earlier = receipt_of(cast(client, round, valid))
    if closing:
        closing(round, client_for)
    data = ballot_data(round, {issues[i]: value for i, value in positions.items()})
    if off_ballot:
        stray = off_ballot(round, issues)
        data[f"issue_{stray.pk}"] = "on" if method == "approval" else "1"
    before = stored_votes()

    response = client.post(f"/vote/{round.pk}/", data, headers=HEADERS[language])

    assert response.status_code == 400
    text = page_text(response)
    en, es = messages
    assert (en if language == "en" else es) in text
    assert (es if language == "en" else en) not in text
    if not closing:
        assert NOT_RECORDED[language] in text
    assert 'id="receipt"' not in response.content.decode()
    assert stored_votes() == before
    assert check_receipt(client, round, earlier).status_code == 200


def test_the_service_refuses_what_the_form_would_have_caught(demo_users):
    # Whatever calls it, the service holds the rules of the round.
    round = open_round("dots")
    issues = list(round.ballot_issues())
    resident = demo_users["resident"]
    restricted = restricted_prioritised_issue()
    before = stored_votes()

    for marks, message in [
        ({issues[0].pk: 4}, "At most 3 dots on one issue."),
        ({issues[0].pk: 3, issues[1].pk: 3}, "You placed 6 dots; each person has 5."),
        ({issues[0].pk: -2, issues[1].pk: 1}, "Numbers on a ballot cannot be negative."),
        ({restricted.pk: 1}, "This ballot names an issue that is not on it."),
        ({}, "The ballot is empty: mark at least one issue."),
    ]:
        with pytest.raises(ValidationError) as refused:
            services.cast_ballot(round, resident, marks)
        assert refused.value.messages == [message]

    with pytest.raises(ValidationError):
        services.cast_ballot(open_round("approval"), resident, {issues[0].pk: 2})
    assert stored_votes() == before


# --- who reaches a ballot -------------------------------------------------------------


def test_a_resident_of_another_neighbourhood_finds_no_ballot(make_person):
    round = open_round("dots", title="Apatzingán decides")
    issue = round.ballot_issues().first()
    elsewhere = signed_in(
        make_person("resident-of-tijuana", role="resident", neighbourhood="sanchez-taboada")
    )
    before = stored_votes()

    assert elsewhere.get(f"/vote/{round.pk}/").status_code == 404
    assert elsewhere.post(f"/vote/{round.pk}/", {f"issue_{issue.pk}": "2"}).status_code == 404
    assert elsewhere.get(f"/vote/{round.pk}/check/").status_code == 404
    assert "Apatzingán decides" not in page_text(elsewhere.get("/vote/", headers=EN))
    assert stored_votes() == before


@pytest.mark.parametrize("role", ["facilitator", "researcher", "admin"])
def test_only_residents_vote(client_for, role):
    round = open_round("approval")
    issue = round.ballot_issues().first()

    response = client_for(role).post(f"/vote/{round.pk}/", {f"issue_{issue.pk}": "on"})

    assert response.status_code == 404
    assert not Ballot.objects.exists()


def test_a_visitor_is_sent_to_sign_in_before_voting(client_for):
    round = open_round("approval")

    response = client_for("visitor").get(f"/vote/{round.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next=/vote/{round.pk}/"


@pytest.mark.parametrize("method", ["dots", "approval", "ranking"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_restricted_issue_is_never_on_the_ballot_page(client_for, method, language):
    restricted = [restricted_prioritised_issue()]
    restricted.append(Issue.objects.get(agenda__slug=SLUG, title_en=RESTRICTED_EN))
    round = open_round(method)

    response = client_for("resident").get(f"/vote/{round.pk}/", headers=HEADERS[language])

    body = response.content.decode()
    assert response.status_code == 200
    for issue in restricted:
        assert issue.title_en not in body
        assert issue.title_es not in body
        assert f"issue_{issue.pk}" not in body
    on_ballot = list(round.ballot_issues())
    assert len(on_ballot) == 13
    for issue in on_ballot:
        assert f'name="issue_{issue.pk}"' in body
    assert body.count('name="issue_') == len(on_ballot)


def test_a_full_ranking_gives_the_last_issue_no_points(demo_users):
    round = open_round("ranking")
    issues = list(round.ballot_issues())

    services.cast_ballot(
        round, demo_users["resident"], {issue.pk: rank for rank, issue in enumerate(issues, 1)}
    )

    points = dict(BallotMark.objects.values_list("issue_id", "points"))
    assert points == {issue.pk: len(issues) - rank for rank, issue in enumerate(issues, 1)}
    assert points[issues[-1].pk] == 0
