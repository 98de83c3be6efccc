"""Rows for tests that need more than the demo holds: each factory makes a
valid row with as little said as possible, and whatever a test names it
sets. Made rows never take a slug or name of the demo's, nor of the
`city-N`/`place-N` rows that some tests make by hand.

Many-to-many links are given as lists (`IssueFactory(workshops=[...])`)
and set once the row exists; a row is saved once, so that the history a
test counts is the history its own changes leave."""

import datetime

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory, Password

from agendas.models import Agenda, Issue, Section
from communities.models import City, Membership, Neighbourhood, ParticipantGroup, SecurityDimension
from editing.models import Comment, Suggestion
from proposals.models import Proposal
from synthesis.models import NationalPoint
from tallies.models import PaperTally, TallyCount
from voting.models import Ballot, BallotMark, VotingRound
from workshops.models import Attendance, Workshop


def links(name):
    """A post-generation hook that sets the many-to-many field `name`."""

    def hook(obj, create, extracted, **kwargs):
        if create and extracted is not None:
            getattr(obj, name).set(extracted)

    return factory.PostGeneration(hook)


class Factory(DjangoModelFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True


class UserFactory(Factory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"made-person-{n}")
    password = Password("x")


class CityFactory(Factory):
    class Meta:
        model = City

    slug = factory.Sequence(lambda n: f"made-city-{n}")
    name_en = factory.Sequence(lambda n: f"Made city {n}")
    name_es = factory.Sequence(lambda n: f"Ciudad hecha {n}")


class ParticipantGroupFactory(Factory):
    class Meta:
        model = ParticipantGroup

    slug = factory.Sequence(lambda n: f"made-group-{n}")
    name_en = factory.Sequence(lambda n: f"Made group {n}")
    name_es = factory.Sequence(lambda n: f"Grupo hecho {n}")


class SecurityDimensionFactory(Factory):
    class Meta:
        model = SecurityDimension

    slug = factory.Sequence(lambda n: f"made-dimension-{n}")
    name_en = factory.Sequence(lambda n: f"Made dimension {n}")
    name_es = factory.Sequence(lambda n: f"Dimensión hecha {n}")
    colour = "#123456"


class NeighbourhoodFactory(Factory):
    class Meta:
        model = Neighbourhood

    city = factory.SubFactory(CityFactory)
    slug = factory.Sequence(lambda n: f"made-place-{n}")
    name_en = factory.Sequence(lambda n: f"Made place {n}")
    name_es = factory.Sequence(lambda n: f"Colonia hecha {n}")
    groups_engaged = links("groups_engaged")


class MembershipFactory(Factory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    role = Membership.Role.RESIDENT


class AgendaFactory(Factory):
    class Meta:
        model = Agenda

    slug = factory.Sequence(lambda n: f"made-agenda-{n}")
    scope = Agenda.Scope.LOCAL
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    status = Agenda.Status.DRAFT
    title_en = factory.Sequence(lambda n: f"Made agenda {n}")
    title_es = factory.Sequence(lambda n: f"Agenda hecha {n}")


class SectionFactory(Factory):
    class Meta:
        model = Section

    agenda = factory.SubFactory(AgendaFactory)
    kind = Section.Kind.CONTEXT
    heading_en = factory.Sequence(lambda n: f"Made section {n}")
    heading_es = factory.Sequence(lambda n: f"Sección hecha {n}")


class WorkshopFactory(Factory):
    class Meta:
        model = Workshop

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    title_en = factory.Sequence(lambda n: f"Made workshop {n}")
    title_es = factory.Sequence(lambda n: f"Taller hecho {n}")
    date = datetime.date(2017, 1, 1)
    facilitators = links("facilitators")


class AttendanceFactory(Factory):
    class Meta:
        model = Attendance

    workshop = factory.SubFactory(WorkshopFactory)
    group = factory.SubFactory(ParticipantGroupFactory)
    count = 5


class IssueFactory(Factory):
    class Meta:
        model = Issue

    agenda = factory.SubFactory(AgendaFactory)
    title_en = factory.Sequence(lambda n: f"Made issue {n}")
    title_es = factory.Sequence(lambda n: f"Tema hecho {n}")
    dimension = factory.SubFactory(SecurityDimensionFactory)
    kind = Issue.Kind.PRIORITISED
    visibility = Issue.Visibility.PUBLIC
    related_dimensions = links("related_dimensions")
    workshops = links("workshops")


class ProposalFactory(Factory):
    class Meta:
        model = Proposal

    agenda = factory.SubFactory(AgendaFactory)
    actor = Proposal.Actor.COMMUNITY
    text_en = factory.Sequence(lambda n: f"Made proposal {n}")
    text_es = factory.Sequence(lambda n: f"Propuesta hecha {n}")
    issues = links("issues")


class PaperTallyFactory(Factory):
    class Meta:
        model = PaperTally

    workshop = factory.SubFactory(WorkshopFactory)
    agenda = factory.SubFactory(
        AgendaFactory, neighbourhood=factory.SelfAttribute("..workshop.neighbourhood")
    )
    voters = 10


class TallyCountFactory(Factory):
    class Meta:
        model = TallyCount

    tally = factory.SubFactory(PaperTallyFactory)
    issue = factory.SubFactory(IssueFactory, agenda=factory.SelfAttribute("..tally.agenda"))
    dots = 1


class VotingRoundFactory(Factory):
    class Meta:
        model = VotingRound

    agenda = factory.SubFactory(AgendaFactory)
    method = VotingRound.Method.APPROVAL


class BallotFactory(Factory):
    class Meta:
        model = Ballot

    round = factory.SubFactory(VotingRoundFactory)
    voter_key = factory.Sequence(str)
    receipt_hash = "x"


class BallotMarkFactory(Factory):
    class Meta:
        model = BallotMark

    ballot = factory.SubFactory(BallotFactory)
    issue = factory.SubFactory(IssueFactory, agenda=factory.SelfAttribute("..ballot.round.agenda"))
    points = 1


class NationalPointFactory(Factory):
    class Meta:
        model = NationalPoint

    section = factory.SubFactory(
        SectionFactory,
        kind=Section.Kind.PRINCIPLES,
        agenda=factory.SubFactory(AgendaFactory, scope=Agenda.Scope.NATIONAL, neighbourhood=None),
    )
    text_en = factory.Sequence(lambda n: f"Made principle {n}")
    text_es = factory.Sequence(lambda n: f"Principio hecho {n}")
    issues = links("issues")
    proposals = links("proposals")


class SuggestionFactory(Factory):
    class Meta:
        model = Suggestion

    issue = factory.SubFactory(IssueFactory)
    agenda = factory.SelfAttribute("issue.agenda")
    field = "title_en"
    original = factory.SelfAttribute("issue.title_en")
    wording = factory.Sequence(lambda n: f"Made wording {n}")
    reason = "r"
    author = factory.SubFactory(UserFactory)


class CommentFactory(Factory):
    class Meta:
        model = Comment

    issue = factory.SubFactory(IssueFactory)
    agenda = factory.SelfAttribute("issue.agenda")
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Made comment {n}")
