"""The workshop form counts each person once: the people present, how many
of them came for the first time, and per group how many of them belong to
it. Groups overlap, so they need not add up, but none can be larger than
the people present; an impossible count is refused with a message in the
reader's language and nothing is written, history included.

The workshop page leads on to its agendas, to adding an issue that came up
there and to typing its paper tally; the tally form says in words which
issues are silenced or restricted."""

import re

import pytest
from django.core.exceptions import ValidationError

from agendas.models import Agenda, Issue
from communities.models import ParticipantGroup
from tests.helpers import EN
from workshops.models import Attendance, Workshop
from workshops.services import save_workshop
from workspace.workshop_forms import WorkshopForm

from ..pages.helpers import page_text
from .validation import refused, table_sizes, tally_url, workshop_data

pytestmark = pytest.mark.django_db


def new_workshop_url(place):
    return f"/workspace/neighbourhoods/{place.pk}/workshops/new/"


def boxes(response, name):
    """The <input> tags named `name` on the page."""
    return re.findall(rf'<input[^>]*name="{name}"[^>]*>', response.content.decode())


def ticked(response, name):
    return [
        re.search(r'value="([^"]*)"', tag).group(1)
        for tag in boxes(response, name)
        if " checked" in tag
    ]


BAD_PEOPLE = [
    pytest.param(
        {"people_present": 23, "first_timers": 23, "attendance": {"women": 24}},
        {
            "en": "No more than the 23 people present.",
            "es": "No más que las 23 personas presentes.",
        },
        id="a-group-larger-than-the-people-present",
    ),
    pytest.param(
        {"people_present": 23, "first_timers": 24},
        {
            "en": "No more than the 23 people present.",
            "es": "No más que las 23 personas presentes.",
        },
        id="more-first-timers-than-present",
    ),
    pytest.param(
        {"people_present": -1, "first_timers": 0},
        {
            "en": "The number of people cannot be negative.",
            "es": "El número de personas no puede ser negativo.",
        },
        id="negative-people-present",
    ),
    pytest.param(
        {"people_present": 5, "first_timers": -2},
        {
            "en": "The number of people cannot be negative.",
            "es": "El número de personas no puede ser negativo.",
        },
        id="negative-first-timers",
    ),
    pytest.param(
        {"people_present": 5, "first_timers": 5, "attendance": {"youths": -3}},
        {
            "en": "The number of people cannot be negative.",
            "es": "El número de personas no puede ser negativo.",
        },
        id="negative-group",
    ),
    pytest.param(
        {"attendance": {"women": 12}},
        {
            "en": "Say how many people were present before counting them by group.",
            "es": "Indique cuántas personas estuvieron presentes antes de contarlas por grupo.",
        },
        id="a-group-without-people-present",
    ),
    pytest.param(
        {"people_present": 12},
        {
            "en": "Say how many of them came for the first time",
            "es": "Indique cuántas de ellas vinieron por primera vez",
        },
        id="people-present-without-first-timers",
    ),
    pytest.param(
        {"first_timers": 12},
        {
            "en": "Say how many people were present before saying how many came for the first "
            "time.",
            "es": "Indique cuántas personas estuvieron presentes antes de decir cuántas vinieron "
            "por primera vez.",
        },
        id="first-timers-without-people-present",
    ),
    pytest.param(
        {"people_present": "veinte", "first_timers": 3},
        {"en": "Enter a whole number.", "es": "Escriba un número entero."},
        id="people-present-not-a-number",
    ),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("typed", "message"), BAD_PEOPLE)
def test_impossible_people_are_refused(facilitator, lazaro, language, typed, message):
    text = refused(facilitator, new_workshop_url(lazaro), workshop_data(**typed), language)
    assert message[language] in text


@pytest.mark.parametrize(("typed", "message"), BAD_PEOPLE)
def test_impossible_people_keep_the_saved_workshop(facilitator, workshop, typed, message):
    before = (workshop.people_present, workshop.first_timers)
    groups = list(workshop.attendance.values_list("group__slug", "count"))
    text = refused(
        facilitator, f"/workspace/workshops/{workshop.pk}/edit/", workshop_data(**typed), "en"
    )
    assert message["en"] in text
    workshop.refresh_from_db()
    assert (workshop.people_present, workshop.first_timers) == before == (63, 63)
    assert list(workshop.attendance.values_list("group__slug", "count")) == groups


def test_the_group_too_large_is_marked_on_its_own_box(facilitator, lazaro):
    data = workshop_data(people_present=23, first_timers=23, attendance={"women": 12, "youths": 30})
    response = facilitator.post(new_workshop_url(lazaro), data, headers=EN)
    assert response.status_code == 400
    slugs = list(ParticipantGroup.objects.order_by("order", "pk").values_list("slug", flat=True))
    for slug in ("women", "youths"):
        (box,) = boxes(response, f"attendance-{slugs.index(slug)}-count")
        assert ("is-invalid" in box) is (slug == "youths")
    assert response.content.decode().count("No more than the 23 people present.") == 1


