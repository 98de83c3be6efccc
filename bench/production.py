#!/usr/bin/env python3
"""Requests per second on the production stack: the agenda page and a
resident's ballot against a bare view, in the same run.

Starts the stack as production runs it (deploy/stack.py: DEBUG off, 3
gunicorn workers, a Celery worker and the scheduler, PostgreSQL and a Redis
of its own), opens a dot vote on the Lázaro Cárdenas agenda and lets one
resident per client process join with a participant code, then sends
requests, only to 127.0.0.1, each for a fixed time, to:
  - /health/                    a bare Django view returning a constant
  - /agendas/lazaro-cardenas/   the agenda page, as a visitor
  - /vote/<round>/ (POST)       a resident's ballot, replacing their last one
and prints the rates and their ratios to the bare view, round by round and
the median. Every request goes over a fresh connection, as bench/pages does.

Usage: bench/production.py [--seconds S] [--concurrency C] [--rounds R]
Environment: none; uses the PostgreSQL database hsa_prodbench on 127.0.0.1:5432
(dropped and made again) and the redis-server program.
"""

import argparse
import json
import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.browser import Browser  # noqa: E402
from deploy.stack import Stack, end_cleanly  # noqa: E402

AGENDA = "/agendas/lazaro-cardenas/"
DATABASE = "hsa_prodbench"

# Run by manage.py shell on the stack: a dot vote opened as its facilitator
# opens one, and a participant code for each client process.
OPEN_ROUND = """
import json
from agendas.models import Agenda
from communities.models import Neighbourhood, User
from residents.services import issue_batch
from voting.forms import RoundForm

agenda = Agenda.objects.get(slug="lazaro-cardenas")
form = RoundForm(
    {"title": "Bench vote", "method": "dots", "dots_per_voter": 5, "max_dots_per_issue": 3},
    agenda=agenda,
)
assert form.is_valid(), form.errors
form.instance.opened_by = User.objects.get(username="facilitator-lazaro-cardenas")
round = form.save()
place = Neighbourhood.objects.get(slug="lazaro-cardenas")
codes = [code for _number, code in issue_batch(place, COUNT).codes]
issues = [issue.pk for issue in round.ballot_issues()]
print(json.dumps({"round": round.pk, "codes": codes, "issues": issues}))
"""


def join(port, code):
    """A resident's browser, joined with their code: its cookies."""
    resident = Browser(port)
    form = resident.get("/join/").form_with("code")
    joined = resident.post("/join/", form.filled(code=code))
    if joined.status != 302:
        raise SystemExit(f"joining with a code answered {joined.status}")
    return resident.cookies


def ballot_form(port, cookies, round_pk, marks):
    """The fields a resident's ballot sends."""
    resident = Browser(port)
    resident.cookies = dict(cookies)
    form = resident.get(f"/vote/{round_pk}/").form_with(f"issue_{next(iter(marks))}")
    return form.filled(**{f"issue_{pk}": str(dots) for pk, dots in marks.items()})


def as_a_client():
    """A client process is stopped by its pool, not by the stack's signals."""
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


def client(job):
    """One client process: requests one after another until the deadline;
    (answered as expected, other answers)."""
    port, method, path, cookies, fields, deadline = job
    browser = Browser(port)
    browser.cookies = dict(cookies)
    done = errors = 0
    while time.monotonic() < deadline:
        try:
            if method == "POST":
                answer = browser.post(path, fields, "bench")
                ok = answer.status == 200 and 'id="receipt"' in answer.text
            else:
                ok = browser.get(path, "bench").status == 200
        except OSError:
            ok = False
        done, errors = done + ok, errors + (not ok)
    return done, errors


def measure(pool, port, seconds, requests):
    """Requests per second of one kind of request, one (method, path,
    cookies, fields) per client process, all for `seconds`."""
    start = time.monotonic()
    jobs = [(port, *request, start + seconds) for request in requests]
    results = pool.map(client, jobs)
    elapsed = time.monotonic() - start
    done = sum(r[0] for r in results)
    return done / elapsed, done, sum(r[1] for r in results)


def median(values):
    return sorted(values)[len(values) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="per kind of request")
    parser.add_argument("--concurrency", type=int, default=4, help="client processes")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    clients = options.concurrency
    # The stack's start, then each round's three kinds, with room to spare.
    end_cleanly(240 + int(options.seconds + 2) * 3 * (options.rounds + 1))

    with Stack(DATABASE) as stack:
        port = stack.port
        opened = json.loads(
            stack.manage("shell", "-c", OPEN_ROUND.replace("COUNT", str(clients))).splitlines()[-1]
        )
        issues = opened["issues"]
        residents = [join(port, code) for code in opened["codes"]]
        vote = f"/vote/{opened['round']}/"
        # Five dots each, on two issues that differ from one resident to the next.
        ballots = [
            ballot_form(
                port,
                cookies,
                opened["round"],
                {issues[n % len(issues)]: 3, issues[(n + 1) % len(issues)]: 2},
            )
            for n, cookies in enumerate(residents)
        ]
        kinds = {
            "bare view": [("GET", "/health/", {}, [])] * clients,
            "agenda page": [("GET", AGENDA, {}, [])] * clients,
            "ballot": [
                ("POST", vote, cookies, fields)
                for cookies, fields in zip(residents, ballots, strict=True)
            ],
        }
        print(
            f"production stack: gunicorn {stack.web_workers} workers, a Celery worker, "
            f"PostgreSQL, Redis, DEBUG off · client: {clients} processes, "
            f"{options.seconds:.0f} s per kind of request · {os.cpu_count()} cores shared "
            f"by server and client"
        )
        rates: dict[str, list[float]] = {kind: [] for kind in kinds}
        with multiprocessing.Pool(clients, initializer=as_a_client) as pool:
            for requests in kinds.values():  # warm-up: caches, connections
                measure(pool, port, 1, requests)
            for round_ in range(1, options.rounds + 1):
                line = []
                for kind, requests in kinds.items():
                    rate, done, errors = measure(pool, port, options.seconds, requests)
                    rates[kind].append(rate)
                    line.append(f"{kind} {rate:6.0f} req/s ({done} ok, {errors} errors)")
                bare = rates["bare view"][-1]
                ratios = " · ".join(
                    f"{kind} {rates[kind][-1] / bare:.0%}" for kind in kinds if kind != "bare view"
                )
                print(f"round {round_}: {' · '.join(line)} · ratios: {ratios}")
        bare = median(rates["bare view"])
        for kind in ("agenda page", "ballot"):
            ratio = median([r / b for r, b in zip(rates[kind], rates["bare view"], strict=True)])
            print(
                f"median {kind}: {median(rates[kind]):.0f} req/s, "
                f"{ratio:.0%} of the bare view ({bare:.0f} req/s)"
            )


if __name__ == "__main__":
    main()
