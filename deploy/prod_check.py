#!/usr/bin/env python3
"""Starts the production stack on this machine (deploy/stack.py), checks
that it serves what people need, takes its Redis away and brings it back,
and stops everything: `make prod-check`.

What it checks, each line of the summary a ✓ or a ✗:
  - Django's deployment checks pass with the stack's settings;
  - the public pages, the API, both languages, a static file and /health/;
  - /health/ready/ says ok once the worker is up;
  - a facilitator signs in, asks for a booklet, and the worker makes it;
  - an issue renamed in the workspace is seen at once by every web worker
    (the shared cache's pages are retired across processes);
  - with Redis stopped: no page answers with a server error or takes
    longer than OUTAGE_SECONDS, and a booklet asked for says it is
    waiting; with Redis back, that booklet is made without anyone looking
    at its page again (the scheduler's sweep sends what waited).

Exits non-zero when any check fails. Needs PostgreSQL on 127.0.0.1:5432 and
the redis-server program; sends requests only to 127.0.0.1. Never runs for
longer than TOTAL_SECONDS: every process it started is stopped on the way
out, whatever happened.

Usage: deploy/prod_check.py [--database NAME]
"""

import argparse
import http.client
import re
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.browser import REQUEST_SECONDS, Answer, Browser  # noqa: E402
from deploy.stack import Stack, StackError, end_cleanly  # noqa: E402

TOTAL_SECONDS = 280
OUTAGE_SECONDS = 5.0  # the longest any page may take while Redis is down
BOOKLET_SECONDS = 90  # for the worker to make a booklet
READY_SECONDS = 30  # for /health/ready/ to say ok once the stack is up
AGENDA = "/agendas/lazaro-cardenas/"
FACILITATOR = ("facilitator-lazaro-cardenas", "demo-agendas-2026")
JOB_PAGE = r"/booklets/(?P<id>[0-9a-f-]{36})/$"
EDITED_REQUESTS = 30  # answers to the renamed issue's page, from every web worker


class CheckFailed(Exception):
    pass


