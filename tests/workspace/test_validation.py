"""What a facilitator types is checked on the server: an impossible flip
chart, a count that is not a number or a link to another neighbourhood's
work is refused with a message in the reader's language, and nothing at all
is written, history included. The happy paths the facilitator depends on
reach the public agenda page at once."""

import re

import pytest
from django.apps import apps

from agendas.models import Agenda, Issue
from communities.models import Neighbourhood, ParticipantGroup
from proposals.models import Proposal
from tallies.models import PaperTally, TallyCount
from tests.helpers import EN
from workshops.models import Attendance, Workshop

from ..pages.helpers import page_text
from .forms import issue_as_it_stands

pytestmark = pytest.mark.django_db

BANNER = {
    "en": "Nothing was saved. Please correct what is marked below.",
    "es": "No se guardó nada. Corrija lo que está señalado abajo.",
}
PUBLIC_PAGE = "/agendas/lazaro-cardenas/"


def table_sizes():
    """Rows of every table a workspace form writes to, history included."""
    models = [
        Workshop,
        Workshop.facilitators.through,
        Attendance,
        Issue,
        Issue.related_dimensions.through,
        Issue.workshops.through,
        Proposal,
        Proposal.issues.through,
        PaperTally,
        TallyCount,
        *apps.get_app_config("history").get_models(),
    ]
    return {model._meta.label: model._base_manager.count() for model in models}


def refused(client, url, data, language):
    """POST `data`, expect the refusal page and no write; return its text."""
    before = table_sizes()
    response = client.post(url, data, headers={"accept-language": language})
    assert response.status_code == 400
    assert table_sizes() == before
    text = page_text(response)
    assert BANNER[language] in text
    return text


@pytest.fixture
def facilitator(client_for):
    return client_for("facilitator")


@pytest.fixture
def lazaro():
    return Neighbourhood.objects.get(slug="lazaro-cardenas")


@pytest.fixture
def workshop(lazaro):
    """The demo workshop of Lázaro Cárdenas: 63 people were recorded."""
    return Workshop.objects.get(neighbourhood=lazaro)


def issue_titled(title_en, agenda="lazaro-cardenas"):
    return Issue.objects.get(agenda__slug=agenda, title_en=title_en)


# --- paper tallies ---------------------------------------------------------------

AGGRESSIONS = "Aggressions, assaults and robberies"
YOUTHS = "Youths being recruited by criminal groups"


def tally_url(workshop):
    return f"/workspace/workshops/{workshop.pk}/tallies/lazaro-cardenas/"


def tally_data(voters, dots_per_voter="", max_dots_per_issue="", **dots):
    """The flip chart as typed: `dots` maps English issue titles to dots."""
    data = {
        "voters": voters,
        "dots_per_voter": dots_per_voter,
        "max_dots_per_issue": max_dots_per_issue,
    }
    for title, value in dots.items():
        data[f"issue_{issue_titled(title).pk}"] = value
    return data


IMPOSSIBLE_TALLIES = [
    pytest.param(
        (10, 3, 2, {AGGRESSIONS: 21}),
        {
            "en": "At most 20 dots: 10 people × 2 dots on one issue.",
            "es": "Como máximo 20 puntos: 10 personas × 2 puntos en un tema.",
        },
        id="more-dots-on-one-issue-than-voters-times-limit",
    ),
    pytest.param(
        (10, 3, "", {AGGRESSIONS: 31}),
        {
            "en": "At most 30 dots: 10 people × 3 dots each.",
            "es": "Como máximo 30 puntos: 10 personas × 3 puntos cada una.",
        },
        id="more-dots-on-one-issue-than-all-voters-had",
    ),
    pytest.param(
        (10, 3, 2, {AGGRESSIONS: 20, YOUTHS: 11}),
        {
            "en": "31 dots in all, but 10 people with 3 dots each could place at most 30.",
            "es": "31 puntos en total, pero 10 personas con 3 puntos cada una podían poner "
            "como máximo 30.",
        },
        id="more-dots-in-all-than-voters-had",
    ),
    pytest.param(
        (10, 3, 2, {AGGRESSIONS: -1}),
        {
            "en": "The number of dots cannot be negative.",
            "es": "El número de puntos no puede ser negativo.",
        },
        id="negative-dots",
    ),
    pytest.param(
        (64, "", "", {}),
        {
            "en": "More people voted than the 63 recorded at the workshop.",
            "es": "Votaron más personas que las 63 registradas en el taller.",
        },
        id="more-voters-than-attendance",
    ),
    pytest.param(
        (10, 2, 3, {}),
        {
            "en": "No one can put more dots on one issue than they had in all.",
            "es": "Nadie puede poner en un tema más puntos de los que tenía en total.",
        },
        id="limit-per-issue-above-dots-per-voter",
    ),
    pytest.param(
        (0, "", "", {AGGRESSIONS: 3}),
        {"en": "There are dots but no one voted.", "es": "Hay puntos, pero nadie votó."},
        id="dots-without-voters",
    ),
    pytest.param(
        ("diez", "", "", {AGGRESSIONS: "tres"}),
        {"en": "Enter a whole number.", "es": "Escriba un número entero."},
        id="not-a-number",
    ),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("typed", "message"), IMPOSSIBLE_TALLIES)
