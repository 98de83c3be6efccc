"""What the workshop on a real server runs on (test_workshop_on_a_real_server.py):
gunicorn with its worker processes on the test's own database and a cache
they share, and a phone that talks to it over real HTTP with cookies of its
own."""

import http.client
import http.cookiejar
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session

from tests.booklets.test_worker import worker_database_url
from tests.pages.helpers import page_text

User = get_user_model()
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
