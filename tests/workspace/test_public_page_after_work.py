"""The facilitator's work reaches the public agenda page at once: a workshop
logged, a tally saved or emptied, an issue moved or restricted, a workshop
deleted."""

import re

import pytest

from agendas.models import Agenda
from communities.models import Neighbourhood, ParticipantGroup
from tallies.models import PaperTally, TallyCount
from tests.helpers import EN
from workshops.models import Attendance, Workshop

from ..pages.helpers import page_text
from .validation import (
    AGGRESSIONS,
    PUBLIC_PAGE,
    YOUTHS,
    issue_data,
    issue_titled,
    tally_data,
    tally_url,
    workshop_data,
)

pytestmark = pytest.mark.django_db


# --- what the facilitator's work changes on the public page ----------------------------------


def public_issues(client):
    """(title, text) of each issue on the public agenda page, in page order."""
    body = client.get(PUBLIC_PAGE, headers=EN).content.decode()
    issues = []
    for block in re.findall(r'<li class="issue"[^>]*>.*?</li>', body, flags=re.S):
        title = re.search(r'<span class="issue-title">(.*?)</span>', block, flags=re.S)
        issues.append((re.sub(r"<[^>]+>", "", title.group(1)).strip(), block))
    return issues


def dots_shown(client, title):
    """What the public page says of the issue's dots ("" when nothing)."""
    for shown, block in public_issues(client):
        if shown == title:
            found = re.search(r'<span class="dots">(.*?)</span>', block, flags=re.S)
            return found.group(1).strip() if found else ""
    raise AssertionError(f"{title!r} is not on the public page")


def participant_total(neighbourhood):
    return (
        Neighbourhood.objects.with_participant_total()
        .values_list("participant_total", flat=True)
        .get(pk=neighbourhood.pk)
    )


def test_logging_a_workshop_adds_its_people_to_the_totals(facilitator, client_for, lazaro):
    visitor = client_for("visitor")
    assert participant_total(lazaro) == 63
    assert "63 residents took part" in page_text(visitor.get(PUBLIC_PAGE, headers=EN))
    response = facilitator.post(
        f"/workspace/neighbourhoods/{lazaro.pk}/workshops/new/",
        workshop_data(
            attendance={"women": 12, "youths": 8, "elderly": 0},
            people_present=22,
            first_timers=20,
        ),
        headers=EN,
    )
    assert response.status_code == 302
    logged = Workshop.objects.get(title_en="Workshop with youths")
    assert response["Location"] == f"/workspace/workshops/{logged.pk}/"
    assert sorted(logged.attendance.values_list("group__slug", "count")) == [
        ("elderly", 0),
        ("women", 12),
        ("youths", 8),
    ]
    assert participant_total(lazaro) == 83
    assert "83 residents took part" in page_text(visitor.get(PUBLIC_PAGE, headers=EN))


def test_a_saved_tally_shows_its_dots_on_the_public_page(facilitator, client_for, workshop):
    visitor = client_for("visitor")
    assert dots_shown(visitor, AGGRESSIONS) == ""
    response = facilitator.post(
        tally_url(workshop), tally_data(10, 3, 2, **{AGGRESSIONS: 17, YOUTHS: 9})
    )
    assert response.status_code == 302
    assert dots_shown(visitor, AGGRESSIONS) == "17 dots in the workshop votes"
    assert dots_shown(visitor, YOUTHS) == "9 dots in the workshop votes"


def test_emptying_an_issue_in_the_tally_removes_its_dots(
    facilitator, client_for, workshop, saved_tally
):
    visitor = client_for("visitor")
    response = facilitator.post(
        tally_url(workshop), tally_data(10, 3, 2, **{AGGRESSIONS: 20, YOUTHS: 4})
    )
    assert response.status_code == 302
    assert dots_shown(visitor, YOUTHS) == "4 dots in the workshop votes"
    assert dots_shown(visitor, AGGRESSIONS) == "20 dots in the workshop votes"
    response = facilitator.post(
        tally_url(workshop), tally_data(10, 3, 2, **{AGGRESSIONS: "", YOUTHS: 4})
    )
    assert response.status_code == 302
    assert not TallyCount.objects.filter(issue=issue_titled(AGGRESSIONS)).exists()
    assert dots_shown(visitor, AGGRESSIONS) == ""
    assert dots_shown(visitor, YOUTHS) == "4 dots in the workshop votes"


def test_moving_an_issue_changes_the_public_order(facilitator, client_for):
    visitor = client_for("visitor")

    def first_two():
        return [title for title, _block in public_issues(visitor)[:2]]

    assert first_two() == [AGGRESSIONS, YOUTHS]
    url = f"/workspace/issues/{issue_titled(YOUTHS).pk}/move/"
    assert facilitator.post(url, {"direction": "up"}).status_code == 302
    assert first_two() == [YOUTHS, AGGRESSIONS]
    assert facilitator.post(url, {"direction": "down"}).status_code == 302
    assert first_two() == [AGGRESSIONS, YOUTHS]


def test_restricting_an_issue_hides_it_from_a_cached_public_page(facilitator, client_for):
    visitor = client_for("visitor")
    issue = issue_titled("Domestic violence")
    assert issue.title_en in [title for title, _block in public_issues(visitor)]
    response = facilitator.post(
        f"/workspace/issues/{issue.pk}/edit/",
        {**issue_data(issue, visibility="restricted"), "confirm": "yes"},
    )
    assert response.status_code == 302
    assert issue.title_en not in [title for title, _block in public_issues(visitor)]
    assert issue.title_en not in page_text(visitor.get(PUBLIC_PAGE, headers=EN))


def test_deleting_a_workshop_removes_its_attendance_and_tallies(
    facilitator, client_for, lazaro, workshop
):
    visitor = client_for("visitor")
    held = Workshop.objects.create(
        neighbourhood=lazaro,
        title_en="Evening",
        title_es="Tarde",
        people_present=14,
        first_timers=12,
    )
    Attendance.objects.create(
        workshop=held, group=ParticipantGroup.objects.get(slug="women"), count=12
    )
    tally = PaperTally.objects.create(
        workshop=held, agenda=Agenda.objects.get(slug="lazaro-cardenas"), voters=12
    )
    TallyCount.objects.create(tally=tally, issue=issue_titled(YOUTHS), dots=7)
    assert participant_total(lazaro) == 75
    assert dots_shown(visitor, YOUTHS) == "7 dots in the workshop votes"
    response = facilitator.post(f"/workspace/workshops/{held.pk}/delete/", {"confirm": "yes"})
    assert response.status_code == 302
    assert not Workshop.objects.filter(pk=held.pk).exists()
    assert not Attendance.objects.filter(workshop_id=held.pk).exists()
    assert not PaperTally.objects.filter(workshop_id=held.pk).exists()
    assert not TallyCount.objects.filter(tally_id=tally.pk).exists()
    assert participant_total(lazaro) == 63
    assert dots_shown(visitor, YOUTHS) == ""
    assert "63 residents took part" in page_text(visitor.get(PUBLIC_PAGE, headers=EN))