def test_an_impossible_first_tally_is_refused(facilitator, workshop, language, typed, message):
    voters, per_voter, per_issue, dots = typed
    text = refused(
        facilitator,
        tally_url(workshop),
        tally_data(voters, per_voter, per_issue, **dots),
        language,
    )
    assert message[language] in text


@pytest.fixture
def saved_tally(workshop):
    """A flip chart already typed: 10 people, 3 dots each, at most 2 on one issue."""
    tally = PaperTally.objects.create(
        workshop=workshop,
        agenda=Agenda.objects.get(slug="lazaro-cardenas"),
        voters=10,
        dots_per_voter=3,
        max_dots_per_issue=2,
    )
    TallyCount.objects.create(tally=tally, issue=issue_titled(AGGRESSIONS), dots=20)
    return tally


def saved_numbers(tally):
    tally.refresh_from_db()
    dots = sorted(tally.counts.values_list("issue__title_en", "dots"))
    return (tally.voters, tally.dots_per_voter, tally.max_dots_per_issue, dots)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("typed", "message"), IMPOSSIBLE_TALLIES)
def test_an_impossible_correction_keeps_the_saved_tally(
    facilitator, workshop, saved_tally, language, typed, message
):
    before = saved_numbers(saved_tally)
    voters, per_voter, per_issue, dots = typed
    text = refused(
        facilitator,
        tally_url(workshop),
        tally_data(voters, per_voter, per_issue, **dots),
        language,
    )
    assert message[language] in text
    assert saved_numbers(saved_tally) == before


def test_fewer_voters_cannot_have_left_the_saved_dots(facilitator, workshop, saved_tally):
    # 20 dots on one issue were possible with 10 voters, not with 5.
    before = saved_numbers(saved_tally)
    text = refused(facilitator, tally_url(workshop), tally_data(5, 3, 2, **{AGGRESSIONS: 20}), "en")
    assert "At most 10 dots: 5 people × 2 dots on one issue." in text
    assert saved_numbers(saved_tally) == before


# --- workshops --------------------------------------------------------------------


def workshop_data(attendance=None, **fields):
    """The workshop form as a facilitator fills it; `attendance` maps group
    slugs to what is typed in their boxes."""
    groups = list(ParticipantGroup.objects.order_by("order", "pk"))
    data = {
        "title_es": "Taller con jóvenes",
        "title_en": "Workshop with youths",
        "date": "2024-03-09",
        "attendance-TOTAL_FORMS": len(groups),
        "attendance-INITIAL_FORMS": 0,
        "attendance-MIN_NUM_FORMS": 0,
        "attendance-MAX_NUM_FORMS": 1000,
    }
    for index, group in enumerate(groups):
        data[f"attendance-{index}-count"] = (attendance or {}).get(group.slug, "")
    data.update(fields)
    return data


