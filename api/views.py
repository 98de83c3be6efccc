"""The read-only API: one list per open data set (api.datasets), filtered
by what the person may see (token or session) and by django-filter; and its
documentation page, read from the schema (api.docs)."""

from math import ceil

import django_filters
from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.response import Response

from access.rules import sees_restricted_somewhere
from agendas.models import Issue
from communities.models import Neighbourhood
from core import public_ids
from proposals.models import Proposal
from workshops.models import Attendance, Workshop

from . import docs
from .datasets import DATASETS
from .selectors import ONLINE, PAPER


class Problem(serializers.Serializer):
    detail = serializers.CharField(help_text=_("What went wrong, in the reader's language."))


ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description=_("A filter has a value it cannot take: each filter named, with why."),
    ),
    401: OpenApiResponse(Problem, description=_("The token is not valid (or was revoked).")),
    404: OpenApiResponse(Problem, description=_("There is no such page of results.")),
    429: OpenApiResponse(Problem, description=_("Too many requests: wait and try again.")),
}


def throttled_message(wait):
    seconds = max(1, ceil(wait or 1))
    return ngettext(
        "Too many requests. Try again in %(seconds)d second.",
        "Too many requests. Try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


class DatasetViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    dataset = ""

    def get_queryset(self):
        return DATASETS[self.dataset].rows(self.request.user)

    def get_serializer_class(self):
        return DATASETS[self.dataset].serializer

    def throttled(self, request, wait):
        # DRF would add its own sentence on the wait; one message says it all.
        error = exceptions.Throttled(detail=throttled_message(wait))
        error.wait = ceil(wait) if wait else None
        raise error


# The lists by what they describe: the documentation pages show them under
# these groups, which SPECTACULAR_SETTINGS["TAGS"] names and describes.
GROUP_OF = {
    "cities": "places",
    "neighbourhoods": "places",
    "groups": "workshops",
    "workshops": "workshops",
    "attendance": "workshops",
    "dimensions": "agendas",
    "issues": "agendas",
    "proposals": "agendas",
    "results": "agendas",
}


def dataset_view(name, model, filterset=None):
    """A list viewset for data set `name`, documented from its serializer."""
    dataset = DATASETS[name]
    view = type(
        f"{name.title()}ViewSet",
        (DatasetViewSet,),
        {
            "dataset": name,
            # The schema reads the model from here; rows come from get_queryset.
            "queryset": model.objects.none(),
            "filterset_class": filterset,
        },
    )
    return extend_schema_view(
        list=extend_schema(
            tags=[GROUP_OF[name]],
            summary=dataset.title,
            description=dataset.description,
            responses={200: dataset.serializer(many=True), **ERRORS},
        )
    )(view)


class PatternFilter(django_filters.CharFilter):
    """Text of a fixed pattern, documented with it and with its help text."""

    pattern = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A filter whose schema is given takes its description from there
        # only (drf-spectacular), so the help text goes in with the pattern.
        schema = {"type": "string", "pattern": self.pattern}
        if self.extra.get("help_text"):
            schema["description"] = self.extra["help_text"]
        extend_schema_field(schema)(self)


class PublicIdFilter(PatternFilter):
    """A public id (core.public_ids): anything else is refused with a message."""

    field_class = forms.RegexField
    pattern = public_ids.PATTERN

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("regex", public_ids.PATTERN)
        kwargs.setdefault(
            "error_messages", {"invalid": _("Enter a public id as the data sets give it.")}
        )
        super().__init__(*args, **kwargs)


SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


class SlugFilter(PatternFilter):
    """A slug: letters, digits, hyphens and underscores (anything else is refused)."""

    field_class = forms.SlugField
    pattern = SLUG_PATTERN


class NeighbourhoodFilter(django_filters.FilterSet):
    city = SlugFilter(field_name="city__slug", help_text=_("City slug."))
    status = django_filters.ChoiceFilter(
        choices=Neighbourhood.Status.choices,
        help_text=_("Whether the work in the neighbourhood goes on or was stopped."),
    )

    class Meta:
        model = Neighbourhood
        fields = ["city", "status"]


class WorkshopFilter(django_filters.FilterSet):
    neighbourhood = SlugFilter(field_name="neighbourhood__slug", help_text=_("Neighbourhood slug."))
    date = django_filters.DateFromToRangeFilter(
        help_text=_("Held on or after date_after, on or before date_before (YYYY-MM-DD).")
    )

    class Meta:
        model = Workshop
        fields = ["neighbourhood", "date"]


class AttendanceFilter(django_filters.FilterSet):
    workshop = PublicIdFilter(
        field_name="workshop__public_id", help_text=_("Public id of the workshop.")
    )
    group = SlugFilter(field_name="group__slug", help_text=_("Group slug."))

    class Meta:
        model = Attendance
        fields = ["workshop", "group"]


class IssueFilter(django_filters.FilterSet):
    city = SlugFilter(field_name="agenda__neighbourhood__city__slug", help_text=_("City slug."))
    neighbourhood = SlugFilter(
        field_name="agenda__neighbourhood__slug", help_text=_("Neighbourhood slug.")
    )
    agenda = SlugFilter(field_name="agenda__slug", help_text=_("Agenda slug."))
    dimension = SlugFilter(
        field_name="dimension__slug", help_text=_("Slug of the primary dimension.")
    )
    kind = django_filters.ChoiceFilter(
        choices=Issue.Kind.choices,
        help_text=_("Prioritised (residents chose it) or silenced (too hard to discuss openly)."),
    )
    visibility = django_filters.ChoiceFilter(choices=Issue.Visibility.choices)

    class Meta:
        model = Issue
        fields = ["city", "neighbourhood", "agenda", "dimension", "kind", "visibility"]


class ProposalFilter(django_filters.FilterSet):
    agenda = SlugFilter(field_name="agenda__slug", help_text=_("Agenda slug."))
    actor = django_filters.ChoiceFilter(
        choices=Proposal.Actor.choices, help_text=_("Whom the proposal is addressed to.")
    )

    class Meta:
        model = Proposal
        fields = ["agenda", "actor"]


class ResultsQuery(serializers.Serializer):
    agenda = serializers.SlugField(required=False, help_text=_("Agenda slug."))
    source = serializers.ChoiceField(
        choices=[(PAPER, _("Paper")), (ONLINE, _("Online"))],
        required=False,
        help_text=_("“paper” or “online”."),
    )


@extend_schema_view(
    list=extend_schema(
        tags=[GROUP_OF["results"]],
        summary=DATASETS["results"].title,
        description=DATASETS["results"].description,
        parameters=[ResultsQuery],
        responses={200: DATASETS["results"].serializer(many=True), **ERRORS},
    )
)
class ResultsViewSet(DatasetViewSet):
    dataset = "results"
    filter_backends: list = []

    def list(self, request, *args, **kwargs):
        query = ResultsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = DATASETS["results"].rows(request.user, **query.validated_data)
        page = self.paginate_queryset(rows)
        data = self.get_serializer(page, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)


def viewsets_by_prefix():
    from communities.models import City, ParticipantGroup, SecurityDimension

    return {
        "cities": dataset_view("cities", City),
        "neighbourhoods": dataset_view("neighbourhoods", Neighbourhood, NeighbourhoodFilter),
        "dimensions": dataset_view("dimensions", SecurityDimension),
        "groups": dataset_view("groups", ParticipantGroup),
        "workshops": dataset_view("workshops", Workshop, WorkshopFilter),
        "attendance": dataset_view("attendance", Attendance, AttendanceFilter),
        "issues": dataset_view("issues", Issue, IssueFilter),
        "proposals": dataset_view("proposals", Proposal, ProposalFilter),
        "results": ResultsViewSet,
    }


@require_safe
def documentation(request):
    """The API's reference in the reader's language, in the site's layout:
    it needs no script (the interactive page is an extra)."""
    return render(
        request,
        "api/documentation.html",
        {
            "reference": docs.reference(),
            # Example requests name the address the reader reached the site at.
            "site": request.build_absolute_uri("/").rstrip("/"),
            "sees_restricted": sees_restricted_somewhere(request.user),
        },
    )
