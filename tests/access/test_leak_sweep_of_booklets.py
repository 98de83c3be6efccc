"""The sweep of every booklet edition, in every language, for every role that
may export it: the restricted issue and where workshops met only in the
internal edition of the agenda's team (tests/access/sweep.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from agendas.models import Agenda
from booklets.rendering import booklet_html
from booklets.services import may_export
from workshops.models import Workshop

from .sweep import ROLE_LANGUAGE, ROLES, Sweep

pytestmark = pytest.mark.django_db


# --- the booklets -----------------------------------------------------------------------

AGENDAS = ["lazaro-cardenas", "national"]
EDITIONS = ["public", "internal"]
LANGUAGES = ["es", "en"]


def test_every_booklet_edition_for_every_role(demo, readers):
    people, _clients = readers
    sweep = Sweep(demo, people)
    read = 0
    for slug in AGENDAS:
        agenda = Agenda.objects.select_related("neighbourhood").get(slug=slug)
        for role in ROLES:
            user = people[role] or AnonymousUser()
            for edition in EDITIONS:
                if not may_export(user, agenda, edition):
                    continue
                # The public edition is the same whoever asks: read in both
                # languages by a visitor and the team, in one by the others.
                both = role in ("visitor", "facilitator") or edition == "internal"
                for language in LANGUAGES if both else [ROLE_LANGUAGE[role]]:
                    html = booklet_html(
                        agenda,
                        user=user if user.is_authenticated else None,
                        edition=edition,
                        language=language,
                        paper="a4",
                    )
                    output = f"booklet {slug} {edition} {language}"
                    sweep.read(role, output, html, internal=edition == "internal", booklet=edition)
                    read += 1
    assert read >= len(ROLES) + 2
    assert not sweep.leaks, sweep.report()
    # The internal edition of the agenda's team carries the restricted issue and
    # where each of the neighbourhood's workshops met, in both languages.
    lazaro = Workshop.objects.filter(neighbourhood__slug="lazaro-cardenas")
    expected = demo.planted.of("issue")
    for workshop in lazaro:
        expected |= demo.planted.of("workshop", "place", workshop=workshop)
    assert sweep.missing(expected) == []
