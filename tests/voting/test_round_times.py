"""A round's times are its neighbourhood's: what a facilitator types is read
on that neighbourhood's clocks, and every page that shows a round's times
shows them there, naming the zone. A time the clocks skip or repeat at a
daylight-saving change is refused with a message saying so. Tijuana keeps
daylight saving time; Mexico City no longer does."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from agendas.models import Agenda
from communities.models import Neighbourhood
from tests.helpers import EN
from tests.pages.helpers import page_text
from tests.voting import SLUG, open_round
from voting import times
from voting.models import VotingRound

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

ROUNDS_URL = f"/workspace/agendas/{SLUG}/votes/"
TIJUANA, MEXICO_CITY = "America/Tijuana", "America/Mexico_City"


def lives_in(zone):
    Neighbourhood.objects.filter(slug=SLUG).update(time_zone=zone)


def open_vote(client, closes_at, headers=EN):
    return client.post(
        ROUNDS_URL,
        {"title": "Timed vote", "method": "approval", "closes_at": closes_at},
        headers=headers,
    )


@pytest.mark.parametrize(
    ("zone", "utc_hour"),
    [(TIJUANA, 1), (MEXICO_CITY, 0)],  # 18:00 in summer: UTC-7 in Tijuana, UTC-6 in the capital
)
def test_a_typed_closing_time_is_read_on_the_neighbourhoods_clocks(client_for, zone, utc_hour):
    lives_in(zone)
    response = open_vote(client_for("facilitator"), "2030-06-30T18:00")
    assert response.status_code == 302
    closes = VotingRound.objects.get(title="Timed vote").closes_at
    assert closes == datetime(2030, 7, 1, utc_hour, tzinfo=UTC)


def test_the_form_says_which_clocks_it_reads(client_for):
    lives_in(TIJUANA)
    text = page_text(client_for("facilitator").get(ROUNDS_URL, headers=EN))
    assert "In America/Tijuana time, as clocks there show it." in text


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2030-03-10T02:30", "does not exist in America/Tijuana: the clocks jump forward"),
        ("2030-11-03T01:30", "happens twice in America/Tijuana that day: the clocks go back"),
    ],
)
def test_a_time_the_clocks_skip_or_repeat_is_refused_with_a_reason(client_for, typed, message):
    lives_in(TIJUANA)
    response = open_vote(client_for("facilitator"), typed)
    assert response.status_code == 400
    assert message in page_text(response)
    assert not VotingRound.objects.filter(title="Timed vote").exists()


def test_the_same_clock_time_is_fine_where_the_clocks_do_not_change(client_for):
    lives_in(MEXICO_CITY)
    assert open_vote(client_for("facilitator"), "2030-03-10T02:30").status_code == 302


@pytest.mark.parametrize(("zone", "clock"), [(TIJUANA, "6 p.m."), (MEXICO_CITY, "7 p.m.")])
def test_every_page_shows_a_rounds_times_on_its_neighbourhoods_clocks(client_for, zone, clock):
    lives_in(zone)
    round = open_round(
        "approval", title="Timed vote", closes_at=datetime(2030, 7, 1, 1, tzinfo=UTC)
    )
    shown = f"June 30, 2030, {clock} ({zone.replace('_', ' ')} time)"
    facilitator, resident = client_for("facilitator"), client_for("resident")
    for client, url in [
        (facilitator, ROUNDS_URL),
        (facilitator, f"/workspace/votes/{round.pk}/"),
        (facilitator, f"/workspace/votes/{round.pk}/close/"),
        (resident, "/vote/"),
        (resident, f"/vote/{round.pk}/"),
    ]:
        response = client.get(url, headers=EN)
        assert response.status_code == 200, url
        assert shown in page_text(response), url
        assert 'datetime="2030-06-30T' in response.content.decode(), url


def test_a_national_agenda_keeps_the_sites_time_zone():
    national = Agenda.objects.get(slug="national")
    assert times.zone_of(national) == ZoneInfo(settings.TIME_ZONE)


def test_a_closing_time_already_past_is_refused_and_no_vote_opens(client_for):
    lives_in(TIJUANA)
    response = open_vote(client_for("facilitator"), "2020-01-01T10:00")
    assert response.status_code == 400
    assert "That time has already passed." in page_text(response)
    assert not VotingRound.objects.filter(title="Timed vote").exists()
