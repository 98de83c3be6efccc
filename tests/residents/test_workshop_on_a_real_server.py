"""A workshop on a real server: gunicorn with three worker processes, on the
test's own database (PostgreSQL, or the SQLite file of the zero set-up run)
and a cache the workers share (Redis, or a folder when there is no Redis:
tests/server_settings.py).

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

import http.client
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session

from agendas.models import Agenda
from communities.models import Membership, Neighbourhood
from demo.loader import load_demo
from residents import codes, services
from residents.models import ParticipantCode
from tests.booklets.test_worker import worker_database_url
from tests.pages.helpers import page_text
from voting.forms import RoundForm
from voting.models import Ballot, Participation
from voting.selectors import ballot_for_receipt, count_votes

User = get_user_model()

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SLUG = "lazaro-cardenas"
WORKERS = 3
RESIDENTS = 30
THREADS = 10
SECONDS = 60  # the thirty join and vote within a minute
WRONG_ATTEMPTS = 10  # REDEEM_RATE_PER_ADDRESS's default, 10/10m
HALL = "127.0.0.1"  # the community hall's one connection
ELSEWHERE = "127.0.0.2"  # another address on this machine
START_SECONDS = 60
REQUEST_SECONDS = 30

# Each answer in the access log with the worker that gave it and the label
# the test sent as User-Agent.
ACCESS_FORMAT = '%(p)s %(a)s "%(r)s" %(s)s'
ACCESS_LINE = re.compile(r'^<(?P<pid>\d+)> (?P<label>\S+) "(?P<request>[^"]*)" (?P<status>\d{3})$')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RECEIPT = re.compile(r'id="receipt">\s*([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\s*<')
REFUSED_CODE = "This code cannot be used"
TOO_MANY = "Too many codes were tried from here in a short time."


# --- the server ---------------------------------------------------------------------


def server_redis_url():
    """Two Redis databases on from the suite's: neither the suite's cache
    nor the booklet worker's broker (tests/booklets/test_worker.py)."""
    parts = urllib.parse.urlsplit(settings.REDIS_URL)
    number = (int(parts.path.strip("/") or 0) + 2) % 16
    return parts._replace(path=f"/{number}").geturl()


def server_environment(folder, cache_prefix):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.server_settings",
        "DEBUG": "0",
        # Codes are hashed and ballots keyed with these: the same as the test's.
        "SECRET_KEY": settings.SECRET_KEY,
        "BALLOT_SECRET": settings.BALLOT_SECRET,
        "ALLOWED_HOSTS": HALL,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "STATIC_ROOT": str(folder / "static"),
        "DATABASE_URL": worker_database_url(),
        # Attempts at codes are counted as the test's settings say, by the
        # address the server sees: no proxy stands in front of it.
        "REDEEM_RATE_PER_ADDRESS": settings.REDEEM_RATE_PER_ADDRESS,
        "REDEEM_RATE_PER_BATCH": settings.REDEEM_RATE_PER_BATCH,
        "TRUSTED_PROXY_HOPS": "0",
    }
    (folder / "static").mkdir()
    if settings.REDIS_URL:
        env["REDIS_URL"] = server_redis_url()
        # A run's own keys: it finds no attempts counted by an earlier run,
        # and two runs at once do not count each other's.
        env["CACHE_KEY_PREFIX"] = cache_prefix
    else:
        env.pop("REDIS_URL", None)
        env["SERVER_TEST_CACHE_DIR"] = str(folder / "cache")
    return env


def forget_server_cache(cache_prefix):
    if settings.REDIS_URL:
        client = redis.Redis.from_url(server_redis_url())
        try:
            for key in client.scan_iter(match=f"{cache_prefix}:*"):
                client.delete(key)
        finally:
            client.close()


@dataclass
class Answer:
    pid: str
    label: str
    request: str
    status: int


