"""Every published figure counts people once: a workshop's participants are
its people present, a neighbourhood's are the first-timers of its
workshops (someone who comes again is not counted again), on the home page,
the agenda page and its {participants}, the booklets, the comparison page
and the open data. The demo's 63, 61 and 61 stand.

A workshop's counts by group never give a small group away (access.disclosure,
rule 5): a group of fewer than SMALLEST_GROUP people is not published, nor
anything from which the people present minus the groups shown would tell it."""

import random

import pytest
from django.contrib.auth.models import AnonymousUser

from access.disclosure import SMALLEST_GROUP, attendance_shown
from agendas.models import Agenda
from booklets.rendering import booklet_html
from communities.models import ParticipantGroup
from publication.versions import publish
from tests.factories import AgendaFactory, NeighbourhoodFactory, SectionFactory, WorkshopFactory
from tests.helpers import EN, squash
from workshops.models import Attendance

from ..comparison.helpers import tables
from ..opendata.helpers import api_rows
from ..pages.helpers import page_text

pytestmark = pytest.mark.django_db


def group(slug):
    return ParticipantGroup.objects.get(slug=slug)


def held(place, present, first_timers, day=1, **groups):
    workshop = WorkshopFactory(
        neighbourhood=place,
        title_en=f"Workshop of day {day}",
        people_present=present,
        first_timers=first_timers,
        date=f"2024-03-{day:02d}",
    )
    for slug, count in groups.items():
        Attendance.objects.create(workshop=workshop, group=group(slug), count=count)
    return workshop


@pytest.fixture
def place():
    """A neighbourhood with a published agenda whose context says how many
    took part, and two workshops: 23 people came to the first (12 women, 9
    youths and 11 men: the groups overlap), 20 to the second, of whom 5 for
    the first time. 28 people took part."""
    place = NeighbourhoodFactory(name_en="Colonia Prueba", name_es="Colonia Prueba")
    held(place, 23, 23, day=1, women=12, youths=9, men=11)
    held(place, 20, 5, day=2, women=10, youths=8)
    agenda = AgendaFactory(neighbourhood=place, status="published", slug="colonia-prueba")
    SectionFactory(agenda=agenda, body_en="{participants} residents met.", body_es="")
    publish(agenda, None)
    return place


def booklet(slug, edition="public", language="en", user=None):
    return booklet_html(
        Agenda.objects.get(slug=slug),
        user=user or AnonymousUser(),
        edition=edition,
        language=language,
        paper="a4",
    )


def test_a_neighbourhood_counts_each_person_once(client, place):
    home = page_text(client.get("/", headers=EN))
    assert "Colonia Prueba" in home and "28 residents took part" in home
    agenda = page_text(client.get("/agendas/colonia-prueba/", headers=EN))
    assert "28 residents took part" in agenda
    assert "28 residents met." in agenda  # the section's {participants}
    (row,) = [r for r in api_rows(client, "neighbourhoods") if r["slug"] == place.slug]
    assert row["participants"] == 28


def test_a_workshop_counts_its_people_present(client, place):
    rows = [r for r in api_rows(client, "workshops") if r["neighbourhood"] == place.slug]
    assert sorted((r["attendance"], r["first_timers"]) for r in rows) == [(20, 5), (23, 23)]


def test_the_booklet_says_how_many_took_part_and_each_workshops_people(place, demo_users):
    for edition, user in (("public", None), ("internal", demo_users["researcher"])):
        text = squash(booklet("colonia-prueba", edition, user=user))
        assert squash("28 people took part, each counted once") in text, edition
        assert squash("Workshop of day 1</strong> · March 1, 2024 · 23 participants") in text
        assert squash("Workshop of day 2</strong> · March 2, 2024 · 20 participants") in text


