"""What tests of every app share: the language a request asks for, the demo's
restricted issue and password, a signed-in client, and the SQL queries a
page or a call costs."""

import re
import unicodedata

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

EN = {"accept-language": "en"}
ES = {"accept-language": "es"}
HEADERS = {"en": EN, "es": ES}
# Every demo person's password (demo/data/seed.yaml).
PASSWORD = "demo-agendas-2026"
# The issue the demo plants on the Lázaro Cárdenas agenda for facilitators
# only: it must show nowhere else.
RESTRICTED_EN = "Demo only: an invented restricted issue"
RESTRICTED_ES = "Solo demostración: un tema restringido inventado"
# The people of the demo_users fixture, from the least trusted: a visitor, a
# resident and a facilitator of Lázaro Cárdenas, the facilitator of another
# neighbourhood, a researcher and an administrator.
ROLES = ("visitor", "resident", "other_facilitator", "facilitator", "researcher", "admin")
# Nothing listens on port 1: connecting is refused, as when Redis is down.
DEAD_BROKER = "redis://127.0.0.1:1/0"


def signed_in(user):
    """A test client of its own, signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def count_queries(call):
    """How many SQL queries `call()` makes."""
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def page_queries(client, url, **get):
    """(number of SQL queries, response) of reading `url`, which must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **get)
    assert response.status_code == 200, (url, response.content[:300])
    return len(queries), response


def squash(text, *, fold=False):
    """Text without its whitespace: a PDF breaks lines anywhere, even after
    a hyphen, so only the sequence of visible characters is compared."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return text.casefold() if fold else text
