"""Everything the site holds about one resident, as their "My data" page
shows it and its JSON download gives it: the same reading for both, in a
fixed number of queries however much they wrote.

A text the resident wrote is theirs and always shown; what it was written
on is named only if they may still see it (an issue restricted since is
named "an item you can no longer see", like anywhere else on the site).
"""

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from agendas.models import Agenda, Issue
from communities.models import Membership, User
from core.text import localized, shorten
from editing.models import Comment, Suggestion, Support
from proposals.models import Proposal
from residents.models import ResidentProfile
from voting.models import Participation

TITLE_LENGTH = 120


@dataclass
class GroupAnswer:
    name: str
    sensitive: bool


@dataclass
class Written:
    """A comment, suggestion or support, and what it is about."""

    on: str  # the item's title, or a note that it cannot be seen any more
    date: datetime
    text: str = ""
    reason: str = ""
    status: str = ""


@dataclass
class ResidentData:
    pseudonym: str
    joined: datetime
    neighbourhoods: list
    groups: list = field(default_factory=list)  # [GroupAnswer]
    notice_version_read: int | None = None
    consent_given_at: datetime | None = None
    consent_notice_version: int | None = None
    comments: list = field(default_factory=list)  # [Written]
    suggestions: list = field(default_factory=list)
    supports: list = field(default_factory=list)
    rounds_voted: list = field(default_factory=list)  # titles: that they voted, not how

    def as_json(self) -> Any:
        """The same data, ready for json.dumps: times in ISO 8601."""
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return value


def _title(obj: Any, visible: set[int]) -> str:
    if obj is None or obj.pk not in visible:
        return _("an item you can no longer see")
    if isinstance(obj, Proposal):
        name = "text"
    else:
        name = "heading" if hasattr(obj, "heading") else "title"
    return shorten(localized(obj, name).text, TITLE_LENGTH)


def _visible(model: type[Agenda | Issue | Proposal], user: User, ids: set[int | None]) -> set[int]:
    """Which of these items the user may see (one query)."""
    return set(
        model.objects.visible_to(user).filter(pk__in=ids - {None}).values_list("pk", flat=True)
    )


def resident_data(user: User) -> ResidentData:
    memberships = Membership.objects.filter(user=user, role="resident").select_related(
        "neighbourhood"
    )
    profile = ResidentProfile.objects.filter(user=user).first()
    groups = (
        list(profile.groups.select_related("sensitivity").order_by("order", "slug"))
        if profile
        else []
    )
    comments = list(
        Comment.objects.filter(author=user).select_related("issue", "proposal").order_by("pk")
    )
    suggestions = list(
        Suggestion.objects.filter(author=user)
        .select_related("section", "issue", "proposal")
        .order_by("pk")
    )
    supports = list(Support.objects.filter(user=user).select_related("proposal").order_by("pk"))
    written = comments + suggestions + supports
    visible_issues = _visible(Issue, user, {getattr(w, "issue_id", None) for w in written})
    visible_proposals = _visible(Proposal, user, {getattr(w, "proposal_id", None) for w in written})
    visible_agendas = _visible(
        Agenda, user, {s.section.agenda_id for s in suggestions if s.section}
    )

    def about(item: Any) -> str:
        if getattr(item, "issue_id", None):
            return _title(item.issue, visible_issues)
        if getattr(item, "section_id", None):
            section = item.section
            return _title(section, {section.pk} if section.agenda_id in visible_agendas else set())
        return _title(item.proposal, visible_proposals)

    rounds = Participation.objects.filter(voter=user).select_related("round__agenda")
    return ResidentData(
        pseudonym=user.get_username(),
        joined=user.date_joined,
        neighbourhoods=[str(m.neighbourhood) for m in memberships],
        groups=[GroupAnswer(str(g), hasattr(g, "sensitivity")) for g in groups],
        notice_version_read=profile.notice_version_read if profile else None,
        consent_given_at=profile.consent_given_at if profile else None,
        consent_notice_version=profile.consent_notice_version if profile else None,
        comments=[
            Written(
                about(c),
                c.created_at,
                text=c.text,
                status=_("hidden by the facilitators") if c.hidden_at else "",
            )
            for c in comments
        ],
        suggestions=[
            Written(
                about(s),
                s.created_at,
                text=s.wording,
                reason=s.reason,
                status=s.get_status_display(),
            )
            for s in suggestions
        ],
        supports=[Written(about(s), s.created_at) for s in supports],
        rounds_voted=[str(p.round) for p in rounds],
    )