BAD_WORKSHOPS = [
    pytest.param(
        {"attendance": {"women": -3}},
        {
            "en": "The number of people cannot be negative.",
            "es": "El número de personas no puede ser negativo.",
        },
        id="negative-attendance",
    ),
    pytest.param(
        {"attendance": {"women": "doce"}},
        {"en": "Enter a whole number.", "es": "Escriba un número entero."},
        id="attendance-not-a-number",
    ),
    pytest.param(
        {"title_es": "", "title_en": ""},
        {
            "en": "Write it in Spanish, in English or in both.",
            "es": "Escríbalo en español, en inglés o en ambos.",
        },
        id="no-title",
    ),
    pytest.param(
        {"date": ""},
        {"en": "This field is required.", "es": "Este campo es obligatorio."},
        id="no-date",
    ),
    pytest.param(
        {"date": "9 de marzo"},
        {"en": "Enter the date as YYYY-MM-DD.", "es": "Escriba la fecha como AAAA-MM-DD."},
        id="date-not-a-date",
    ),
    pytest.param(
        {"date": "2024-02-30"},
        {"en": "Enter the date as YYYY-MM-DD.", "es": "Escriba la fecha como AAAA-MM-DD."},
        id="impossible-date",
    ),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("typed", "message"), BAD_WORKSHOPS)
def test_a_bad_new_workshop_is_refused(facilitator, lazaro, language, typed, message):
    url = f"/workspace/neighbourhoods/{lazaro.pk}/workshops/new/"
    text = refused(facilitator, url, workshop_data(**typed), language)
    assert message[language] in text


@pytest.mark.parametrize(("typed", "message"), BAD_WORKSHOPS)
def test_a_bad_workshop_edit_keeps_the_workshop(facilitator, workshop, typed, message):
    attendance = list(workshop.attendance.values_list("group__slug", "count"))
    text = refused(
        facilitator, f"/workspace/workshops/{workshop.pk}/edit/", workshop_data(**typed), "en"
    )
    assert message["en"] in text
    workshop.refresh_from_db()
    assert workshop.title_en == "Co-construction workshops, 2016–2018"
    assert list(workshop.attendance.values_list("group__slug", "count")) == attendance


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Choose among this neighbourhood's facilitators."),
        ("es", "Elija entre los facilitadores de esta colonia."),
    ],
)
def test_a_facilitator_of_another_neighbourhood_cannot_run_the_workshop(
    facilitator, lazaro, demo_users, language, message
):
    data = workshop_data(facilitators=[demo_users["other_facilitator"].pk])
    url = f"/workspace/neighbourhoods/{lazaro.pk}/workshops/new/"
    assert message in refused(facilitator, url, data, language)


# --- issues --------------------------------------------------------------------------


def issue_data(issue=None, **changes):
    """The issue form filled as it stands (or a new issue), then changed."""
    if issue is None:
        data = {
            "title_es": "Calles sin alumbrado",
            "title_en": "Streets without lighting",
            "dimension": issue_titled(AGGRESSIONS).dimension_id,
            "kind": "prioritised",
            "visibility": "public",
        }
        data.update(changes)
        return data
    return issue_as_it_stands(issue, **changes)


def other_workshop():
    return Workshop.objects.get(neighbourhood__slug="sanchez-taboada")


BAD_ISSUES = [
    pytest.param(
        lambda: {"dimension": 99999},
        {
            "en": "Choose one of the listed dimensions.",
            "es": "Elija una de las dimensiones de la lista.",
        },
        id="dimension-that-does-not-exist",
    ),
    pytest.param(
        lambda: {"dimension": "personal"},
        {
            "en": "Choose one of the listed dimensions.",
            "es": "Elija una de las dimensiones de la lista.",
        },
        id="dimension-not-a-number",
    ),
    pytest.param(
        lambda: {"workshops": [other_workshop().pk]},
        {
            "en": "Choose workshops held in this agenda's neighbourhood.",
            "es": "Elija talleres realizados en la colonia de esta agenda.",
        },
        id="workshop-of-another-neighbourhood",
    ),
    pytest.param(
        lambda: {"title_es": "", "title_en": ""},
        {
            "en": "Write it in Spanish, in English or in both.",
            "es": "Escríbalo en español, en inglés o en ambos.",
        },
        id="no-title",
    ),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("changes", "message"), BAD_ISSUES)
def test_a_bad_new_issue_is_refused(facilitator, language, changes, message):
    url = "/workspace/agendas/lazaro-cardenas/issues/new/"
    text = refused(facilitator, url, issue_data(**changes()), language)
    assert message[language] in text


@pytest.mark.parametrize(("changes", "message"), BAD_ISSUES)
def test_a_bad_issue_edit_keeps_the_issue(facilitator, changes, message):
    issue = issue_titled(AGGRESSIONS)
    url = f"/workspace/issues/{issue.pk}/edit/"
    text = refused(facilitator, url, issue_data(issue, **changes()), "en")
    assert message["en"] in text
    saved = Issue.objects.get(pk=issue.pk)
    assert (saved.title_en, saved.dimension_id) == (issue.title_en, issue.dimension_id)
    assert not saved.workshops.exists()


