"""Load the demo data file into the database.

Every row is found by a natural key (a slug, or an agenda and a position)
and written only when something differs, so loading twice changes nothing,
not even a timestamp.
"""

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction

from agendas.models import Agenda, Colophon, Issue, Section
from communities.models import City, Membership, Neighbourhood, ParticipantGroup, SecurityDimension
from core.text import LANGUAGE_CODES
from pages.models import SiteText
from proposals.models import Proposal
from publication.versions import publish
from residents.models import SensitiveGroup
from synthesis.models import NationalPoint
from synthesis.services import cite_issues, cite_proposals
from workshops.models import Attendance, Workshop

DATA_FILE = Path(__file__).parent / "data" / "seed.yaml"


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    accounts: list = field(default_factory=list)
    password: str = ""


def _bilingual(name, value):
    """{"en": "...", "es": "..."} -> {"name_en": "...", "name_es": "..."}."""
    value = value or {}
    return {f"{name}_{code}": value.get(code, "") or "" for code in LANGUAGE_CODES}


def _upsert(report, model, lookup, values):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        report.created += 1
        return obj
    changed = [key for key, value in values.items() if getattr(obj, key) != value]
    if changed:
        for key in changed:
            setattr(obj, key, values[key])
        obj.save()
        report.updated += 1
    return obj


def _set_m2m(manager, objects, write=None):
    """Set the links only when they differ; `write(objects)`: the service
    that writes links having a rule."""
    if {o.pk for o in manager.all()} != {o.pk for o in objects}:
        (write or manager.set)(objects)


def _mark_sensitive(report, group, sensitive):
    if sensitive and not SensitiveGroup.objects.filter(group=group).exists():
        SensitiveGroup.objects.create(group=group)
        report.created += 1
    elif not sensitive:
        report.updated += SensitiveGroup.objects.filter(group=group).delete()[0]


def _trim(report, queryset):
    """Delete rows the data file no longer has (beyond the last position)."""
    deleted, _ = queryset.delete()
    report.updated += deleted


@transaction.atomic
def load_demo(path=DATA_FILE):
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    report = LoadReport()

    _upsert(report, SiteText, {"slug": "overview"}, _bilingual("body", data["overview"]))

    groups = {}
    for item in data["participant_groups"]:
        groups[item["slug"]] = _upsert(
            report,
            ParticipantGroup,
            {"slug": item["slug"]},
            {"order": item["order"], **_bilingual("name", item["name"])},
        )
        _mark_sensitive(report, groups[item["slug"]], item.get("sensitive", False))
    dimensions = {}
    for item in data["dimensions"]:
        dimensions[item["slug"]] = _upsert(
            report,
            SecurityDimension,
            {"slug": item["slug"]},
            {
                "order": item["order"],
                "colour": item["colour"],
                "icon": item.get("icon", ""),
                **_bilingual("name", item["name"]),
                **_bilingual("description", item.get("description")),
            },
        )

    neighbourhoods = {}
    for city_data in data["cities"]:
        city = _upsert(
            report,
            City,
            {"slug": city_data["slug"]},
            {
                "state": city_data.get("state", ""),
                **_bilingual("name", city_data["name"]),
                **_bilingual("description", city_data.get("description")),
            },
        )
        for item in city_data.get("neighbourhoods", []):
            neighbourhood = _upsert(
                report,
                Neighbourhood,
                {"slug": item["slug"]},
                {
                    "city_id": city.pk,
                    "status": item.get("status", "active"),
                    **_bilingual("name", item["name"]),
                    **_bilingual("stopped_reason", item.get("stopped_reason")),
                },
            )
            neighbourhoods[item["slug"]] = neighbourhood
            _set_m2m(
                neighbourhood.groups_engaged,
                [groups[slug] for slug in item.get("groups_engaged", [])],
            )
            _load_workshops(report, neighbourhood, item.get("workshops", []), groups)

    for item in data["agendas"]:
        agenda = _load_agenda(report, item, neighbourhoods, dimensions)
        _load_colophon(report, agenda, item, data["colophon"])
    # Points cite local issues and proposals: loaded once every agenda is.
    for item in data["agendas"]:
        _load_points(report, item)

    _load_accounts(report, data["accounts"], neighbourhoods)
    # A published agenda stands as its first version, at a permanent address.
    for agenda in Agenda.objects.filter(status=Agenda.Status.PUBLISHED, versions__isnull=True):
        publish(agenda, None)
        report.created += 1

    return report


def _load_workshops(report, neighbourhood, workshops, groups):
    for item in workshops:
        workshop = _upsert(
            report,
            Workshop,
            {"neighbourhood": neighbourhood, "title_en": item["title"]["en"]},
            {
                "title_es": item["title"]["es"],
                **_bilingual("place", item.get("place")),
                **_bilingual("method", item.get("method")),
                **_bilingual("notes", item.get("notes")),
                "people_present": item.get("people_present"),
                "first_timers": item.get("first_timers"),
            },
        )
        counted = item.get("attendance", {})
        for slug, count in counted.items():
            _upsert(
                report, Attendance, {"workshop": workshop, "group": groups[slug]}, {"count": count}
            )
        # A group the file no longer counts at this workshop is not counted:
        # the demo's figures are the file's, also when loaded over an older one.
        stale = workshop.attendance.exclude(group__slug__in=list(counted))
        if stale.exists():
            stale.delete()
            report.updated += 1


