"""Closing a vote by hand cannot be undone: the results page offers a link
to a page that says what closing does, and only the confirmed POST closes
and seals the round."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.helpers import EN
from tests.pages.helpers import page_text
from tests.voting import open_round

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def test_closing_asks_first_and_only_the_confirmed_post_closes(client_for):
    round = open_round(
        title="Which first?", closes_at=datetime(2099, 6, 30, 18, tzinfo=ZoneInfo("UTC"))
    )
    url = f"/workspace/votes/{round.pk}/close/"
    facilitator = client_for("facilitator")

    results = facilitator.get(f"/workspace/votes/{round.pk}/", headers=EN).content.decode()
    shown = facilitator.get(url, headers=EN)
    first = facilitator.post(url, headers=EN)

    assert f'href="{url}"' in results
    round.refresh_from_db()
    assert round.closed_at is None and not round.sealed
    for response in (shown, first):
        assert response.status_code == 200
        text = page_text(response)
        assert "Close the vote “Which first?” now?" in text
        assert "Residents can no longer vote in it or change their ballot." in text
        assert "Residents who have voted so far: 0." in text
        assert "It was to close on its own at" in text
        assert "A closed vote cannot be opened again" in text

    done = facilitator.post(url, {"confirm": "yes"}, headers=EN)

    assert done.status_code == 302
    round.refresh_from_db()
    assert round.closed_at is not None and round.sealed


def test_a_closed_round_is_not_asked_about_again(client_for):
    round = open_round(closes_at=datetime(2000, 1, 1, tzinfo=ZoneInfo("UTC")))
    response = client_for("facilitator").get(f"/workspace/votes/{round.pk}/close/", headers=EN)
    assert response.status_code == 302
    assert response["Location"] == f"/workspace/votes/{round.pk}/"


def test_a_researcher_may_not_close_a_vote(client_for):
    round = open_round()
    response = client_for("researcher").post(
        f"/workspace/votes/{round.pk}/close/", {"confirm": "yes"}
    )
    assert response.status_code == 403
    round.refresh_from_db()
    assert round.closed_at is None
