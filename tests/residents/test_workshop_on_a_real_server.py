"""A workshop on a real server: gunicorn with three worker processes, on the
test's own database (PostgreSQL, or the SQLite file of the zero set-up run)
and a cache the workers share (Redis, or a folder when there is no Redis:
tests/server_settings.py). The server and the phones: real_server.py.

Thirty residents in one community hall, all behind one client address, type
the codes from their slips within a minute: all get in and all vote, each
ballot counted once. One of them signs out, types their code again, comes
back as the same resident and changes their ballot: still thirty ballots,
and the new one is what is counted. Then someone at the same address types
wrong codes: only wrong attempts count (REDEEM_RATE_PER_ADDRESS, by default
10/10m), so the eleventh is refused, and from then on every worker refuses
that address even a right code, which stays unused; from another address the
same code gets in.

Everything goes through HTTP, each resident with their own cookies, ten at a
time so that the workers answer them side by side. The server runs with
DEBUG off, as in production, over plain HTTP (SECURE_SSL_REDIRECT and
SECURE_COOKIES off), and with Django's plain static files storage instead of
WhiteNoise's manifest: collectstatic takes longer than the whole test, and
no page here needs a static file.

The server's processes must see the test's rows, so the test commits for
real and the database is emptied afterwards; like the other such tests it
loads the demo itself first.
"""

import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
from django.conf import settings

from agendas.models import Agenda
from communities.models import Membership, Neighbourhood
from demo.loader import load_demo
from residents import codes, services
from residents.models import ParticipantCode
from voting.forms import RoundForm
from voting.models import Ballot, Participation
from voting.selectors import ballot_for_receipt, count_votes

