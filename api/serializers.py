"""The one definition of every open data set's columns.

Each serializer field is a column: its name, its type and its description
(help_text). The API answers with these serializers; the CSV and JSON
downloads and the data dictionary on /data/ are built from them too
(`api.datasets`). Rows are flat: related things appear by slug or id.

Rows that can be hidden from someone (workshops, issues, proposals, voting
rounds) are named by their random public id, never by the database's
counting id: a gap in counted ids would tell that a hidden row sits there
(`core.public_ids`).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from agendas.models import Issue
from communities.models import Neighbourhood
from proposals.models import Proposal
from voting.models import VotingRound

from .selectors import ONLINE, PAPER


def text(help_text, **kwargs):
    """Free text in one language: null when there is none in that language."""
    return serializers.CharField(read_only=True, allow_null=True, help_text=help_text, **kwargs)


def slug_column(help_text, **kwargs):
    return serializers.CharField(read_only=True, help_text=help_text, **kwargs)


def public_id(help_text, **kwargs):
    """A row's public id (or the one of the row it joins to)."""
    return serializers.CharField(read_only=True, help_text=help_text, **kwargs)


def integer(help_text, **kwargs):
    return serializers.IntegerField(read_only=True, help_text=help_text, **kwargs)


def choice(choices, help_text, **kwargs):
    return serializers.ChoiceField(choices=choices, read_only=True, help_text=help_text, **kwargs)


class SlugListField(serializers.ListField):
    """The slugs of related things (in CSV: joined with “|”)."""

    child = serializers.CharField()

    def to_representation(self, data):
        items = data.all() if hasattr(data, "all") else data
        return [item.slug for item in items]


class PublicIdListField(serializers.ListField):
    """The public ids of related things (in CSV: joined with “|”)."""

    child = serializers.CharField()

    def to_representation(self, data):
        items = data.all() if hasattr(data, "all") else data
        return [item.public_id for item in items]


class CitySerializer(serializers.Serializer):
    slug = slug_column(_("Short name of the city, used in addresses and to join data sets."))
    name_es = text(_("Name in Spanish."))
    name_en = text(_("Name in English."))
    state = serializers.CharField(read_only=True, help_text=_("State of Mexico."))


class NeighbourhoodSerializer(serializers.Serializer):
    slug = slug_column(
        _("Short name of the neighbourhood, used in addresses and to join data sets.")
    )
    city = slug_column(_("Slug of its city (cities data set)."), source="city_slug")
    name_es = text(_("Name in Spanish."))
    name_en = text(_("Name in English."))
    status = choice(
        Neighbourhood.Status.choices,
        _(
            "“active”, or “stopped” where the work could not go on (for instance "
            "because of violence)."
        ),
    )
    participants = integer(
        _(
            "People who took part, each counted once: those who came for the first time, "
            "summed over all its workshops."
        ),
        source="participant_total",
    )


class DimensionSerializer(serializers.Serializer):
    slug = slug_column(_("Short name of the security dimension, used to join data sets."))
    name_es = text(_("Name in Spanish."))
    name_en = text(_("Name in English."))
    description_es = text(_("Short description in Spanish."))
    description_en = text(_("Short description in English."))
    order = integer(_("Position in which the dimensions are listed."))


class ParticipantGroupSerializer(serializers.Serializer):
    slug = slug_column(
        _("Short name of the group of people (women, youths…), used to join data sets.")
    )
    name_es = text(_("Name in Spanish."))
    name_en = text(_("Name in English."))
    order = integer(_("Position in which the groups are listed."))


class WorkshopSerializer(serializers.Serializer):
    # Never the place, method, notes or facilitators: the rows are
    # workshops.public's projection, which holds none of them.
    id = public_id(
        _(
            "Public id of the workshop, used to join data sets: random, it tells nothing "
            "about other workshops."
        ),
        source="public_id",
    )
    neighbourhood = slug_column(
        _("Slug of the neighbourhood where it was held."), source="neighbourhood_slug"
    )
    date = serializers.DateField(
        read_only=True, allow_null=True, help_text=_("Date it was held; empty if not recorded.")
    )
    title_es = text(_("Title in Spanish."))
    title_en = text(_("Title in English."))
    attendance = integer(
        _("People present, each counted once (0 if they were not counted)."),
        source="participants",
    )
    first_timers = integer(
        _(
            "Of the people present, how many came for the first time; empty if not counted. "
            "A neighbourhood's participants are these summed over its workshops."
        ),
        allow_null=True,
    )