class Server:
    def __init__(self, process, log_path, access_path):
        self.process = process
        self.log_path = log_path
        self.access_path = access_path
        self.url = None

    def log(self):
        return self.log_path.read_text(errors="replace")

    def workers(self):
        """Every worker process the server started (a worker that died and
        was replaced would make more than WORKERS)."""
        return set(re.findall(r"Booting worker with pid: (\d+)", self.log()))

    def answers(self):
        if not self.access_path.exists():
            return []
        found = []
        for line in self.access_path.read_text(errors="replace").splitlines():
            match = ACCESS_LINE.match(line)
            if match:
                found.append(Answer(**{**match.groupdict(), "status": int(match["status"])}))
        return found

    def answers_to(self, labels, timeout=10):
        """The access log's lines for these labels; a worker writes its line
        just after answering, so wait for them a moment."""
        wanted = set(labels)
        deadline = time.monotonic() + timeout
        while True:
            found = [answer for answer in self.answers() if answer.label in wanted]
            if {answer.label for answer in found} >= wanted or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def wait_until_ready(self):
        deadline = time.monotonic() + START_SECONDS
        while self.url is None:
            self._check_alive(deadline)
            listening = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", self.log())
            if listening:
                self.url = listening.group(1)
            time.sleep(0.1)
        # Each worker loads the site on its own: wait until every one answers.
        burst = 0
        while not self._every_worker_answered():
            self._check_alive(deadline)
            burst += 1
            labels = [f"ready-{burst}-{n}" for n in range(2 * WORKERS)]
            with ThreadPoolExecutor(len(labels)) as pool:
                pages = list(pool.map(self._health, labels))
            if any(page.status == 200 for page in pages):
                self.answers_to(labels, timeout=2)
            else:
                time.sleep(0.2)

    def _every_worker_answered(self):
        workers = self.workers()
        return len(workers) == WORKERS and {answer.pid for answer in self.answers()} == workers

    def _health(self, label):
        try:
            return Browser(self.url).get("/health/", label)
        except OSError:  # not listening yet
            return Page(0, "", "")

    def _check_alive(self, deadline):
        if self.process.poll() is not None:
            pytest.fail(f"gunicorn stopped.\n{self.log()}")
        if time.monotonic() > deadline:
            pytest.fail(f"gunicorn was not ready in {START_SECONDS} s.\n{self.log()}")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


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


# --- a phone, over real HTTP ---------------------------------------------------------


MAIN = re.compile(r"<main\b.*?</main>", re.S)


@dataclass
class Page:
    status: int
    location: str
    text: str

    @property
    def content(self):  # as a test client's response has it, for page_text
        return self.text.encode()

    def said(self):
        """The words of the page's main part, for failure messages."""
        main = MAIN.search(self.text)
        return page_text(Page(self.status, "", main.group(0) if main else self.text))[:400]


class _Unfollowed(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to look at, not to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


class _From(urllib.request.HTTPHandler):
    """Connects from a chosen address of this machine."""

    def __init__(self, address):
        super().__init__()
        self.address = address

    def http_open(self, req):
        return self.do_open(http.client.HTTPConnection, req, source_address=(self.address, 0))


class Browser:
    """One person's phone: their own cookies, on a given client address.
    Each request carries a label (as User-Agent) to find its line in the
    server's access log."""

    def __init__(self, url, address=HALL):
        self.url = url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),
            urllib.request.HTTPCookieProcessor(self.cookies),
            _Unfollowed(),
            _From(address),
        )
        self.token = None

    def get(self, path, label):
        return self._send(path, None, label)

    def post(self, path, fields, label):
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": self.token, **fields}, doseq=True)
        return self._send(path, data.encode(), label)

    def _send(self, path, data, label):
        request = urllib.request.Request(
            self.url + path, data=data, headers={"User-Agent": label, "Accept-Language": "en"}
        )
        try:
            with self.opener.open(request, timeout=REQUEST_SECONDS) as response:
                page = Page(response.status, "", response.read().decode())
        except urllib.error.HTTPError as answer:  # any status but 2xx, redirects included
            with answer:
                page = Page(answer.code, answer.headers.get("Location", ""), answer.read().decode())
        found = TOKEN.search(page.text)
        if found:  # the form's token: Django gives a new one on signing in
            self.token = found.group(1)
        return page

    def signed_in_as(self):
        """The user the server's session for this phone is signed in as."""
        key = next((c.value for c in self.cookies if c.name == settings.SESSION_COOKIE_NAME), None)
        session = Session.objects.filter(session_key=key).first()
        user = session and session.get_decoded().get("_auth_user_id")
        return int(user) if user else None


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
