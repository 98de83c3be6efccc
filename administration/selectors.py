"""What the administrators' pages read, each list in a fixed number of
queries however many rows it holds."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agendas.models import Agenda
from communities.models import (
    City,
    Membership,
    Neighbourhood,
    ParticipantGroup,
    SecurityDimension,
)


def places() -> list[City]:
    """Every city with its neighbourhoods, each with its agendas and the
    groups spoken to."""
    neighbourhoods = Neighbourhood.objects.order_by("name").prefetch_related(
        Prefetch("agendas", queryset=Agenda.objects.order_by("slug")),
        Prefetch("groups_engaged", queryset=ParticipantGroup.objects.order_by("order", "slug")),
    )
    return list(
        City.objects.order_by("name").prefetch_related(
            Prefetch("neighbourhoods", queryset=neighbourhoods)
        )
    )


def agendas() -> list[Agenda]:
    """Local agendas by city and neighbourhood, then the national ones."""
    return list(
        Agenda.objects.select_related("neighbourhood__city").order_by(
            "scope", "neighbourhood__city__name", "neighbourhood__name", "slug"
        )
    )


def dimensions() -> list[SecurityDimension]:
    return list(SecurityDimension.objects.order_by("order", "slug"))


def groups() -> list[ParticipantGroup]:
    """The groups, each with its `sensitivity` (None unless sensitive)."""
    return list(ParticipantGroup.objects.select_related("sensitivity").order_by("order", "slug"))


@dataclass(frozen=True)
class Step:
    label: str | Promise
    done: bool
    url_name: str  # the workspace page where it is done


def setup_steps() -> list[Step]:
    """What an install needs before its first workshop, in the order it is
    done: a neighbourhood needs a city, an agenda its neighbourhood, and a
    facilitator a neighbourhood to work in."""
    return [
        Step(_("Add a city"), City.objects.exists(), "setup-city-create"),
        Step(
            _("Add a neighbourhood"), Neighbourhood.objects.exists(), "setup-neighbourhood-create"
        ),
        Step(_("Add an agenda"), Agenda.objects.exists(), "setup-agenda-create"),
        Step(
            _("Give people their roles: facilitators of a neighbourhood, researchers"),
            Membership.objects.filter(role=Membership.Role.FACILITATOR).exists(),
            "people",
        ),
        Step(
            _("Check the security dimensions"),
            SecurityDimension.objects.exists(),
            "setup-dimensions",
        ),
        Step(_("Check the participant groups"), ParticipantGroup.objects.exists(), "setup-groups"),
    ]
