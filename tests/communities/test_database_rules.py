"""Rules kept by the database itself, whatever path the write comes by."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from agendas.models import Agenda, Issue
from communities.models import Membership, Neighbourhood, ParticipantGroup, SecurityDimension
from proposals.models import Proposal
from workshops.models import Attendance, Workshop

pytestmark = pytest.mark.django_db


def refused(callable_):
    # PostgreSQL reports a value too long for its column as a DataError.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        callable_()


def test_one_membership_per_person_and_neighbourhood(demo_users):
    resident = demo_users["resident"]
    neighbourhood = Neighbourhood.objects.get(slug="lazaro-cardenas")
    refused(
        lambda: Membership.objects.create(
            user=resident, neighbourhood=neighbourhood, role="facilitator"
        )
    )


def test_slugs_are_unique():
    refused(lambda: SecurityDimension.objects.create(slug="personal", name="x", colour="#000000"))
    refused(lambda: Agenda.objects.create(slug="national", scope="national", title="x"))


@pytest.mark.parametrize("colour", ["red", "#FFF", "#12345g", "#1234567", ""])
def test_dimension_colours_are_hex(colour):
    refused(lambda: SecurityDimension.objects.create(slug="new", name="New", colour=colour))


def test_attendance_cannot_be_negative():
    workshop = Workshop.objects.first()
    group = ParticipantGroup.objects.first()
    Attendance.objects.create(workshop=workshop, group=group, count=3)
    refused(lambda: Attendance.objects.filter(workshop=workshop, group=group).update(count=-1))


def test_a_local_agenda_needs_a_neighbourhood_and_the_national_one_none():
    refused(lambda: Agenda.objects.create(slug="x", scope="local", title="x"))
    neighbourhood = Neighbourhood.objects.first()
    refused(
        lambda: Agenda.objects.create(
            slug="y", scope="national", title="y", neighbourhood=neighbourhood
        )
    )


@pytest.mark.parametrize(
    "field,value", [("kind", "rumour"), ("visibility", "secret")], ids=["kind", "visibility"]
)
def test_issue_choices_are_enforced(field, value):
    issue = Issue.objects.first()
    refused(lambda: Issue.objects.filter(pk=issue.pk).update(**{field: value}))


def test_a_proposal_cannot_be_linked_to_another_agendas_issue():
    proposal = Proposal.objects.filter(agenda__slug="lazaro-cardenas").first()
    foreign = Issue.objects.filter(agenda__slug="nuevo-almaguer").first()
    with pytest.raises(ValidationError), transaction.atomic():
        proposal.issues.add(foreign)
    with pytest.raises(ValidationError), transaction.atomic():
        foreign.proposals.add(proposal)
    assert not proposal.issues.exists()
    own = Issue.objects.filter(agenda__slug="lazaro-cardenas").first()
    proposal.issues.add(own)
    assert list(proposal.issues.all()) == [own]