# --- proposals -------------------------------------------------------------------------


def proposal_data(**changes):
    data = {
        "actor": "community",
        "text_es": "Encender las luminarias de la plaza",
        "text_en": "Turning on the square's street lights",
        "issues": [issue_titled(AGGRESSIONS).pk],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Choose issues of this agenda only."), ("es", "Elija solo temas de esta agenda.")],
)
def test_a_proposal_cannot_answer_another_agendas_issue(facilitator, language, message):
    foreign = Issue.objects.filter(agenda__slug="sanchez-taboada").first()
    url = "/workspace/agendas/lazaro-cardenas/proposals/new/"
    assert message in refused(facilitator, url, proposal_data(issues=[foreign.pk]), language)
    proposal = Proposal.objects.filter(agenda__slug="lazaro-cardenas").first()
    url = f"/workspace/proposals/{proposal.pk}/edit/"
    data = proposal_data(text_es=proposal.text_es, text_en=proposal.text_en, issues=[foreign.pk])
    assert message in refused(facilitator, url, data, language)
    assert not proposal.issues.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Write it in Spanish, in English or in both."),
        ("es", "Escríbalo en español, en inglés o en ambos."),
    ],
)
def test_a_proposal_needs_its_text(facilitator, language, message):
    url = "/workspace/agendas/lazaro-cardenas/proposals/new/"
    assert message in refused(facilitator, url, proposal_data(text_es="", text_en=""), language)


# --- moving -------------------------------------------------------------------------------


def orders(agenda="lazaro-cardenas"):
    return list(Issue.objects.filter(agenda__slug=agenda).order_by("pk").values_list("order"))


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Choose to move it up or down."), ("es", "Elija subirlo o bajarlo.")],
)
@pytest.mark.parametrize("direction", ["sideways", ""])
def test_a_move_without_a_direction_moves_nothing(facilitator, language, message, direction):
    issue = issue_titled(YOUTHS)
    before, sizes = orders(), table_sizes()
    response = facilitator.post(
        f"/workspace/issues/{issue.pk}/move/",
        {"direction": direction},
        headers={"accept-language": language},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/workspace/agendas/lazaro-cardenas/")
    assert message in page_text(response)
    assert orders() == before
    assert table_sizes() == sizes


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
        workshop_data(attendance={"women": 12, "youths": 8, "elderly": 0}),
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
        f"/workspace/issues/{issue.pk}/edit/", issue_data(issue, visibility="restricted")
    )
    assert response.status_code == 302
    assert issue.title_en not in [title for title, _block in public_issues(visitor)]
    assert issue.title_en not in page_text(visitor.get(PUBLIC_PAGE, headers=EN))


def test_deleting_a_workshop_removes_its_attendance_and_tallies(
    facilitator, client_for, lazaro, workshop
):
    visitor = client_for("visitor")
    held = Workshop.objects.create(neighbourhood=lazaro, title_en="Evening", title_es="Tarde")
    Attendance.objects.create(
        workshop=held, group=ParticipantGroup.objects.get(slug="women"), count=12
    )
    tally = PaperTally.objects.create(
        workshop=held, agenda=Agenda.objects.get(slug="lazaro-cardenas"), voters=12
    )
    TallyCount.objects.create(tally=tally, issue=issue_titled(YOUTHS), dots=7)
    assert participant_total(lazaro) == 75
    assert dots_shown(visitor, YOUTHS) == "7 dots in the workshop votes"
    response = facilitator.post(f"/workspace/workshops/{held.pk}/delete/")
    assert response.status_code == 302
    assert not Workshop.objects.filter(pk=held.pk).exists()
    assert not Attendance.objects.filter(workshop_id=held.pk).exists()
    assert not PaperTally.objects.filter(workshop_id=held.pk).exists()
    assert not TallyCount.objects.filter(tally_id=tally.pk).exists()
    assert participant_total(lazaro) == 63
    assert dots_shown(visitor, YOUTHS) == ""
    assert "63 residents took part" in page_text(visitor.get(PUBLIC_PAGE, headers=EN))
