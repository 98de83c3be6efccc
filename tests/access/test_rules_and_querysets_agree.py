"""The per-object rule and its queryset twin give the same answer for every
object and every role (see access/rules.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from access.rules import forget_roles
from agendas.models import Agenda, Issue, Section
from communities.models import ParticipantGroup
from proposals.models import Proposal
from synthesis.models import NationalPoint
from tests.helpers import ROLES
from workshops.models import Attendance, Workshop

pytestmark = pytest.mark.django_db

MODELS = [
    (Agenda, "agendas.view_agenda"),
    (Section, "agendas.view_section"),
    (Issue, "agendas.view_issue"),
    (Proposal, "proposals.view_proposal"),
    (NationalPoint, "synthesis.view_nationalpoint"),
    (Workshop, "workshops.view_workshop"),
    (Attendance, "workshops.view_attendance"),
]


@pytest.fixture
def varied_agendas(db):
    """Agendas in every status, so each rule branch is reached."""
    for agenda, status in zip(
        Agenda.objects.exclude(slug="national").order_by("slug"),
        ["consultation", "draft", "validated"],
        strict=True,
    ):
        agenda.status = status
        agenda.save()
    # A restricted issue in a neighbourhood the resident does not live in.
    issue = Issue.objects.filter(agenda__slug="sanchez-taboada").first()
    issue.visibility = "restricted"
    issue.save()
    # The demo counts its workshops' people but not by group: one count per
    # neighbourhood, so the attendance rule is asked of every kind of place.
    women = ParticipantGroup.objects.get(slug="women")
    for workshop in Workshop.objects.all():
        Attendance.objects.create(workshop=workshop, group=women, count=1)


@pytest.mark.parametrize("model,perm", MODELS, ids=lambda v: getattr(v, "__name__", v))
@pytest.mark.parametrize("role", ROLES)
def test_object_rule_equals_queryset(demo_users, varied_agendas, model, perm, role):
    user = demo_users[role] or AnonymousUser()
    if demo_users[role]:
        forget_roles(user)
    visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
    objects = model.objects.all()
    disagreements = [obj.pk for obj in objects if (obj.pk in visible) != user.has_perm(perm, obj)]
    assert disagreements == []
    assert objects.count() > 0


def test_sections_follow_their_agenda(demo_users, varied_agendas):
    resident = demo_users["resident"]
    visible_agendas = set(Agenda.objects.visible_to(resident).values_list("pk", flat=True))
    for section in Section.objects.select_related("agenda"):
        assert resident.has_perm("agendas.view_section", section) == (
            section.agenda_id in visible_agendas
        )


def test_resident_sees_own_agenda_in_consultation_but_not_a_draft(demo_users, client_for):
    lc = Agenda.objects.get(slug="lazaro-cardenas")
    lc.status = "consultation"
    lc.save()
    resident = client_for("resident")
    assert resident.get("/agendas/lazaro-cardenas/").status_code == 200
    # Others are sent to the text last published, never shown the one in work.
    published = "/agendas/lazaro-cardenas/v1/"
    for role in ("visitor", "other_facilitator"):
        response = client_for(role).get("/agendas/lazaro-cardenas/")
        assert (response.status_code, response["Location"]) == (302, published)
    lc.status = "draft"
    lc.save()
    assert resident.get("/agendas/lazaro-cardenas/")["Location"] == published
    assert client_for("facilitator").get("/agendas/lazaro-cardenas/").status_code == 200
    assert client_for("researcher").get("/agendas/lazaro-cardenas/").status_code == 200
