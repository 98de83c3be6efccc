"""The open data sets: what each holds, where its rows come from and its
columns, read from its serializer. The API, the downloads and the data
dictionary all start here."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers as drf

from . import selectors, serializers
from .serializers import PublicIdListField

LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # string, integer, date (YYYY-MM-DD) or array
    type_label: str
    description: str
    choices: tuple = ()


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str | Promise  # in the reader's language when shown
    description: str | Promise
    serializer: type
    rows: Callable

    @property
    def columns(self):
        return [column_of(name, field) for name, field in self.serializer().fields.items()]

    def serialize(self, user):
        return self.serializer(self.rows(user), many=True).data


def column_of(name, field):
    choices = ()
    if isinstance(field, drf.ListField):
        kind = "array"
        item = _("public ids") if isinstance(field, PublicIdListField) else _("slugs")
        label = _("list of %(items)s (CSV: separated by “%(separator)s”)") % {
            "items": item,
            "separator": LIST_SEPARATOR,
        }
    elif isinstance(field, drf.ChoiceField):
        kind, label = "string", _("text, one of the values below")
        choices = tuple(field.choices)
    elif isinstance(field, drf.IntegerField):
        kind, label = "integer", _("whole number")
    elif isinstance(field, drf.DateField):
        kind, label = "date", _("date (YYYY-MM-DD)")
    else:
        kind, label = "string", _("text")
    if getattr(field, "allow_null", False):
        label = _("%(type)s, or empty") % {"type": label}
    return Column(
        name=name,
        type=kind,
        type_label=str(label),
        description=str(field.help_text or ""),
        choices=choices,
    )


DATASETS = {
    dataset.name: dataset
    for dataset in [
        Dataset(
            "cities",
            _("Cities"),
            _("The cities where the neighbourhoods are."),
            serializers.CitySerializer,
            selectors.cities,
        ),
        Dataset(
            "neighbourhoods",
            _("Neighbourhoods"),
            _("The neighbourhoods, whether their work goes on, and how many people took part."),
            serializers.NeighbourhoodSerializer,
            selectors.neighbourhoods,
        ),
        Dataset(
            "dimensions",
            _("Security dimensions"),
            _("The dimensions of human security by which issues are grouped."),
            serializers.DimensionSerializer,
            selectors.dimensions,
        ),
        Dataset(
            "groups",
            _("Participant groups"),
            _("The groups of people whose attendance at workshops is counted."),
            serializers.ParticipantGroupSerializer,
            selectors.participant_groups,
        ),
        Dataset(
            "workshops",
            _("Workshops"),
            _(
                "Workshops of the neighbourhoods whose agenda you may read: date, title and "
                "attendance. Where they met and how are never published, for the safety of "
                "those who took part."
            ),
            serializers.WorkshopSerializer,
            selectors.workshops,
        ),
        Dataset(
            "attendance",
            _("Attendance"),
            _(
                "How many of the people present at each of those workshops belong to each "
                "group. A group of fewer than five people at a workshop is left out, and so is "
                "any count that would let it be worked out from the people present."
            ),
            serializers.AttendanceSerializer,
            selectors.attendance,
        ),
        Dataset(
            "issues",
            _("Issues"),
            _(
                "The insecurity issues of the agendas you may read, by dimension, with the dots "
                "they received on paper. Rows come in each agenda's order."
            ),
            serializers.IssueSerializer,
            selectors.issues,
        ),
        Dataset(
            "proposals",
            _("Proposals"),
            _("The proposals of those agendas, by the actor they are addressed to."),
            serializers.ProposalSerializer,
            selectors.proposals,
        ),
        Dataset(
            "results",
            _("Vote results"),
            _(
                "Totals of the votes on issues: dots from the workshops' paper tallies and "
                "points of closed online votes. Ballots are secret: only totals are published, "
                "and none that could single out fewer than five voters: online votes with "
                "fewer than five ballots and paper tallies with fewer than five voters are "
                "left out."
            ),
            serializers.ResultSerializer,
            selectors.results,
        ),
    ]
}