def expect(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def found_in(pattern: str, text: str, message: str) -> re.Match:
    match = re.search(pattern, text)
    if match is None:
        raise CheckFailed(message)
    return match


def expect_page(answer: Answer, status: int = 200, containing: str = "") -> Answer:
    expect(answer.status == status, f"status {answer.status}, not {status}")
    expect(containing in answer.text, f"{containing!r} is not on the page")
    return answer


class Report:
    """Each check's outcome, in order, and what it found."""

    def __init__(self, stack: Stack):
        self.stack = stack
        self.lines: list[tuple[bool, str, str]] = []

    def check(self, name: str, run: Callable[[], object]) -> bool:
        """Run one check; what it returns, when a text, is shown beside it."""
        try:
            found = run()
            detail, passed = (found.strip() if isinstance(found, str) else ""), True
        except (CheckFailed, StackError, OSError, http.client.HTTPException, LookupError) as error:
            detail, passed = str(error) or type(error).__name__, False
        self.lines.append((passed, name, detail))
        print(self.line(passed, name, detail), flush=True)
        return passed

    @staticmethod
    def line(passed: bool, name: str, detail: str) -> str:
        return f"{'✓' if passed else '✗'} {name}{f' — {detail}' if detail else ''}"

    def summary(self) -> str:
        return "\n".join(self.line(*line) for line in self.lines)

    @property
    def failures(self) -> int:
        return sum(not passed for passed, _name, _detail in self.lines)


# --- the site serves ------------------------------------------------------------------


def serving_checks(report: Report, port: int) -> None:
    visitor = Browser(port)

    def https_only():
        answer = Browser(port, proxied=False).get("/")
        expect(answer.status == 301, f"plain HTTP answered {answer.status}, not 301")
        expect(answer.location.startswith("https://"), f"sent to {answer.location!r}")

    def page(path: str, containing: str = ""):
        return lambda: expect_page(visitor.get(path), containing=containing)

    def api():
        issues = visitor.get("/api/v1/issues/")
        expect_page(issues)
        expect(issues.headers.get("content-type", "").startswith("application/json"), "not JSON")
        expect('"results"' in issues.text, "no results in the API's answer")

    def spanish():
        answer = expect_page(Browser(port, language="es-MX").get("/"))
        expect('<html lang="es' in answer.text, "the page does not say it is in Spanish")
        expect("Agendas Locales de Seguridad Humana" in answer.text, "the heading is not Spanish")

    def english():
        answer = expect_page(Browser(port, language="en").get("/"))
        expect('<html lang="en' in answer.text, "the page does not say it is in English")
        expect("Local Human Security Agendas" in answer.text, "the heading is not English")
        expect("Agendas Locales" not in answer.text, "Spanish on the English page")

    def static_file():
        home = visitor.get("/")
        found = found_in(
            r'<link rel="stylesheet" href="(/static/css/[^"]+\.css)"',
            home.text,
            "the home page links no style sheet of the site",
        )
        css = visitor.get(found.group(1))
        expect_page(css)
        expect(css.headers.get("content-type", "").startswith("text/css"), "not served as CSS")
        return found.group(1)

    def health():
        expect_page(visitor.get("/health/"), containing="ok")

    report.check("plain HTTP is sent to HTTPS", https_only)
    report.check("home page", page("/"))
    report.check("agenda page", page(AGENDA, "Lázaro Cárdenas"))
    report.check("comparison page", page("/compare/"))
    report.check("open data page", page("/data/"))
    report.check("API", api)
    report.check("Spanish page in Spanish", spanish)
    report.check("English page in English", english)
    report.check("static file the pages link", static_file)
    report.check("/health/", health)
    report.check("/health/ready/ ok with the worker up", lambda: wait_ready(port, "ok"))


def readiness(port: int) -> str:
    """The status /health/ready/ reports, as a probe asks for it (JSON),
    with the checks that are not ok."""
    import json

    answer = Browser(port).get("/health/ready/", Accept="application/json")
    expect(answer.status != 404, "404: /health/ready/ is not there")
    try:
        found = json.loads(answer.body)
        status = str(found["status"])
        checks = found.get("checks", {}) if isinstance(found, dict) else {}
    except (ValueError, KeyError, TypeError) as error:
        raise CheckFailed(f"status {answer.status}, no JSON status: {answer.text[:80]}") from error
    failing = sorted(name for name, check in checks.items() if check.get("status") != "ok")
    return f"{status} ({', '.join(failing)} not ok)" if failing and status != "ok" else status


def wait_ready(port: int, wanted: str) -> str:
    deadline = time.monotonic() + READY_SECONDS
    while (status := readiness(port)) != wanted:
        expect(time.monotonic() < deadline, f"still {status!r} after {READY_SECONDS} s")
        time.sleep(1)
    return status


# --- a booklet made by the worker -----------------------------------------------------


def ask_for_booklet(facilitator: Browser) -> str:
    """The booklet form sent as the facilitator would; the job's id."""
    path = f"{AGENDA}booklet/"
    form = expect_page(facilitator.get(path)).form_with("edition")
    sent = facilitator.post(path, form.filled(edition="public", language="en", paper="a4"))
    expect(sent.status == 302, f"the booklet form answered {sent.status}")
    found = found_in(JOB_PAGE, sent.location, f"sent to {sent.location!r}, not to a job's page")
    return found.group("id")


def download(facilitator: Browser, job: str) -> str:
    pdf = facilitator.get(f"/booklets/{job}/download/")
    expect_page(pdf)
    expect(pdf.body.startswith(b"%PDF"), "the download is not a PDF")
    return f"{len(pdf.body) // 1024} KiB PDF"


def booklet_check(facilitator: Browser) -> str:
    job = ask_for_booklet(facilitator)
    deadline = time.monotonic() + BOOKLET_SECONDS
    while "Download the PDF" not in (page := facilitator.get(f"/booklets/{job}/")).text:
        expect_page(page)
        expect("could not be prepared" not in page.text, "the booklet failed")
        expect(time.monotonic() < deadline, f"not ready after {BOOKLET_SECONDS} s")
        time.sleep(1)
    return download(facilitator, job)


# --- an edit seen by every web worker -------------------------------------------------


def issue_titles(answer: Answer) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", title).strip()
        for title in re.findall(r'<span class="issue-title">(.*?)</span>', answer.text, re.S)
    ]


