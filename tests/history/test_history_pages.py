"""After an edit, the history pages say who changed what, from what to what,
in words a person reads: field labels, choice labels and the names of the
dimensions, groups and issues involved, never bare numbers. Only those who
may read the workspace see them."""

import pytest

from agendas.models import Agenda, Issue
from communities.models import ParticipantGroup, SecurityDimension
from proposals.models import Proposal
from tallies.models import PaperTally, TallyCount
from tests.helpers import EN
from tests.history.helpers import history
from tests.workspace.forms import issue_as_it_stands
from workshops.models import Attendance, Workshop

pytestmark = pytest.mark.django_db

FACILITATOR = "facilitator-lazaro-cardenas"
TRUST = "Lack of trust in the authorities"
AGGRESSIONS = "Aggressions, assaults and robberies"
YOUTHS = "Youths being recruited by criminal groups"


def changes_by(entries, who):
    """Every field change of the entries made by `who`, merged."""
    merged = {}
    for heading, fields in entries:
        if f"· {who} ·" in heading:
            merged.update(fields)
    return merged


def issue_titled(title_en):
    return Issue.objects.get(agenda__slug="lazaro-cardenas", title_en=title_en)


def dimension(slug):
    return SecurityDimension.objects.get(slug=slug)


issue_form = issue_as_it_stands  # the form of an issue as its page sends it


def edit_issue(client, issue, **changes):
    response = client.post(f"/workspace/issues/{issue.pk}/edit/", issue_form(issue, **changes))
    assert response.status_code == 302


@pytest.mark.parametrize("reader", ["facilitator", "researcher"])
def test_an_issue_edit_shows_who_changed_which_field(client_for, reader):
    issue = issue_titled(TRUST)
    edit_issue(
        client_for("facilitator"),
        issue,
        title_en="Distrust of the authorities",
        visibility="restricted",
        confirm="yes",  # restricting is asked first
    )
    entries = history(client_for(reader), f"/workspace/issues/{issue.pk}/history/")
    heading, fields = entries[0]
    assert f"· {FACILITATOR} · Issue changed" in heading
    assert fields == {
        "Title in English": (TRUST, "Distrust of the authorities"),
        "Visibility": ("Public", "Restricted"),
    }
    # The creation by the demo loader is still there, below.
    assert "someone outside the site" in entries[-1][0]
    assert entries[-1][1]["Primary dimension"] == ("—", "Political security")


def test_the_history_speaks_the_readers_language(client_for):
    issue = issue_titled(TRUST)
    edit_issue(
        client_for("facilitator"),
        issue,
        title_es="Desconfianza",
        visibility="restricted",
        confirm="yes",
    )
    entries = history(
        client_for("researcher"),
        f"/workspace/issues/{issue.pk}/history/",
        headers={"accept-language": "es"},
    )
    heading, fields = entries[0]
    assert FACILITATOR in heading
    assert fields["Visibilidad"] == ("Público", "Restringido")
    assert fields["Título en español"] == ("Desconfianza en las autoridades", "Desconfianza")


def test_related_dimensions_are_named(client_for):
    facilitator = client_for("facilitator")
    issue = issue_titled(TRUST)
    url = f"/workspace/issues/{issue.pk}/history/"

    def related_changes():
        entries = history(facilitator, url)
        assert all(FACILITATOR in heading for heading, f in entries if "Related dimensions" in f)
        return [f["Related dimensions"] for _h, f in entries if "Related dimensions" in f]

    women_and_youths = [dimension("women").pk, dimension("youths").pk]
    edit_issue(facilitator, issue, related_dimensions=women_and_youths)
    assert related_changes() == [("—", "Women's safety, Youths' safety")]
    edit_issue(facilitator, issue, related_dimensions=[dimension("health").pk])
    # Newest first; one save is one entry, though the record takes several steps.
    assert related_changes() == [
        ("Women's safety, Youths' safety", "Health security"),
        ("—", "Women's safety, Youths' safety"),
    ]


