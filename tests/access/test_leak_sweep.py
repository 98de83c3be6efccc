"""The sweep of every address of the site, download, API list and admin page,
read by every role: the planted words turn up only where their reader may
see them, and each turns up somewhere (tests/access/sweep.py says how it
works and how to extend it)."""

import pytest
from django.urls import reverse

from workshops.models import Workshop

from .sweep import (
    INTERNAL_PREFIXES,
    READING_FORMS,
    ROLE_LANGUAGE,
    ROLES,
    Sweep,
    addresses,
    body_of,
    booklet_edition,
)

pytestmark = pytest.mark.django_db

# Readiness answers 503 when a part of the site is not working (with Redis
# set, no worker runs during this test): a report, not a server error.
READINESS = "/health/ready/"


def answered(response, url):
    return response.status_code < 500 or (url == READINESS and response.status_code == 503)


def test_every_address_for_every_role(demo, readers):
    people, clients = readers
    sweep = Sweep(demo, people)
    urls = addresses(demo)
    assert len(urls) > 100
    for role in ROLES:
        headers = {"accept-language": ROLE_LANGUAGE[role]}
        for _label, url in urls:
            response = clients[role].get(url, headers=headers)
            assert answered(response, url), (url, role)
            edition = booklet_edition(url, demo)
            internal = url.startswith(INTERNAL_PREFIXES) or edition == "internal"
            sweep.read(role, url, body_of(response), internal=internal, booklet=edition)
    for name, forms in READING_FORMS.items():
        for kwargs, data in forms(demo):
            url = reverse(name, kwargs=kwargs)
            for role in ROLES:
                headers = {"accept-language": ROLE_LANGUAGE[role]}
                response = clients[role].post(url, data, headers=headers)
                assert response.status_code < 500, (url, role)
                sweep.read(role, f"POST {url}", body_of(response), internal=False)
    assert not sweep.leaks, sweep.report()
    # Every word was found where it may be read: the issue in both languages
    # (its pages, downloads, API and admin), each workshop's place, method and
    # notes in both (its workspace page and the admin).
    assert sweep.missing(demo.planted.words) == []
    # Each of those who may see the restricted issue read it, in their language.
    for role in ("facilitator", "researcher", "admin"):
        title = demo.planted.of("issue", "title", language=ROLE_LANGUAGE[role])
        assert sweep.missing(title, role) == [], role
    # The printed internal booklet (its PDF, downloaded) names the issue and
    # where the neighbourhood's workshops met.
    internal = reverse("booklet-download", kwargs={"pk": demo.jobs[0].pk})
    in_pdf = {w for w, readers in sweep.seen.items() if internal in readers.get("facilitator", ())}
    places = set()
    for workshop in Workshop.objects.filter(neighbourhood=demo.hidden.agenda.neighbourhood):
        places |= demo.planted.of("workshop", "place", language="es", workshop=workshop)
    assert demo.planted.of("issue", "title", language="es") | places <= in_pdf
