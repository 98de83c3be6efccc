"""Published versions: the agenda's text frozen when it is published, and
read back as the page shows it.

A version keeps its words forever. What it may show does follow the live
rules: a restricted item is shown only to those who may see restricted
items, and an issue restricted since publication is withheld too — hiding
an issue takes effect everywhere at once, old versions included.

A version names its sections, issues, proposals and points by public id in
its anchors, as the live page does; the database ids it keeps are for
reading the live rules and citations, and are never shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Max, Model, Prefetch, Sum

from access import disclosure
from access.rules import can_see_restricted, can_view_agenda
from agendas.models import Agenda, AgendaVersion, Issue, Section
from communities.models import Neighbourhood, SecurityDimension, User
from core.text import LANGUAGE_CODES
from proposals.models import Proposal
from synthesis.models import NationalPoint
from synthesis.selectors import evidence, reader_of
from voting.public import agenda_results

from .selectors import AgendaView, arrange_issues, group_by_actor

if TYPE_CHECKING:
    from access.types import Person


def _both(obj: Any, field: str) -> dict[str, str]:
    return {f"{field}_{code}": getattr(obj, f"{field}_{code}") or "" for code in LANGUAGE_CODES}


def _dimension(dimension: SecurityDimension) -> dict[str, str]:
    return {"slug": dimension.slug, **_both(dimension, "name")}


def snapshot_of(agenda: Agenda) -> dict[str, Any]:
    """Everything the agenda's page shows, in both languages, as plain data."""
    from tallies.models import PaperTally

    place = None
    participants = 0
    if agenda.neighbourhood_id:
        neighbourhood = (
            Neighbourhood.objects.with_participant_total()
            .select_related("city")
            .get(pk=agenda.neighbourhood_id)
        )
        participants = neighbourhood.participant_total
        place = {
            **_both(neighbourhood, "name"),
            "city": {
                **_both(neighbourhood.city, "name"),
                **_both(neighbourhood.city, "description"),
            },
        }
    issues = (
        Issue.objects.filter(agenda=agenda)
        .select_related("dimension")
        .with_dots()
        .prefetch_related(
            Prefetch("related_dimensions", queryset=SecurityDimension.objects.order_by("order"))
        )
        .order_by("order", "pk")
    )
    return {
        "agenda": {**_both(agenda, "title"), **_both(agenda, "silenced_heading")},
        "place": place,
        "participants": participants,
        "paper_votes": PaperTally.objects.filter(
            disclosure.counted_tallies(), agenda=agenda
        ).aggregate(voters=Sum("voters", default=0), workshops=Count("pk")),
        "sections": [
            {
                "pk": s.pk,
                "public_id": s.public_id,
                "kind": s.kind,
                **_both(s, "heading"),
                **_both(s, "body"),
                "points": [
                    {
                        "pk": point.pk,
                        "public_id": point.public_id,
                        **_both(point, "text"),
                        "issues": [issue.pk for issue in point.issues.all()],
                        "proposals": [proposal.pk for proposal in point.proposals.all()],
                    }
                    for point in s.points.all()
                ],
            }
            for s in Section.objects.filter(agenda=agenda)
            .prefetch_related(
                Prefetch(
                    "points",
                    queryset=NationalPoint.objects.order_by("order", "pk").prefetch_related(
                        Prefetch("issues", queryset=Issue.objects.order_by("pk")),
                        Prefetch("proposals", queryset=Proposal.objects.order_by("pk")),
                    ),
                )
            )
            .order_by("order", "pk")
        ],
        "issues": [
            {
                "pk": issue.pk,
                "public_id": issue.public_id,
                "kind": issue.kind,
                "visibility": issue.visibility,
                **_both(issue, "title"),
                **_both(issue, "description"),
                "dimension": _dimension(issue.dimension),
                "related": [_dimension(d) for d in issue.related_dimensions.all()],
                "dots": issue.dots,
            }
            for issue in issues
        ],
        "proposals": [
            {"pk": p.pk, "public_id": p.public_id, "actor": p.actor, **_both(p, "text")}
            for p in Proposal.objects.filter(agenda=agenda).order_by("order", "pk")
        ],
    }


def publish(agenda: Agenda, by: User | None) -> AgendaVersion:
    """Freeze the agenda's text as its next version (call inside the
    transaction that moves it to published, with the agenda row locked)."""
    last = AgendaVersion.objects.filter(agenda=agenda).aggregate(n=Max("number"))["n"] or 0
    return AgendaVersion.objects.create(
        agenda=agenda, number=last + 1, published_by=by, snapshot=snapshot_of(agenda)
    )


def _public_ids(model: type[Model], items: list[dict[str, Any]]) -> dict[int, str]:
    """{pk: public id} for the items of a version written before versions kept
    public ids (one query, and none for the versions that keep them)."""
    missing = [item["pk"] for item in items if "public_id" not in item]
    if not missing:
        return {}
    return dict(model._default_manager.filter(pk__in=missing).values_list("pk", "public_id"))


def _public_id(item: dict[str, Any], found: dict[int, str]) -> str | None:
    return item.get("public_id") or found.get(item["pk"])