def test_the_comparison_counts_each_person_once(client_for, place):
    response = client_for("researcher").get("/compare/", headers=EN)
    numbers = {row[0]: row for row in tables(response)["neighbourhood-numbers"][1:]}
    (row,) = [row for name, row in numbers.items() if name.startswith("Colonia Prueba")]
    assert row[2] == "28"
    groups = tables(response)["participants"]
    shown = dict(zip(groups[0], next(r for r in groups if r[0] == "Colonia Prueba"), strict=True))
    assert shown["People who took part"] == "28"
    assert (shown["Women"], shown["Youths"], shown["Men"]) == ("22", "17", "11")


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_demo_figures_stand_in_the_booklets(language):
    took_part = {
        "en": "{} people took part, each counted once",
        "es": "Participaron {} personas, cada una contada una sola vez",
    }[language]
    for slug, people in (("lazaro-cardenas", 63), ("sanchez-taboada", 61), ("nuevo-almaguer", 61)):
        text = squash(booklet(slug, language=language))
        assert squash(took_part.format(people)) in text, slug


# --- what the counts by group may publish --------------------------------------------------


def published_groups(client, workshop):
    rows = api_rows(client, "attendance")
    return {r["group"]: r["count"] for r in rows if r["workshop"] == workshop.public_id}


def test_a_small_group_and_what_would_give_it_away_are_not_published(client, place):
    # 23 people: 12 women, 9 men and 2 indigenous people. 23 − 12 − 9 = 2
    # would tell the indigenous people's count: the men are withheld too.
    tight = held(place, 23, 0, day=3, women=12, men=9, indigenous=2)
    # 30 people, the same groups: 30 − 12 − 9 = 9 tells no small group.
    roomy = held(place, 30, 0, day=4, women=12, men=9, indigenous=2)
    assert published_groups(client, tight) == {"women": 12}
    assert published_groups(client, roomy) == {"women": 12, "men": 9}
    # The people present stay published: nothing else reveals the two.
    rows = {r["id"]: r for r in api_rows(client, "workshops")}
    assert rows[tight.public_id]["attendance"] == 23


def test_sums_of_groups_are_sums_of_what_each_workshop_publishes(client_for, place, demo_users):
    held(place, 23, 0, day=3, women=12, men=9, indigenous=2)
    response = client_for("visitor").get("/compare/", headers=EN)
    groups = tables(response)["participants"]
    shown = dict(zip(groups[0], next(r for r in groups if r[0] == "Colonia Prueba"), strict=True))
    # Women: 12 + 10 + 12; men: the first workshop's 11 only; no indigenous column.
    assert (shown["Women"], shown["Men"]) == ("34", "11")
    assert "Indigenous people" not in shown
    for edition, user in (("public", None), ("internal", demo_users["facilitator"])):
        text = squash(booklet("colonia-prueba", edition, user=user))
        assert squash("Indigenous people") not in text, edition
        assert squash(">Men</th><td>11<") in text, edition


def test_the_team_sees_every_count_where_it_is_typed_in(client_for, place):
    tight = held(place, 23, 0, day=3, women=12, men=9, indigenous=2)
    text = page_text(client_for("admin").get(f"/workspace/workshops/{tight.pk}/", headers=EN))
    assert "Indigenous people 2" in text and "Men 9" in text


def test_no_small_group_can_be_worked_out_from_what_is_published():
    """An adversary: for random workshops, no group of between 1 and
    SMALLEST_GROUP − 1 people is shown, and while one is withheld the people
    present minus any choice of the shown counts never comes to such a
    number."""
    chance = random.Random(2026)
    for _ in range(3000):
        present = chance.randint(0, 40)
        counts = {g: chance.randint(0, present) for g in range(chance.randint(0, 6))}
        shown = attendance_shown(present, counts)
        assert shown <= set(counts)
        assert not any(0 < counts[g] < SMALLEST_GROUP for g in shown)
        if any(0 < c < SMALLEST_GROUP for c in counts.values()):
            # Every choice of one or more shown counts (the people present
            # alone are published anyway, and are no group's count).
            sums: set[int] = set()
            for g in shown:
                sums |= {s + counts[g] for s in sums} | {counts[g]}
            assert not any(0 < present - s < SMALLEST_GROUP for s in sums), (present, counts)