def test_a_primary_dimension_change_is_named(client_for):
    facilitator = client_for("facilitator")
    issue = issue_titled(TRUST)
    edit_issue(facilitator, issue, dimension=dimension("community").pk)
    entries = history(facilitator, f"/workspace/issues/{issue.pk}/history/")
    assert changes_by(entries, FACILITATOR) == {
        "Primary dimension": ("Political security", "Community safety")
    }


def workshop_form(workshop, attendance):
    """The workshop form as it stands, with the attendance boxes given by
    group slug (a group left out is "not counted")."""
    groups = list(ParticipantGroup.objects.order_by("order", "pk"))
    data = {
        "attendance-TOTAL_FORMS": len(groups),
        "attendance-INITIAL_FORMS": len(groups),
        "attendance-MIN_NUM_FORMS": 0,
        "attendance-MAX_NUM_FORMS": 1000,
        "date": "2017-05-20",
        "facilitators": [],
        "people_present": workshop.people_present,
        "first_timers": workshop.first_timers,
    }
    for name in ("title", "place", "method", "notes"):
        for code in ("es", "en"):
            data[f"{name}_{code}"] = getattr(workshop, f"{name}_{code}")
    for index, group in enumerate(groups):
        data[f"attendance-{index}-count"] = attendance.get(group.slug, "")
    return data


def test_an_attendance_edit_shows_in_the_workshop_history(client_for):
    facilitator = client_for("facilitator")
    workshop = Workshop.objects.get(neighbourhood__slug="lazaro-cardenas")
    # Counted before, outside the site: not the facilitator's change.
    Attendance.objects.create(
        workshop=workshop, group=ParticipantGroup.objects.get(slug="youths"), count=63
    )
    response = facilitator.post(
        f"/workspace/workshops/{workshop.pk}/edit/",
        workshop_form(workshop, {"youths": 60, "women": 3}),
    )
    assert response.status_code == 302
    for reader in ("facilitator", "researcher"):
        entries = history(client_for(reader), f"/workspace/workshops/{workshop.pk}/history/")
        by_subject = {
            heading.split(" · ")[-1]: fields
            for heading, fields in entries
            if FACILITATOR in heading
        }
        assert by_subject == {
            "Attendance: Youths changed": {"Number of people": ("63", "60")},
            "Attendance: Women created": {
                "Number of people": ("—", "3"),
                "Workshop": ("—", "Co-construction workshops, 2016–2018"),
                "Participant group": ("—", "Women"),
            },
            "Workshop changed": {"Date": ("—", "May 20, 2017")},
        }


def tally_typed_outside_the_site():
    """A flip chart of Lázaro Cárdenas's workshop with 20 dots on one issue;
    returns its workshop."""
    workshop = Workshop.objects.get(neighbourhood__slug="lazaro-cardenas")
    tally = PaperTally.objects.create(
        workshop=workshop,
        agenda=Agenda.objects.get(slug="lazaro-cardenas"),
        voters=10,
        dots_per_voter=3,
        max_dots_per_issue=2,
    )
    TallyCount.objects.create(tally=tally, issue=issue_titled(AGGRESSIONS), dots=20)
    return workshop


def test_a_tally_edit_shows_in_the_tally_history(client_for):
    facilitator = client_for("facilitator")
    workshop = tally_typed_outside_the_site()
    url = f"/workspace/workshops/{workshop.pk}/tallies/lazaro-cardenas/"
    response = facilitator.post(
        url,
        {
            "voters": 10,
            "dots_per_voter": 3,
            "max_dots_per_issue": 2,
            f"issue_{issue_titled(AGGRESSIONS).pk}": 18,
            f"issue_{issue_titled(YOUTHS).pk}": 5,
        },
    )
    assert response.status_code == 302
    for reader in ("facilitator", "researcher"):
        entries = history(client_for(reader), f"{url}history/")
        by_subject = {
            heading.split(" · ")[-1]: fields
            for heading, fields in entries
            if FACILITATOR in heading
        }
        assert by_subject[f"Dots: {AGGRESSIONS} changed"] == {"Dots": ("20", "18")}
        assert by_subject[f"Dots: {YOUTHS} created"]["Dots"] == ("—", "5")
        assert by_subject[f"Dots: {YOUTHS} created"]["Issue"] == ("—", YOUTHS)
        # The tally typed before (outside the site) is still in the history.
        assert any("Paper tally created" in heading for heading, _f in entries)