def from_every_worker(stack: Stack, name: str, shown: Callable[[Answer], bool]) -> int:
    """The public agenda page, at least EDITED_REQUESTS times on fresh
    connections, until every web worker has answered; each answer must pass
    `shown`. How many answers it took."""
    answers, burst, pids = 0, 0, set[str]()
    while answers < EDITED_REQUESTS or len(pids) < stack.web_workers:
        expect(burst < 20, f"only {len(pids)} of {stack.web_workers} workers answered")
        burst += 1
        labels = [f"{name}-{burst}-{n}" for n in range(2 * stack.web_workers)]
        for answer in stack.requests(AGENDA, labels):
            expect(answer is not None and answer.status == 200, "the agenda page did not answer")
            expect(shown(answer), f"a worker answered the page without the {name} title")
        answers += len(labels)
        pids |= stack.pids_answering(labels)
    return answers


def edit_check(stack: Stack, facilitator: Browser) -> str:
    visitor_titles = issue_titles(Browser(stack.port).get(AGENDA))
    workspace = expect_page(facilitator.get("/workspace/agendas/lazaro-cardenas/"))
    for path in dict.fromkeys(re.findall(r"/workspace/issues/\d+/edit/", workspace.text)):
        form = expect_page(facilitator.get(path)).form_with("title_en")
        if form.value("title_en") in visitor_titles:
            break
    else:
        raise CheckFailed("no public issue of the agenda to rename")
    old = form.value("title_en")
    # Every worker has the page before the edit, so each must see it retired.
    from_every_worker(stack, "old", lambda answer: old in issue_titles(answer))
    mark = secrets.token_hex(3)
    new = f"{old} (checked {mark})"
    saved = facilitator.post(
        path, form.filled(title_en=new, title_es=f"{form.value('title_es')} (revisado {mark})")
    )
    expect(saved.status == 302, f"the issue form answered {saved.status}")
    answers = from_every_worker(stack, "new", lambda answer: new in issue_titles(answer))
    return f"{answers} answers from all {stack.web_workers} workers show {new!r}"


# --- Redis stopped, then back ---------------------------------------------------------


OUTAGE_PAGES = [
    ("home", "visitor", "/"),
    ("agenda page", "visitor", AGENDA),
    ("agenda page", "facilitator", AGENDA),
    ("comparison", "visitor", "/compare/"),
    ("API", "visitor", "/api/v1/issues/"),
    ("workspace", "facilitator", "/workspace/agendas/lazaro-cardenas/"),
]


# One participant code, issued as a facilitator's form would, printed.
ISSUE_ONE_CODE = (
    "from communities.models import Neighbourhood; from residents import services; "
    "print(services.issue_batch(Neighbourhood.objects.get(slug='lazaro-cardenas'), 1).codes[0][1])"
)


