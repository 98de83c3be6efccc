"""One generation marker for every cached agenda page.

Any change to what an agenda page shows (its text, issues, proposals,
dimensions, places, attendance) sets a new generation, at once and again
when the transaction commits; cached pages are keyed on it, so a stale page is never served and
a visitor's page can be answered from the cache alone, without the database.
With several server processes the cache must be shared (REDIS_URL).
"""

import uuid

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "agendas:generation"


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY)
    return value


def new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def content_changed():
    """Call when anything an agenda page shows has changed.

    Twice: now, so this transaction's own later reads see fresh pages, and
    after commit, to retire any page that a concurrent request built from
    the data as it was before the commit."""
    new_generation()
    transaction.on_commit(new_generation)