class AttendanceSerializer(serializers.Serializer):
    workshop = public_id(
        _("Public id of the workshop (workshops data set)."), source="workshop_public_id"
    )
    group = slug_column(_("Slug of the participant group."), source="group_slug")
    count = integer(
        _(
            "How many of the people present belong to that group. Groups overlap, so a "
            "workshop's groups need not add up to its people present."
        )
    )


class IssueSerializer(serializers.Serializer):
    id = public_id(
        _(
            "Public id of the issue, used to join data sets: random, it tells nothing about "
            "other issues."
        ),
        source="public_id",
    )
    agenda = slug_column(_("Slug of the agenda the issue belongs to."), source="agenda_slug")
    neighbourhood = slug_column(
        _("Slug of the agenda's neighbourhood; empty for the national agenda."),
        source="neighbourhood_slug",
        allow_null=True,
    )
    city = slug_column(
        _("Slug of the neighbourhood's city; empty for the national agenda."),
        source="city_slug",
        allow_null=True,
    )
    kind = choice(
        Issue.Kind.choices,
        _("“prioritised” (residents chose it) or “silenced” (too hard to discuss openly)."),
    )
    visibility = choice(
        Issue.Visibility.choices,
        _(
            "“public”, or “restricted”: seen only by the agenda's facilitators, researchers "
            "and administrators. Restricted rows must never be published."
        ),
    )
    dimension = slug_column(_("Slug of its primary security dimension."), source="dimension_slug")
    related_dimensions = SlugListField(
        read_only=True, help_text=_("Slugs of the other security dimensions it touches.")
    )
    title_es = text(_("Title in Spanish."))
    title_en = text(_("Title in English."))
    description_es = text(_("Description in Spanish (Markdown)."))
    description_en = text(_("Description in English (Markdown)."))
    dots = integer(
        _(
            "Dots it received in the workshops' paper votes, summed over the tallies of "
            "at least five voters."
        )
    )


class ProposalSerializer(serializers.Serializer):
    id = public_id(
        _("Public id of the proposal: random, it tells nothing about other proposals."),
        source="public_id",
    )
    agenda = slug_column(_("Slug of the agenda the proposal belongs to."), source="agenda_slug")
    actor = choice(
        Proposal.Actor.choices,
        _("Whom it is addressed to: “authorities”, “civil_society” or “community”."),
    )
    text_es = text(_("Text in Spanish (Markdown)."))
    text_en = text(_("Text in English (Markdown)."))
    order = integer(_("Position of the proposal in its agenda."))
    issues = PublicIdListField(
        read_only=True,
        source="visible_issues",
        help_text=_("Public ids of the issues it answers (issues data set)."),
    )


class ResultSerializer(serializers.Serializer):
    source = choice(
        [(PAPER, _("Paper")), (ONLINE, _("Online"))],
        _("“paper”: dots from the workshops' flip charts; “online”: a closed online vote."),
    )
    agenda = slug_column(_("Slug of the agenda voted on."))
    issue = public_id(_("Public id of the issue (issues data set)."))
    round = public_id(
        _(
            "Public id of the online voting round: random, it tells nothing about other "
            "rounds; empty for paper."
        ),
        allow_null=True,
    )
    method = choice(
        VotingRound.Method.choices,
        _("How the online round counted: “dots”, “approval” or “ranking”; empty for paper."),
        allow_null=True,
    )
    ballots = integer(
        _("Ballots cast in the round; for paper, the people who voted in the agenda's workshops.")
    )
    points = integer(
        _("Dots, approvals or Borda points the issue received (issues with none are left out).")
    )