def test_overlapping_groups_are_saved_and_the_workshop_shows_its_people(facilitator, lazaro):
    # 23 people: 12 women, 9 youths (some of them young women), 11 men.
    data = workshop_data(
        people_present=23, first_timers=20, attendance={"women": 12, "youths": 9, "men": 11}
    )
    response = facilitator.post(new_workshop_url(lazaro), data, headers=EN)
    assert response.status_code == 302
    logged = Workshop.objects.get(title_en="Workshop with youths")
    assert (logged.people_present, logged.first_timers) == (23, 20)
    assert sorted(logged.attendance.values_list("group__slug", "count")) == [
        ("men", 11),
        ("women", 12),
        ("youths", 9),
    ]
    text = page_text(facilitator.get(f"/workspace/workshops/{logged.pk}/", headers=EN))
    assert "People present 23" in text
    assert "Came for the first time 20" in text
    assert "32" not in text  # the groups' sum is nobody's count
    listed = facilitator.get(f"/workspace/neighbourhoods/{lazaro.pk}/", headers=EN)
    row = re.search(r"Workshop with youths.*?</tr>", listed.content.decode(), re.S).group(0)
    assert "<td>23</td>" in row
    dashboard = page_text(facilitator.get("/workspace/", headers=EN))
    assert re.search(r"Workshop with youths · Lázaro Cárdenas · [^·]+ · 23 participants", dashboard)


def test_the_service_refuses_a_group_larger_than_the_people_present(lazaro):
    """The rule holds on every route to the service, not only on the page."""
    form = WorkshopForm(workshop_data(people_present=10, first_timers=10), neighbourhood=lazaro)
    assert form.is_valid(), form.errors
    women = ParticipantGroup.objects.get(slug="women")
    before = table_sizes()
    with pytest.raises(ValidationError):
        save_workshop(form, {women: 11})
    assert table_sizes() == before


def test_a_new_workshop_starts_with_its_facilitator_ticked(
    facilitator, client_for, demo_users, lazaro
):
    me = demo_users["facilitator"]
    response = facilitator.get(new_workshop_url(lazaro), headers=EN)
    assert len(boxes(response, "facilitators")) >= 1
    assert ticked(response, "facilitators") == [str(me.pk)]
    # An administrator is not one of the neighbourhood's facilitators.
    response = client_for("admin").get(new_workshop_url(lazaro), headers=EN)
    assert ticked(response, "facilitators") == []


def test_editing_keeps_the_facilitators_as_saved(facilitator, workshop):
    assert not workshop.facilitators.exists()
    response = facilitator.get(f"/workspace/workshops/{workshop.pk}/edit/")
    assert boxes(response, "facilitators")
    assert ticked(response, "facilitators") == []


def test_without_people_present_a_workshop_needs_attention(facilitator, lazaro):
    women = ParticipantGroup.objects.get(slug="women")
    counted_by_group = Workshop.objects.create(
        neighbourhood=lazaro, title_en="Groups only", title_es="Solo grupos"
    )
    Attendance.objects.create(workshop=counted_by_group, group=women, count=8)
    Workshop.objects.create(
        neighbourhood=lazaro,
        title_en="People only",
        title_es="Solo personas",
        people_present=8,
        first_timers=8,
    )
    text = page_text(facilitator.get("/workspace/", headers=EN))
    attention = text.split("Needs attention")[1].split("Recent workshops")[0]
    assert "Groups only" in attention
    assert "People only" not in attention


def test_the_workshop_page_leads_to_its_agenda_issues_and_tally(facilitator, workshop):
    body = facilitator.get(f"/workspace/workshops/{workshop.pk}/", headers=EN).content.decode()
    assert 'href="/workspace/agendas/lazaro-cardenas/"' in body
    add_issue = f'href="/workspace/agendas/lazaro-cardenas/issues/new/?workshop={workshop.pk}"'
    assert add_issue in body
    assert f'href="{tally_url(workshop)}"' in body
    # The issue form it leads to has the workshop ticked.
    form = facilitator.get(
        f"/workspace/agendas/lazaro-cardenas/issues/new/?workshop={workshop.pk}", headers=EN
    )
    assert ticked(form, "workshops") == [str(workshop.pk)]


def test_a_researcher_reads_the_workshop_page_without_the_ways_to_change_it(client_for, workshop):
    body = client_for("researcher").get(f"/workspace/workshops/{workshop.pk}/").content.decode()
    assert 'href="/workspace/agendas/lazaro-cardenas/"' in body
    assert "?workshop=" not in body
    assert tally_url(workshop) not in body


def test_an_unknown_workshop_in_the_address_ticks_nothing(facilitator):
    for value in ("99999999999999999999999", "²", "abc"):
        response = facilitator.get(
            f"/workspace/agendas/lazaro-cardenas/issues/new/?workshop={value}"
        )
        assert response.status_code == 200
        assert boxes(response, "workshops")
        assert ticked(response, "workshops") == []


@pytest.mark.parametrize(
    ("language", "silenced", "restricted"),
    [
        ("en", "Silenced issue", "Restricted: not shown to the public"),
        ("es", "Tema silenciado", "Restringido: no se muestra al público"),
    ],
)
def test_the_tally_form_says_which_issues_are_silenced_or_restricted(
    facilitator, workshop, language, silenced, restricted
):
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    body = facilitator.get(tally_url(workshop), headers={"accept-language": language})
    body = body.content.decode()
    issues = list(Issue.objects.filter(agenda=agenda))
    assert {i.kind for i in issues} == {"prioritised", "silenced"}
    assert {i.visibility for i in issues} == {"public", "restricted"}
    for issue in issues:
        found = re.search(rf'id="id_issue_{issue.pk}_helptext"[^>]*>(.*?)</div>', body, re.S)
        words = found.group(1) if found else ""
        assert (silenced in words) is (issue.kind == "silenced"), issue.title_en
        assert (restricted in words) is (issue.visibility == "restricted"), issue.title_en
