"""While a neighbourhood has a published agenda and a newer draft (its next
cycle, copied from it), every place that picks the neighbourhood's agenda
still shows the published one: the draft is invisible to visitors and
residents, and where one agenda of the neighbourhood is picked for everyone
(the home page, /compare/), its copies do not count twice. Once the new
cycle is published it takes the old one's place; the old stays at its
addresses."""

import pytest

from agendas.models import Agenda
from publication import lifecycle
from publication.cycles import start_next_cycle
from tests.comparison.helpers import tables
from tests.helpers import EN, ROLES
from tests.opendata.helpers import api_rows, every_answer
from voting.models import VotingRound

pytestmark = pytest.mark.django_db

OLD, NEW = "/agendas/lazaro-cardenas/", "/agendas/lazaro-cardenas-2/"


@pytest.fixture
def cycle(demo_users):
    """The next cycle of Lázaro Cárdenas, its issues and proposals copied."""

    def start():
        return start_next_cycle(
            Agenda.objects.get(slug="lazaro-cardenas"),
            by=demo_users["facilitator"],
            copy_items=True,
        )

    return start


def move(agenda, *targets, by):
    for target in targets:
        agenda = lifecycle.move(agenda, target, by)
    return agenda


def compare(client):
    return tables(client.get("/compare/", headers=EN))


@pytest.mark.parametrize("role", ROLES)
def test_the_home_page_keeps_showing_the_published_agenda(client_for, cycle, role):
    cycle()
    home = client_for(role).get("/", headers=EN).content.decode()
    assert f'href="{OLD}"' in home
    assert f'href="{NEW}"' not in home


@pytest.mark.parametrize("role", ROLES)
def test_the_comparison_counts_the_published_agenda_once(client_for, cycle, role):
    client = client_for(role)
    before = compare(client)
    cycle()
    assert compare(client) == before


@pytest.mark.parametrize("role", ["visitor", "resident", "other_facilitator"])
def test_the_draft_does_not_exist_for_those_outside_its_team(client_for, cycle, role):
    cycle()
    client = client_for(role)
    assert client.get(NEW).status_code == 404
    assert client.get(f"{NEW}booklet/").status_code == 404
    assert client.get(OLD).status_code == 200
    assert client.get(f"{OLD}booklet/").status_code == 200


@pytest.mark.parametrize("role", ["visitor", "resident"])
def test_open_data_and_the_api_are_as_they_were_for_visitors_and_residents(client_for, cycle, role):
    client = client_for(role)

    def rows():
        # Each file says when it was made: its rows are what must not change.
        return {key: found for key, (_text, found) in every_answer(client, headers=EN).items()}

    before = rows()
    cycle()
    assert rows() == before


def test_researchers_read_both_agendas_in_the_data_each_under_its_own_name(client_for, cycle):
    researcher = client_for("researcher")
    before = api_rows(researcher, "issues")
    cycle()
    after = api_rows(researcher, "issues")
    assert len(after) == 2 * len([r for r in before if r["agenda"] == "lazaro-cardenas"]) + len(
        [r for r in before if r["agenda"] != "lazaro-cardenas"]
    )
    assert {r["agenda"] for r in after} - {r["agenda"] for r in before} == {"lazaro-cardenas-2"}


def test_residents_vote_where_they_did_and_consult_the_new_cycle_once_open(
    client_for, cycle, demo_users
):
    old = Agenda.objects.get(slug="lazaro-cardenas")
    VotingRound.objects.create(agenda=old, method="approval", title="Earlier round")
    resident = client_for("resident")
    new = cycle()
    home = resident.get("/vote/", headers=EN).content.decode()
    assert "Earlier round" in home and NEW not in home
    move(new, "consultation", by=demo_users["facilitator"])
    home = resident.get("/vote/", headers=EN).content.decode()
    assert "Earlier round" in home and "lazaro-cardenas-2" in home
    assert resident.get(NEW).status_code == 200
    # Consulting on the next cycle does not take the published text's place.
    assert f'href="{NEW}"' not in resident.get("/", headers=EN).content.decode()


def test_once_published_the_new_cycle_takes_the_old_one_s_place(client_for, cycle, demo_users):
    visitor = client_for("visitor")
    before = compare(visitor)
    old_page = visitor.get(f"{OLD}v1/", headers=EN).content
    new = cycle()
    move(new, "consultation", "validated", "published", by=demo_users["facilitator"])
    home = visitor.get("/", headers=EN).content.decode()
    assert f'href="{NEW}"' in home and f'href="{OLD}"' not in home
    assert compare(visitor) == before  # the same issues, now the new agenda's copies
    assert visitor.get(NEW).status_code == 200
    assert visitor.get(OLD).status_code == 200
    assert visitor.get(f"{OLD}v1/", headers=EN).content == old_page


def test_a_new_cycle_keeps_the_neighbourhood_s_residents_while_it_is_worked_on(cycle):
    from privacy.retention import closed_cycles

    place = Agenda.objects.get(slug="lazaro-cardenas").neighbourhood_id
    assert place in closed_cycles()
    cycle()
    # Residents are kept until the neighbourhood's work is published again.
    assert place not in closed_cycles()
