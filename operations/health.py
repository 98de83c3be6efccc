"""Readiness: can the site do all its work now? The database, the cache,
the broker (with REDIS_URL) and the background workers, each probed with a
short timeout, so that a Redis that is down or hangs gets an answer within
seconds. What is said is a fixed word per finding: never an address, a
password or an exception's text (those go to the server's log only)."""

import asyncio
import datetime
import logging
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

from celery import current_app
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from health_check.checks import Database
from health_check.contrib.redis import Redis
from health_check.exceptions import HealthCheckException
from kombu.exceptions import OperationalError
from redis.asyncio import Redis as RedisClient
from redis.exceptions import RedisError

from .workers import last_seen, tasks_run_in_process, workers_taking_jobs

log = logging.getLogger(__name__)

# Each Redis probe's time to connect, and to have each answer.
REDIS_SECONDS = 1
# The most the cache's and the broker's probes (run side by side) are waited
# for, whatever they do: a load balancer's probe typically gives up at 5 s.
WAIT_SECONDS = 3

LABELS = {
    "database": _("Database"),
    "cache": _("Cache"),
    "broker": _("Message broker"),
    "workers": _("Background workers"),
}
EXPLANATIONS = {
    "": _("Working"),
    "in-process": _("Not needed: tasks run within the site's own process"),
    "unreachable": _("Cannot be reached"),
    "timed out": _("Did not answer in time"),
    "silent": _("No worker has taken a job recently"),
    "never seen": _("No worker has ever taken a job"),
    "unknown": _("Unknown: the database cannot be read"),
}


@dataclass(frozen=True)
class Finding:
    name: str
    ok: bool
    detail: str = ""  # one of EXPLANATIONS' keys
    last_seen: datetime.datetime | None = None

    @property
    def label(self):
        return LABELS[self.name]

    @property
    def explanation(self):
        return EXPLANATIONS[self.detail]

    def as_json(self):
        found = {"status": "ok" if self.ok else "unavailable"}
        if self.detail:
            found["detail"] = self.detail
        if self.name == "workers":
            found["last_seen"] = self.last_seen.isoformat() if self.last_seen else None
        return found


def readiness():
    """The four findings, in a fixed order."""
    probes = ThreadPoolExecutor(max_workers=2, thread_name_prefix="readiness")
    cache = probes.submit(probe_cache)
    broker = probes.submit(probe_broker)
    database = probe_database()
    workers = probe_workers() if database.ok else Finding("workers", False, "unknown")
    wait([cache, broker], timeout=WAIT_SECONDS)
    # A probe still hanging is left to its own timeouts: the answer goes now.
    probes.shutdown(wait=False, cancel_futures=True)
    return [
        database,
        cache.result() if cache.done() else Finding("cache", False, "timed out"),
        broker.result() if broker.done() else Finding("broker", False, "timed out"),
        workers,
    ]


def as_json(findings):
    """{"status": "ok" | "unavailable", "checks": {name: {"status": …, …}}}"""
    return {
        "status": "ok" if all(found.ok for found in findings) else "unavailable",
        "checks": {found.name: found.as_json() for found in findings},
    }


def probe_database():
    try:
        Database().run()
    except (HealthCheckException, DatabaseError):
        log.warning("Readiness: the database cannot be reached", exc_info=True)
        return Finding("database", False, "unreachable")
    return Finding("database", True)


def probe_workers():
    if tasks_run_in_process():
        return Finding("workers", True, "in-process")
    try:
        seen = last_seen()
    except DatabaseError:  # e.g. its table not made yet: migrations not run
        log.warning("Readiness: the workers' sightings cannot be read", exc_info=True)
        return Finding("workers", False, "unknown")
    taking = workers_taking_jobs(seen)
    if taking:
        return Finding("workers", True, last_seen=seen)
    return Finding("workers", False, "silent" if seen else "never seen", last_seen=seen)


def probe_cache():
    """Write and read back a key, through a copy of the site's cache whose
    Redis connections time out quickly."""
    key = "readiness-probe"
    try:
        cache = quick_cache()
        cache.set(key, "ok", timeout=10)
        if cache.get(key) != "ok":
            return Finding("cache", False, "unreachable")
    except (RedisError, OSError):
        log.warning("Readiness: the cache cannot be reached", exc_info=True)
        return Finding("cache", False, "unreachable")
    return Finding("cache", True)


def quick_cache():
    config = settings.CACHES["default"]
    if not config["BACKEND"].endswith(".RedisCache"):
        return caches["default"]
    quick = {"socket_connect_timeout": REDIS_SECONDS, "socket_timeout": REDIS_SECONDS}
    params = {**config, "OPTIONS": {**config.get("OPTIONS", {}), **quick}}
    return import_string(config["BACKEND"])(config["LOCATION"], params)


def probe_broker():
    if tasks_run_in_process():
        return Finding("broker", True, "in-process")
    url = current_app.conf.broker_url
    try:
        if url.startswith(("redis://", "rediss://")):
            asyncio.run(Redis(client_factory=lambda: quick_redis(url)).run())
        else:
            with current_app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=REDIS_SECONDS)
    except (HealthCheckException, OperationalError, RedisError, OSError):
        log.warning("Readiness: the broker cannot be reached", exc_info=True)
        return Finding("broker", False, "unreachable")
    return Finding("broker", True)


def quick_redis(url):
    return RedisClient.from_url(
        url, socket_connect_timeout=REDIS_SECONDS, socket_timeout=REDIS_SECONDS
    )