from .real_server import (
    ACCESS_FORMAT,
    ELSEWHERE,
    HALL,
    RECEIPT,
    REFUSED_CODE,
    RESIDENTS,
    ROOT,
    SECONDS,
    SLUG,
    THREADS,
    TOO_MANY,
    WORKERS,
    WRONG_ATTEMPTS,
    Browser,
    Page,
    Server,
    User,
    forget_server_cache,
    server_environment,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    # A transactional test finds the database as the previous one left it.
    load_demo()


@pytest.fixture
def server(demo, tmp_path):
    cache_prefix = f"hsa-server-test-{uuid.uuid4().hex}"
    env = server_environment(tmp_path, cache_prefix)
    log_path = tmp_path / "gunicorn.log"
    access_path = tmp_path / "access.log"
    command = [
        *(sys.executable, "-m", "gunicorn", "config.wsgi"),
        *("--workers", str(WORKERS), "--bind", f"{HALL}:0", "--no-control-socket"),
        *("--access-logfile", str(access_path), "--access-logformat", ACCESS_FORMAT),
        *("--log-level", "info", "--timeout", "60", "--graceful-timeout", "10"),
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its workers are ended with it
        )
    running = Server(process, log_path, access_path)
    try:
        running.wait_until_ready()
        yield running
    finally:
        running.stop()
        forget_server_cache(cache_prefix)
        # pytest shows this only when the test failed.
        print(f"--- gunicorn's log ---\n{running.log()}")


# --- what residents do --------------------------------------------------------------


@dataclass
class Journey:
    label: str
    phone: Browser
    statuses: list = field(default_factory=list)
    receipt: str = ""
    last: Page | None = None


def open_round():
    """A dot vote on the Lázaro Cárdenas agenda, opened as its facilitator
    opens one on the site."""
    agenda = Agenda.objects.get(slug=SLUG)
    form = RoundForm(
        {"title": "Workshop vote", "method": "dots", "dots_per_voter": 5, "max_dots_per_issue": 3},
        agenda=agenda,
    )
    assert form.is_valid(), form.errors
    form.instance.opened_by = User.objects.get(username=f"facilitator-{SLUG}")
    round = form.save()
    assert round.is_open()
    return round


def join(phone, code, label):
    """The join page, then the code typed on it; the answer to the code."""
    opened = phone.get("/join/", label)
    assert opened.status == 200, opened.said()
    return phone.post("/join/", {"code": code}, label)


def vote(journey, round, marks):
    phone, label = journey.phone, journey.label
    ballot = phone.get(f"/vote/{round.pk}/", label)
    sent = phone.post(
        f"/vote/{round.pk}/", {f"issue_{issue.pk}": dots for issue, dots in marks.items()}, label
    )
    journey.statuses += [ballot.status, sent.status]
    found = RECEIPT.search(sent.text)
    journey.receipt = found.group(1) if found else ""
    journey.last = sent
    return journey


def join_and_vote(url, label, code, round, marks):
    journey = Journey(label, Browser(url))
    joined = join(journey.phone, code, label)
    journey.statuses.append((joined.status, joined.location))
    if joined.status != 302:
        journey.last = joined
        return journey
    about_you = journey.phone.get(joined.location, label)
    journey.statuses.append(about_you.status)
    return vote(journey, round, marks)


def totals(ballots):
    """Dots per issue pk of these ballots."""
    counted = {}
    for marks in ballots:
        for issue, dots in marks.items():
            counted[issue.pk] = counted.get(issue.pk, 0) + dots
    return counted


def counted_online(round):
    """The round's online dots per issue, as the project counts them."""
    return {row.issue.pk: row.online for row in count_votes(round).issues if row.online}


def code_row(code):
    return ParticipantCode.objects.get(code_hash=codes.code_hash(codes.normalise(code)))


# --- the workshop ------------------------------------------------------------------


def test_a_workshop_joins_votes_and_is_throttled_only_for_wrong_codes(server):
    assert settings.REDEEM_RATE_PER_ADDRESS == "10/10m"  # the default a workshop meets
    place = Neighbourhood.objects.get(slug=SLUG)
    slips = [code for _number, code in services.issue_batch(place, RESIDENTS).codes]
    ((_number, spare),) = services.issue_batch(place, 1).codes
    round = open_round()
    issues = list(round.ballot_issues())
    # Five dots each on two issues, never the same one twice.
    ballots = [
        {issues[n % len(issues)]: 3, issues[(n + 5) % len(issues)]: 2} for n in range(RESIDENTS)
    ]
    people_before = set(User.objects.values_list("pk", flat=True))

    # Thirty residents on the hall's one connection, ten at a time.
    began = time.monotonic()
    with ThreadPoolExecutor(THREADS) as pool:
        journeys = list(
            pool.map(
                join_and_vote,
                [server.url] * RESIDENTS,
                [f"resident-{n:02d}" for n in range(RESIDENTS)],
                slips,
                [round] * RESIDENTS,
                ballots,
            )
        )
    seconds = time.monotonic() - began

    expected = [(302, "/join/about-you/"), 200, 200, 200]
    stopped = [(j.label, j.statuses, j.last.said()) for j in journeys if j.statuses != expected]
    assert stopped == [], stopped
    assert all(journey.receipt for journey in journeys)
    assert seconds < SECONDS, f"the workshop took {seconds:.1f} s"

    residents = [journey.phone.signed_in_as() for journey in journeys]
    assert len(set(residents)) == RESIDENTS
    assert set(User.objects.exclude(pk__in=people_before).values_list("pk", flat=True)) == set(
        residents
    )
    assert set(
        Membership.objects.filter(user__in=residents).values_list("neighbourhood__slug", "role")
    ) == {(SLUG, "resident")}
    assert [code_row(code).resident_id for code in slips] == residents
    assert Participation.objects.filter(round=round).count() == RESIDENTS
    assert Ballot.objects.filter(round=round).count() == RESIDENTS
    assert count_votes(round).ballots == RESIDENTS
    assert counted_online(round) == totals(ballots)
    # Side by side: every worker answered residents.
    answered = server.answers_to(journey.label for journey in journeys)
    assert {answer.pid for answer in answered} == server.workers()

    # One of them signs out, and comes back with the slip (typed as it comes)
    # to change their ballot.
    first = journeys[0]
    phone, resident, slip = first.phone, residents[0], code_row(slips[0])
    signed_out = phone.post("/sign-out/", {}, "coming-back")
    assert signed_out.status == 302
    assert phone.signed_in_as() is None
    assert phone.get(f"/vote/{round.pk}/", "coming-back").status == 302
    people = User.objects.count()

    again = join(phone, slips[0].lower().replace("-", " "), "coming-back")
    # Back as before: to their votes, not asked about themselves again.
    assert (again.status, again.location) == (302, "/vote/"), again.said()
    assert phone.signed_in_as() == resident
    assert User.objects.count() == people  # never a second resident
    assert (code_row(slips[0]).resident_id, code_row(slips[0]).used_at) == (
        resident,
        slip.used_at,
    )
    changed = {issues[7]: 3, issues[8]: 1}
    returned = vote(Journey("coming-back", phone), round, changed)
    assert returned.statuses == [200, 200], returned.last.said()

    assert Participation.objects.filter(round=round).count() == RESIDENTS
    assert count_votes(round).ballots == RESIDENTS
    assert counted_online(round) == totals([changed, *ballots[1:]])
    user = User.objects.get(pk=resident)
    assert ballot_for_receipt(round, first.receipt, user=user) is None  # replaced
    kept = ballot_for_receipt(round, returned.receipt, user=user)
    assert {mark.issue_id: mark.points for mark in kept.marks} == {
        issue.pk: dots for issue, dots in changed.items()
    }

    # Someone at the hall tries codes of their own making.
    guesser = Browser(server.url)
    assert guesser.get("/join/", "guessing").status == 200
    for n in range(1, WRONG_ATTEMPTS + 1):
        wrong = guesser.post("/join/", {"code": codes.new_code()}, f"wrong-{n:02d}")
        assert wrong.status == 400, (n, wrong.said())
        assert REFUSED_CODE in wrong.text
    one_more = guesser.post("/join/", {"code": codes.new_code()}, "wrong-11")
    assert one_more.status == 429
    assert TOO_MANY in one_more.text
    # Now the hall waits for the window to pass, even with a right code;
    # that code is not used up by being refused.
    people = User.objects.count()
    refused = guesser.post("/join/", {"code": spare}, "right-code")
    assert refused.status == 429
    assert TOO_MANY in refused.text
    assert guesser.signed_in_as() is None

    # The count is the server's, not one worker's: every worker refuses the
    # hall, and at most one of them answered all ten wrong attempts itself;
    # the others know of them only through the cache they share.
    refusals = []
    for burst in range(20):
        labels = [f"refused-{burst}-{n}" for n in range(2 * WORKERS)]
        with ThreadPoolExecutor(len(labels)) as pool:
            pages = list(
                pool.map(lambda label: guesser.post("/join/", {"code": spare}, label), labels)
            )
        assert [page.status for page in pages] == [429] * len(labels), (
            "a worker let the hall in: it did not know of the wrong attempts"
        )
        refusals += server.answers_to(labels)
        if {answer.pid for answer in refusals} == server.workers():
            break
    assert {answer.pid for answer in refusals} == server.workers()
    assert {answer.status for answer in refusals} == {429}
    wrong_ones = server.answers_to(f"wrong-{n:02d}" for n in range(1, WRONG_ATTEMPTS + 1))
    assert len(wrong_ones) == WRONG_ATTEMPTS
    assert code_row(spare).used_at is None
    assert User.objects.count() == people

    # The hall's count is the hall's: from elsewhere the same code gets in.
    elsewhere = Browser(server.url, address=ELSEWHERE)
    arrived = join(elsewhere, spare, "elsewhere")
    assert (arrived.status, arrived.location) == (302, "/join/about-you/"), arrived.said()
    newcomer = code_row(spare).resident_id
    assert newcomer is not None
    assert elsewhere.signed_in_as() == newcomer

    # Nothing went wrong on the server's side, and no worker was replaced.
    assert [a for a in server.answers() if a.status >= 500] == []
    assert len(server.workers()) == WORKERS