def outage_checks(report: Report, stack: Stack, facilitator: Browser) -> None:
    visitor = Browser(stack.port)
    code = stack.manage("shell", "-c", ISSUE_ONE_CODE).split()[-1]
    stack.stop_redis()
    timings: list[tuple[float, str, int]] = []

    def pages_answer():
        # Each page a few times: each worker meets the outage on its own.
        for _round in range(stack.web_workers):
            for name, who, path in OUTAGE_PAGES:
                browser = facilitator if who == "facilitator" else visitor
                try:
                    answer = browser.get(path, f"outage-{who}")
                    timings.append((answer.seconds, f"{name} ({who})", answer.status))
                except OSError:  # no answer in time
                    timings.append((REQUEST_SECONDS, f"{name} ({who})", 0))
        errors = sorted({f"{name}: {status}" for _s, name, status in timings if status >= 500})
        expect(not errors, f"server errors: {', '.join(errors)}")
        unanswered = sorted({name for _s, name, status in timings if not status})
        expect(not unanswered, f"no answer: {', '.join(unanswered)}")
        return f"{len(timings)} answers, none ≥ 500"

    def in_time():
        expect(timings, "no answers")
        seconds, name, _status = max(timings)
        expect(seconds <= OUTAGE_SECONDS, f"{name} took {seconds:.1f} s")
        return f"slowest: {name}, {seconds:.2f} s"

    def not_ready():
        status = readiness(stack.port)
        expect(status != "ok", "/health/ready/ says ok with Redis down")
        return status

    job = ""

    def booklet_waits():
        nonlocal job
        job = ask_for_booklet(facilitator)
        expect_page(facilitator.get(f"/booklets/{job}/"), containing="Export waiting")

    report.check("Redis down: pages answer, no server error", pages_answer)
    report.check(f"Redis down: every answer within {OUTAGE_SECONDS:.0f} s", in_time)
    report.check("Redis down: /health/ready/ says so", not_ready)
    report.check("Redis down: a booklet asked for says it is waiting", booklet_waits)

    def code_gets_in():
        # Wrong attempts are counted in each worker's memory meanwhile: a
        # workshop's right codes are not turned away.
        resident = Browser(stack.port)
        form = expect_page(resident.get("/join/", "outage-code")).form_with("code")
        joined = resident.post("/join/", form.filled(code=code), "outage-code")
        expect(joined.status == 302, f"the code was answered {joined.status}")
        return "the resident joined"

    report.check("Redis down: a participant code gets in", code_gets_in)

    stack.start_redis()

    def waiting_booklet_made():
        expect(job, "no booklet was asked for during the outage")
        began = time.monotonic()
        # Read from the database, not the job's page: looking at the page
        # sends a waiting job again, which would hide a missing sweep.
        while (status := job_status(stack, job)) != "ready":
            expect(status != "failed", "the booklet failed")
            expect(
                time.monotonic() - began < BOOKLET_SECONDS,
                f"still {status!r} {BOOKLET_SECONDS} s after Redis came back",
            )
            time.sleep(1)
        return f"ready {time.monotonic() - began:.0f} s after Redis came back; " + download(
            facilitator, job
        )

    report.check("Redis back: the waiting booklet is made unasked", waiting_booklet_made)
    report.check(
        "Redis back: pages served",
        lambda: expect_page(visitor.get(AGENDA)) and expect_page(visitor.get("/")),
    )
    report.check("Redis back: /health/ready/ ok", lambda: wait_ready(stack.port, "ok"))


def job_status(stack: Stack, job: str) -> str:
    import psycopg

    with psycopg.connect(stack.database_url) as conn:
        row = conn.execute("SELECT status FROM booklets_exportjob WHERE id = %s", [job]).fetchone()
    if row is None:
        raise CheckFailed(f"no export job {job}")
    return str(row[0])


# --- the run --------------------------------------------------------------------------


def run(database: str) -> int:
    began = time.monotonic()
    with Stack(database) as stack:
        print(
            f"Production stack up in {time.monotonic() - began:.0f} s: gunicorn "
            f"({stack.web_workers} workers) on 127.0.0.1:{stack.port}, a Celery worker, the "
            f"scheduler, Redis on :{stack.redis_port}, PostgreSQL {database}",
            flush=True,
        )
        report = Report(stack)
        report.check(
            "manage.py check --deploy",
            lambda: stack.manage("check", "--deploy", "--fail-level", "WARNING", timeout=60),
        )
        serving_checks(report, stack.port)
        facilitator = Browser(stack.port)
        signed_in = report.check(
            "facilitator signs in",
            lambda: expect(facilitator.sign_in(*FACILITATOR).status == 302, "sign-in refused"),
        )
        if signed_in:
            report.check("booklet made by the worker", lambda: booklet_check(facilitator))
            report.check(
                "an edit is seen by every web worker", lambda: edit_check(stack, facilitator)
            )
            outage_checks(report, stack, facilitator)

        def nothing_died():
            stack.check_running()
            log = stack.web.log()
            # A worker renewed after its max_requests (gunicorn.conf.py) is planned.
            replaced = log.count("Booting worker") - log.count("Autorestarting worker")
            replaced -= stack.web_workers
            expect(not replaced, f"{replaced} web workers replaced")

        report.check("no process stopped or was replaced", nothing_died)
        if report.failures:
            stack.failed = True
            print(f"\nThe end of each process's log:\n{stack.tails()}")
    total = len(report.lines)
    print(f"\nSummary:\n{report.summary()}")
    print(
        f"{total - report.failures} of {total} checks passed in {time.monotonic() - began:.0f} s."
    )
    return 1 if report.failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="hsa_prodcheck")
    options = parser.parse_args()
    end_cleanly(TOTAL_SECONDS)
    return run(options.database)


if __name__ == "__main__":
    sys.exit(main())