def _load_agenda(report, item, neighbourhoods, dimensions):
    neighbourhood = neighbourhoods.get(item.get("neighbourhood"))
    agenda = _upsert(
        report,
        Agenda,
        {"slug": item["slug"]},
        {
            "scope": item["scope"],
            "neighbourhood_id": neighbourhood.pk if neighbourhood else None,
            "status": item["status"],
            **_bilingual("title", item["title"]),
            **_bilingual("silenced_heading", item.get("silenced_heading")),
        },
    )
    sections = item.get("sections", [])
    for order, section in enumerate(sections):
        _upsert(
            report,
            Section,
            {"agenda": agenda, "order": order},
            {
                "kind": section["kind"],
                **_bilingual("heading", section.get("heading")),
                **_bilingual("body", section.get("body")),
            },
        )
    _trim(report, Section.objects.filter(agenda=agenda, order__gte=len(sections)))

    issues = item.get("issues", [])
    for order, data in enumerate(issues):
        issue = _upsert(
            report,
            Issue,
            {"agenda": agenda, "order": order},
            {
                "dimension_id": dimensions[data["dimension"]].pk,
                "kind": data["kind"],
                "visibility": data.get("visibility", "public"),
                **_bilingual("title", data["title"]),
                **_bilingual("description", data.get("description")),
            },
        )
        _set_m2m(issue.related_dimensions, [dimensions[slug] for slug in data.get("related", [])])
    _trim(report, Issue.objects.filter(agenda=agenda, order__gte=len(issues)))

    proposals = item.get("proposals", [])
    for order, data in enumerate(proposals):
        _upsert(
            report,
            Proposal,
            {"agenda": agenda, "order": order},
            {"actor": data["actor"], **_bilingual("text", data["text"])},
        )
    _trim(report, Proposal.objects.filter(agenda=agenda, order__gte=len(proposals)))
    return agenda


def _load_colophon(report, agenda, item, credits):
    """The agenda's credits: those the publication shares, and the teams
    `colophon_teams` names, in that order. The licence is left as it is (the
    summary names none): the default, or what a team chose since."""
    teams = [credits["teams"][name] for name in item.get("colophon_teams", [])]
    _upsert(
        report,
        Colophon,
        {"agenda": agenda},
        {
            "first_year": credits.get("first_year"),
            "last_year": credits.get("last_year"),
            **{
                f"team_{code}": "\n\n".join(team.get(code, "") for team in teams)
                for code in LANGUAGE_CODES
            },
            **{
                key: value
                for name in ("institutions", "funders", "design", "acknowledgements")
                for key, value in _bilingual(name, credits.get(name)).items()
            },
        },
    )


def _load_points(report, item):
    for order, data in enumerate(item.get("sections", [])):
        section = Section.objects.get(agenda__slug=item["slug"], order=order)
        points = data.get("points", [])
        for position, point_data in enumerate(points):
            point = _upsert(
                report,
                NationalPoint,
                {"section": section, "order": position},
                _bilingual("text", point_data["text"]),
            )
            cites = point_data.get("cites") or {}
            _set_m2m(
                point.issues,
                [
                    Issue.objects.select_related("agenda").get(
                        agenda__slug=ref["agenda"], title_en=ref["title"]
                    )
                    for ref in cites.get("issues", [])
                ],
                write=partial(cite_issues, point),
            )
            _set_m2m(
                point.proposals,
                [
                    Proposal.objects.select_related("agenda").get(
                        agenda__slug=ref["agenda"], text_en__startswith=ref["starts"]
                    )
                    for ref in cites.get("proposals", [])
                ],
                write=partial(cite_proposals, point),
            )
        _trim(report, NationalPoint.objects.filter(section=section, order__gte=len(points)))


def _load_accounts(report, accounts, neighbourhoods):
    User = get_user_model()
    report.password = accounts["password"]
    for person in accounts["people"]:
        role = person["role"]
        user = User.objects.filter(username=person["username"]).first()
        if user is None:
            user = User(username=person["username"])
            user.set_password(accounts["password"])
            report.created += 1
        user.is_superuser = user.is_staff = role == "admin"
        user.is_researcher = role == "researcher"
        user.save()
        if role in (Membership.Role.FACILITATOR, Membership.Role.RESIDENT):
            _upsert(
                report,
                Membership,
                {"user": user, "neighbourhood": neighbourhoods[person["neighbourhood"]]},
                {"role": role},
            )
        report.accounts.append((person["username"], role, person.get("neighbourhood", "")))
