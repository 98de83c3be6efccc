"""A Redis cache that a Redis outage does not take the site down with.

While Redis cannot be reached (connection refused, or no answer within the
short socket timeouts of settings), reads are misses and writes are skipped:
pages are built without the cache, as on a fresh start. After one failure the
cache does not try Redis again for CACHE_RETRY_AFTER seconds, so a page that
asks the cache many things pays one timeout, not one per call. A warning is
logged once when an outage begins and once when it ends.

Two kinds of caller need more than "a miss":
- counts of wrong attempts at codes (django-ratelimit's, in the "attempts"
  cache, AttemptsCache below) must go on: while Redis is away they are kept
  in the process's own memory, so guessing stays limited (per process) and a
  workshop's right codes still get in;
- whatever marks cached content as stale (agendas.cache's generation) hears
  `cache_recovered`, sent before the first call that reaches Redis again, so
  that content changed during the outage never meets the pages cached before
  it.

Django's own RedisCache underneath, rather than django-redis: its
IGNORE_EXCEPTIONS swallows errors per call with no memory between calls (a
hanging Redis would cost a timeout per call), and it would tell a counter
that could not count nothing at all.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

# Sent (with sender=the cache) when Redis answers again after an outage,
# before the call that found it back is made.
cache_recovered = Signal()

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class Outage:
    """Whether one Redis server is being left alone, shared by every thread
    of the process (Django makes a cache object per thread)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down = False  # an outage was seen and Redis not yet found back
        self.retry_at = 0.0  # monotonic time before which Redis is not tried
        self.failures = 0

    def resting(self) -> bool:
        return self.down and time.monotonic() < self.retry_at

    def begin(self, location: str, error: Exception) -> None:
        with self.lock:
            first = not self.down
            self.down = True
            self.failures += 1
            self.retry_at = time.monotonic() + settings.CACHE_RETRY_AFTER
        if first:
            log.warning(
                "The cache at %s cannot be reached (%s): pages are built without it "
                "until it answers again.",
                location,
                error,
            )


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or 6379}{parts.path}"


def _outage_of(location: str) -> Outage:
    with _outages_lock:
        return _outages.setdefault(location, Outage())


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, with misses for reads and skipped writes while
    Redis is unreachable."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = {
            "socket_connect_timeout": settings.CACHE_CONNECT_TIMEOUT,
            "socket_timeout": settings.CACHE_READ_TIMEOUT,
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        servers = self._servers  # type: ignore[attr-defined]
        self.outage = _outage_of(",".join(servers))
        # Named in the log without the password a Redis URL may carry.
        self._location = ",".join(_without_password(server) for server in servers)
        self._recovering = False

    def _guarded(self, fallback: Callable[[], Any], call: Callable[..., Any], *args: Any) -> Any:
        outage = self.outage
        away = outage.down and not self._recovering
        if away and (outage.resting() or not self._found_back()):
            return fallback()
        try:
            return call(*args)
        except UNREACHABLE as error:
            outage.begin(self._location, error)
            return fallback()

    def _found_back(self) -> bool:
        """Try Redis again after the rest. When it answers, whoever must
        know hears it (cache_recovered) before anything is read from it;
        their own calls reach Redis, and if one fails the outage goes on."""
        outage = self.outage
        failures = outage.failures
        self._recovering = True
        try:
            self._cache.get_client(write=True).ping()  # type: ignore[attr-defined]
            cache_recovered.send(sender=self)
        except UNREACHABLE as error:
            outage.begin(self._location, error)
        finally:
            self._recovering = False
        if outage.failures != failures:
            return False
        outage.down = False
        log.warning("The cache at %s answers again.", self._location)
        return True

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._guarded(lambda: False, super().add, key, value, timeout, version)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._guarded(lambda: default, super().get, key, default, version)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        return self._guarded(lambda: None, super().set, key, value, timeout, version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._guarded(lambda: False, super().touch, key, timeout, version)

    def delete(self, key: Any, version: Any = None) -> Any:
        return self._guarded(lambda: False, super().delete, key, version)

    def get_many(self, keys: Any, version: Any = None) -> Any:
        return self._guarded(dict, super().get_many, keys, version)

    def has_key(self, key: Any, version: Any = None) -> Any:
        return self._guarded(lambda: False, super().has_key, key, version)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> Any:
        def not_counted() -> Any:
            # What Django's caches say of a key they do not hold.
            raise ValueError(f"Key '{key}' could not be counted: the cache is unreachable.")

        return self._guarded(not_counted, super().incr, key, delta, version)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> Any:
        return self._guarded(lambda: list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys: Any, version: Any = None) -> None:
        return self._guarded(lambda: None, super().delete_many, keys, version)

    def clear(self) -> Any:
        return self._guarded(lambda: False, super().clear)


class AttemptsCache(ResilientRedisCache):
    """Counts of wrong attempts at codes, in Redis, shared by every process.
    While Redis is unreachable they are counted in this process's memory
    instead of being lost: an address that used up its attempts is still
    stopped (within each process: at most the number of web workers times
    the limit, for the minutes of an outage, against codes too many to
    guess), and nobody with a right code is turned away. Counts begun during
    the outage stay in memory when Redis returns and expire with their
    window."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        # LocMemCache instances of one name share their memory in a process.
        self.local = LocMemCache(
            f"attempts-while-away:{self._location}", {"OPTIONS": {"MAX_ENTRIES": 100_000}}
        )

    def _guarded(self, fallback: Callable[[], Any], call: Callable[..., Any], *args: Any) -> Any:
        counted_here = getattr(self.local, call.__name__)
        return super()._guarded(lambda: counted_here(*args), call, *args)
