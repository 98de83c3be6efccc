"""One generation marker for every cached agenda page.

Any change to what an agenda page shows (its text, issues, proposals,
dimensions, places, attendance) sets a new generation, at once and again
when the transaction commits; cached pages are keyed on it, so a stale page is never served and
a visitor's page can be answered from the cache alone, without the database.
With several server processes the cache must be shared (REDIS_URL).

While the cache is unreachable (core.cache), an edit cannot set a new
generation, and Redis may come back holding the old one with the pages
built in it. So every process that saw the outage sets a new generation
when it finds Redis back, before it reads anything from it; the pages
cached before the outage are retired. (A server process that asked nothing
of the cache during the whole outage cannot know of it, and may serve them
until one that did finds Redis back: under traffic, every process sees an
outage.)
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.dispatch import receiver

from core.cache import cache_recovered

GENERATION_KEY = "agendas:generation"


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY)
    # None while the cache is unreachable: a generation of this request
    # alone, under which nothing is found (and nothing can be stored).
    return value or uuid.uuid4().hex


def new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def content_changed():
    """Call when anything an agenda page shows has changed.

    Twice: now, so this transaction's own later reads see fresh pages, and
    after commit, to retire any page that a concurrent request built from
    the data as it was before the commit."""
    new_generation()
    transaction.on_commit(new_generation)


@receiver(cache_recovered)
def _after_an_outage(sender, **kwargs):
    """Edits made during the outage could not retire the pages cached
    before it: retire them all now."""
    new_generation()