def test_a_tallys_history_names_a_deleted_count(client_for):
    facilitator = client_for("facilitator")
    workshop = tally_typed_outside_the_site()
    url = f"/workspace/workshops/{workshop.pk}/tallies/lazaro-cardenas/"
    response = facilitator.post(url, {"voters": 10, "dots_per_voter": 3, "max_dots_per_issue": 2})
    assert response.status_code == 302
    headings = [heading for heading, _f in history(facilitator, f"{url}history/")]
    assert any(f"· {FACILITATOR} · Dots: {AGGRESSIONS} deleted" in heading for heading in headings)


def proposal_form(proposal, issues):
    return {
        "actor": proposal.actor,
        "text_es": proposal.text_es,
        "text_en": proposal.text_en,
        "issues": [issue.pk for issue in issues],
        "revision": Proposal.objects.get(pk=proposal.pk).revision,
    }


def test_a_proposals_linked_issues_show_in_its_history(client_for):
    facilitator = client_for("facilitator")
    proposal = Proposal.objects.filter(agenda__slug="lazaro-cardenas").order_by("order").first()
    url = f"/workspace/proposals/{proposal.pk}/edit/"
    linked = [issue_titled(AGGRESSIONS), issue_titled(YOUTHS)]
    assert facilitator.post(url, proposal_form(proposal, linked)).status_code == 302
    assert facilitator.post(url, proposal_form(proposal, linked[1:])).status_code == 302
    for reader in ("facilitator", "researcher"):
        entries = history(client_for(reader), f"/workspace/proposals/{proposal.pk}/history/")
        mine = [fields for heading, fields in entries if FACILITATOR in heading]
        assert mine == [
            {"Issues": (f"{AGGRESSIONS}, {YOUTHS}", YOUTHS)},
            {"Issues": ("—", f"{AGGRESSIONS}, {YOUTHS}")},
        ]


def history_urls():
    workshop = Workshop.objects.get(neighbourhood__slug="lazaro-cardenas")
    public = issue_titled(TRUST)
    restricted = Issue.objects.get(agenda__slug="lazaro-cardenas", visibility="restricted")
    proposal = Proposal.objects.filter(agenda__slug="lazaro-cardenas").first()
    return {
        "workshop": f"/workspace/workshops/{workshop.pk}/history/",
        "tally": f"/workspace/workshops/{workshop.pk}/tallies/lazaro-cardenas/history/",
        "public-issue": f"/workspace/issues/{public.pk}/history/",
        "restricted-issue": f"/workspace/issues/{restricted.pk}/history/",
        "proposal": f"/workspace/proposals/{proposal.pk}/history/",
    }


# Workshops and restricted issues do not exist for those who may not see
# them (404); a public issue or a proposal is seen but its history is not
# theirs to read (403).
REFUSED = {
    "workshop": 404,
    "tally": 404,
    "public-issue": 403,
    "restricted-issue": 404,
    "proposal": 403,
}


@pytest.mark.parametrize("role", ["resident", "other_facilitator"])
@pytest.mark.parametrize("page", sorted(REFUSED))
def test_others_cannot_read_a_history(client_for, role, page):
    url = history_urls()[page]
    edit_issue(
        client_for("facilitator"), issue_titled(TRUST), title_en="Distrust of the authorities"
    )
    response = client_for(role).get(url, headers=EN)
    assert response.status_code == REFUSED[page]
    body = response.content.decode()
    assert FACILITATOR not in body
    assert "Distrust of the authorities" not in body
    assert TRUST not in body


@pytest.mark.parametrize("page", sorted(REFUSED))
def test_a_visitor_is_sent_to_sign_in(client, page):
    response = client.get(history_urls()[page])
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