class _Many(list[Any]):
    """A list that templates can ask for `.all()`, like a related manager."""

    def all(self) -> _Many:
        return self


def _points_as_read_by(
    reader: Person, sections: list[dict[str, Any]]
) -> dict[int, list[SimpleNamespace]]:
    """{section pk: [point]} of a version's principles and requirements, each
    citing the local evidence `reader` may see now (the words of the points
    are the version's; what they cite is read live, under the live rules)."""
    items = [(s["pk"], p) for s in sections for p in s.get("points", [])]
    if not items:
        return {}
    public_ids = _public_ids(NationalPoint, [point for _, point in items])
    found: dict[str, list[Any]] = {}
    for model, queryset in evidence(reader).items():
        key = "issues" if model is Issue else "proposals"
        wanted = {pk for _, point in items for pk in point[key]}
        # In the live page's order: one query per kind of evidence.
        found[key] = list(queryset.filter(pk__in=wanted))
    by_section: dict[int, list[SimpleNamespace]] = {}
    for section_pk, item in items:
        point = SimpleNamespace(
            pk=item["pk"],
            public_id=_public_id(item, public_ids),
            text_es=item["text_es"],
            text_en=item["text_en"],
            cited_issues=[i for i in found["issues"] if i.pk in item["issues"]],
            cited_proposals=[p for p in found["proposals"] if p.pk in item["proposals"]],
        )
        by_section.setdefault(section_pk, []).append(point)
    return by_section


@dataclass
class VersionView:
    version: AgendaVersion
    view: AgendaView
    page_agenda: SimpleNamespace


def view_of(version: AgendaVersion, user: Person) -> VersionView:
    """The version as `user` may read it, shaped like a live AgendaView so the
    same templates show it."""
    data = version.snapshot
    agenda = version.agenda
    sees_restricted = can_see_restricted(user, agenda)
    ids = [issue["pk"] for issue in data["issues"]]
    live = {
        pk: (visibility, public_id)
        for pk, visibility, public_id in Issue.objects.filter(pk__in=ids).values_list(
            "pk", "visibility", "public_id"
        )
    }
    # The version keeps each dimension's words; how a dimension is drawn (its
    # icon) is the site's design, read live like its colour.
    icons = dict(SecurityDimension.objects.values_list("slug", "icon"))

    def dimension(item: dict[str, str]) -> SimpleNamespace:
        return SimpleNamespace(**item, icon=icons.get(item["slug"], ""))

    issues: list[SimpleNamespace] = []
    for item in data["issues"]:
        visibility, public_id = live.get(item["pk"], (None, None))
        restricted = Issue.Visibility.RESTRICTED in (item["visibility"], visibility)
        if restricted and not sees_restricted:
            continue
        issues.append(
            SimpleNamespace(
                **{k: v for k, v in item.items() if k not in ("dimension", "related", "public_id")},
                public_id=item.get("public_id") or public_id,
                is_restricted=restricted,
                dimension=dimension(item["dimension"]),
                related_dimensions=_Many(dimension(d) for d in item["related"]),
            )
        )
    groups, cross_cutting, silenced = arrange_issues(issues)
    sections: dict[str, list[SimpleNamespace]] = {}
    points = _points_as_read_by(reader_of(user, agenda), data["sections"])
    section_ids = _public_ids(Section, data["sections"])
    for item in data["sections"]:
        section = SimpleNamespace(
            **{k: v for k, v in item.items() if k not in ("points", "public_id")},
            public_id=_public_id(item, section_ids),
        )
        section.point_list = points.get(item["pk"], [])
        sections.setdefault(item["kind"], []).append(section)
    proposal_ids = _public_ids(Proposal, data["proposals"])
    proposals = [
        SimpleNamespace(
            **{k: v for k, v in item.items() if k != "public_id"},
            public_id=_public_id(item, proposal_ids),
        )
        for item in data["proposals"]
    ]
    place = data["place"]
    page_agenda = SimpleNamespace(
        slug=agenda.slug,
        **data["agenda"],
        neighbourhood=SimpleNamespace(
            **{k: v for k, v in place.items() if k != "city"},
            city=SimpleNamespace(**place["city"]),
        )
        if place
        else None,
    )
    view = AgendaView(
        agenda=page_agenda,
        audience="restricted" if sees_restricted else "public",
        participants=data["participants"],
        sections=sections,
        dimension_groups=groups,
        cross_cutting=cross_cutting,
        silenced=silenced,
        actor_groups=group_by_actor(proposals),
        paper_votes=data["paper_votes"],
        # The vote closed last by the day of publication, read as it stands
        # now rather than frozen in the snapshot: a closed vote's ballots never
        # change, and a frozen copy would keep the shares of an issue
        # restricted since, from which its points could be worked out. The
        # page says these are today's figures (templates/voting/_public_results.html).
        # Being live, they follow the live rule (voting.view_results: a closed
        # vote of an agenda the reader may see): while the agenda is back in
        # draft, its versions show no results to those who may not see it.
        vote_results=(
            agenda_results(agenda, at=version.published_at)
            if can_view_agenda(user, agenda)
            else None
        ),
    )
    return VersionView(version, view, page_agenda)
