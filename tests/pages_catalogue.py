"""Every page a person can reach, with the demo objects it is read with and
the person who reads it: the pages the markup, accessibility, phone-width
and head tests (tests/a11y/, tests/browser/test_accessibility.py) go through.

The catalogue is checked against the URL resolver
(tests/a11y/test_catalogue.py): every URL pattern that answers GET is either
a page in PAGES or named in NOT_PAGES with the reason it is not one (a
download, JSON, a form that only takes POST, a redirect). A new URL pattern
in neither fails that test.

To add a page, add one line to PAGES:

    Page("agenda-results", "visitor", slug="lazaro-cardenas"),

naming the URL, the role that reads it (ROLES) and its arguments (and,
if needed, its query string, the status it answers with, where it
redirects to, what a browser waits for: see Page); an argument
that is a demo object's key is a function of the Demo below, e.g.
`pk=lambda d: d.workshop.pk`. A page that needs an object the demo lacks
gets it in `prepare()`. A pattern that is not a page goes in NOT_PAGES, with
its reason.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from agendas.models import Agenda, Issue, Section
from booklets.models import ExportJob
from communities.models import City, Membership, Neighbourhood, ParticipantGroup, SecurityDimension
from editing.models import Comment, Suggestion
from people.services import invite
from proposals.models import Proposal
from residents.models import CodeBatch, CodeSheet
from residents.services import issue_batch
from synthesis.models import NationalPoint
from voting.models import Ballot, BallotMark, VotingRound
from voting.services import receipt_hash, voter_key
from workshops.models import Workshop

# role -> the demo person who reads as it (None: nobody signed in).
ROLES = {
    "visitor": None,
    "resident": "resident-lazaro-cardenas",
    "facilitator": "facilitator-lazaro-cardenas",
    "researcher": "researcher",
    "admin": "admin",
}
LANGUAGES = ("es", "en")
SLUG = "lazaro-cardenas"
# The receipt of the resident's ballot in the closed round.
RECEIPT = "ABCD-EFGH-JKLM"


@dataclass
class Demo:
    """The demo objects the pages' addresses are filled from."""

    agenda: Agenda
    issue: Issue
    proposal: Proposal
    section: Section
    point: NationalPoint
    workshop: Workshop
    open_round: VotingRound
    closed_round: VotingRound
    batch: CodeBatch
    sheet: CodeSheet
    job: ExportJob
    suggestion: Suggestion
    comment: Comment
    invitation: str  # the code of an invitation to be a researcher


def prepare() -> Demo:
    """On top of the loaded demo: the Lázaro Cárdenas agenda in consultation
    with an open and a closed vote (a ballot of the resident's in it), a
    suggestion and a comment, a batch and a sheet of codes and a booklet
    sent to a worker that has not finished them (their pages wait)."""
    User = get_user_model()
    admin = User.objects.get(username=ROLES["admin"])
    resident = User.objects.get(username=ROLES["resident"])
    facilitator = User.objects.get(username=ROLES["facilitator"])
    Agenda.objects.filter(slug=SLUG).update(status=Agenda.Status.CONSULTATION)
    # One agenda a step from publishing: the administrator is asked to confirm.
    Agenda.objects.filter(slug="nuevo-almaguer").update(status=Agenda.Status.VALIDATED)
    agenda = Agenda.objects.select_related("neighbourhood").get(slug=SLUG)
    issue = Issue.objects.filter(agenda=agenda, visibility="public").order_by("order", "pk")[0]
    proposal = Proposal.objects.filter(agenda=agenda).order_by("pk")[0]
    now = timezone.now()
    open_round = VotingRound.objects.create(
        agenda=agenda, method="dots", dots_per_voter=3, max_dots_per_issue=2, opens_at=now
    )
    closed_round = VotingRound.objects.create(
        agenda=agenda,
        method="approval",
        opens_at=now - timedelta(days=2),
        closed_at=now - timedelta(days=1),
    )
    # Five ballots: fewer are never published (access.disclosure).
    for n in range(5):
        ballot = Ballot.objects.create(
            round=closed_round,
            voter_key=voter_key(closed_round.pk, resident.pk) if n == 0 else f"k{n}",
            receipt_hash=receipt_hash(closed_round.pk, RECEIPT) if n == 0 else f"r{n}",
        )
        BallotMark.objects.create(ballot=ballot, issue=issue, points=1)
    batch = issue_batch(agenda.neighbourhood, 2, created_by=facilitator, label="Demo").batch
    return Demo(
        agenda=agenda,
        issue=issue,
        proposal=proposal,
        section=Section.objects.filter(agenda=agenda).order_by("order", "pk")[0],
        point=NationalPoint.objects.order_by("pk")[0],
        workshop=Workshop.objects.filter(neighbourhood=agenda.neighbourhood).order_by("pk")[0],
        open_round=open_round,
        closed_round=closed_round,
        batch=batch,
        sheet=CodeSheet.objects.create(
            neighbourhood=agenda.neighbourhood,
            requested_by=facilitator,
            count=10,
            paper="a4",
            site_url="http://testserver/",
            dispatched=True,
        ),
        job=ExportJob.objects.create(
            agenda=agenda,
            requested_by=facilitator,
            edition="internal",
            language="es",
            paper="a4",
            dispatched=True,
        ),
        suggestion=Suggestion.objects.create(
            agenda=agenda,
            issue=issue,
            field="title_en",
            original=issue.title_en,
            wording="Another wording",
            reason="Clearer",
            author=resident,
        ),
        comment=Comment.objects.create(agenda=agenda, issue=issue, author=resident, text="Yes"),
        invitation=invite(by=admin, role="researcher", note="Demo").code,
    )


@dataclass(frozen=True)
class Page:
    """One page: its URL name, the role that reads it, and its arguments
    (values, or functions of the Demo)."""

    name: str
    role: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    query: str = ""
    # The answer's status (or the statuses it may have): a page that says a
    # link no longer works is a page.
    status: int | tuple[int, ...] = 200
    # The URL name of the page the address leads to, when it redirects there.
    lands: str | None = None
    # In a browser, what to wait for before the page is checked, when its
    # script builds it after it loaded.
    ready: str = ""

    def __init__(
        self,
        name: str,
        role: str,
        *,
        query: str = "",
        status: int | tuple[int, ...] = 200,
        lands: str | None = None,
        ready: str = "",
        **kwargs: Any,
    ) -> None:
        assert role in ROLES, role
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "kwargs", kwargs)
        object.__setattr__(self, "query", query)
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "lands", lands)
        object.__setattr__(self, "ready", ready)

    def answers(self, status_code: int) -> bool:
        """Whether `status_code` is what this page answers with."""
        allowed = self.status if isinstance(self.status, tuple) else (self.status,)
        return status_code in allowed

    def url(self, demo: Demo) -> str:
        kwargs = {k: v(demo) if callable(v) else v for k, v in self.kwargs.items()}
        return reverse(self.name, kwargs=kwargs) + self.query


def _pk(model: Any, **lookup: Any) -> Any:
    return lambda d: model.objects.filter(**lookup).order_by("pk")[0].pk


PAGES = [
    # Public pages.
    Page("home", "visitor"),
    Page("agenda-detail", "visitor", slug="sanchez-taboada"),
    Page("agenda-detail", "visitor", slug="national"),
    Page("agenda-version", "visitor", slug=SLUG, number=1),
    # In consultation, with a closed vote: its results section, chart and table.
    Page("agenda-detail", "resident", slug=SLUG),
    Page("booklet-form", "visitor", slug="national"),
    Page("compare", "visitor"),
    Page("opendata-index", "visitor"),
    Page("api-docs", "visitor"),
    Page("api-docs-interactive", "visitor", ready="#swagger-ui .opblock"),
    Page("privacy-notice", "visitor"),
    Page("login", "visitor"),
    Page("redeem", "visitor"),
    Page("invitation-code", "visitor"),
    Page("invitation-link", "visitor", token=lambda d: d.invitation, lands="invitation-accept"),
    Page("password-reset-link", "visitor", uidb64="MQ", token="set-password", status=410),
    # A resident's pages.
    Page("consultation", "resident", slug=SLUG),
    Page("suggest", "resident", kind="issue", public_id=lambda d: d.issue.public_id),
    Page("my-suggestions", "resident"),
    Page("voting-home", "resident"),
    Page("voting-ballot", "resident", pk=lambda d: d.open_round.pk),
    Page("voting-check", "resident", pk=lambda d: d.closed_round.pk),
    Page("about-you", "resident"),
    Page("my-data", "resident"),
    Page("my-data-delete", "resident"),
    # A facilitator's workspace.
    Page("workspace-dashboard", "facilitator"),
    Page("workspace-neighbourhood", "facilitator", pk=lambda d: d.agenda.neighbourhood_id),
    Page("workspace-workshop-create", "facilitator", pk=lambda d: d.agenda.neighbourhood_id),
    Page("workspace-workshop", "facilitator", pk=lambda d: d.workshop.pk),
    Page("workspace-workshop-edit", "facilitator", pk=lambda d: d.workshop.pk),
    Page("workspace-workshop-delete", "facilitator", pk=lambda d: d.workshop.pk),
    Page("workspace-workshop-history", "facilitator", pk=lambda d: d.workshop.pk),
    Page("workspace-tally", "facilitator", pk=lambda d: d.workshop.pk, slug=SLUG),
    Page("workspace-tally-history", "facilitator", pk=lambda d: d.workshop.pk, slug=SLUG),
    Page("workspace-agenda", "facilitator", slug=SLUG),
    Page("workspace-agenda-status", "admin", slug="nuevo-almaguer", query="?to=published"),
    Page("workspace-agenda-next-cycle", "admin", slug="national"),
    Page("workspace-agenda-colophon", "facilitator", slug=SLUG),
    Page("workspace-section-create", "facilitator", slug=SLUG),
    Page("workspace-section-edit", "facilitator", pk=lambda d: d.section.pk),
    Page("workspace-section-history", "facilitator", pk=lambda d: d.section.pk),
    Page("workspace-section-delete", "facilitator", pk=lambda d: d.section.pk),
    Page("workspace-issue-create", "facilitator", slug=SLUG),
    Page("workspace-issue-edit", "facilitator", pk=lambda d: d.issue.pk),
    Page("workspace-issue-history", "facilitator", pk=lambda d: d.issue.pk),
    Page("workspace-issue-delete", "facilitator", pk=lambda d: d.issue.pk),
    Page("workspace-proposal-create", "facilitator", slug=SLUG),
    Page("workspace-proposal-edit", "facilitator", pk=lambda d: d.proposal.pk),
    Page("workspace-proposal-history", "facilitator", pk=lambda d: d.proposal.pk),
    Page("workspace-proposal-delete", "facilitator", pk=lambda d: d.proposal.pk),
    Page("workspace-national_point-create", "admin", slug="national"),
    Page("workspace-national_point-edit", "admin", pk=lambda d: d.point.pk),
    Page("workspace-national_point-history", "admin", pk=lambda d: d.point.pk),
    Page("workspace-national_point-delete", "admin", pk=lambda d: d.point.pk),
    Page("text-revisions", "facilitator", kind="issue", pk=lambda d: d.issue.pk),
    Page("suggestion-review", "facilitator", slug=SLUG),
    Page("code-batches", "facilitator", pk=lambda d: d.agenda.neighbourhood_id),
    Page("code-withdraw", "facilitator", query="?number=all", pk=lambda d: d.batch.pk),
    Page("code-sheet", "facilitator", pk=lambda d: d.sheet.pk),
    Page("voting-rounds", "facilitator", slug=SLUG),
    Page("voting-results", "facilitator", pk=lambda d: d.closed_round.pk),
    Page("voting-close", "facilitator", pk=lambda d: d.open_round.pk),
    Page("booklet-form", "facilitator", slug=SLUG),
    Page("booklet-job", "facilitator", pk=lambda d: d.job.pk),
    # Researchers' pages.
    Page("api-token", "researcher"),
    # Setting up and people: the administrator.
    Page("setup", "admin"),
    Page("setup-places", "admin"),
    Page("setup-city-create", "admin"),
    Page("setup-city-edit", "admin", pk=_pk(City)),
    Page("setup-city-history", "admin", pk=_pk(City)),
    Page("setup-neighbourhood-create", "admin"),
    Page("setup-neighbourhood-edit", "admin", pk=_pk(Neighbourhood)),
    Page("setup-neighbourhood-history", "admin", pk=_pk(Neighbourhood)),
    Page("setup-agendas", "admin"),
    Page("setup-agenda-create", "admin"),
    Page("setup-agenda-edit", "admin", slug=SLUG),
    Page("setup-agenda-history", "admin", slug=SLUG),
    Page("setup-dimensions", "admin"),
    Page("setup-dimension-create", "admin"),
    Page("setup-dimension-edit", "admin", pk=_pk(SecurityDimension)),
    Page("setup-dimension-history", "admin", pk=_pk(SecurityDimension)),
    Page("setup-groups", "admin"),
    Page("setup-group-create", "admin"),
    Page("setup-group-edit", "admin", pk=_pk(ParticipantGroup)),
    Page("setup-group-history", "admin", pk=_pk(ParticipantGroup)),
    Page("people", "admin"),
    Page("people-invite", "admin"),
    Page("people-person", "admin", pk=_pk(get_user_model(), username=ROLES["facilitator"])),
    Page(
        "people-remove-facilitator",
        "admin",
        pk=_pk(Membership, user__username=ROLES["facilitator"]),
    ),
    Page(
        "people-remove-researcher", "admin", pk=_pk(get_user_model(), username=ROLES["researcher"])
    ),
    # The readiness report says 503 where no Celery worker answers (the
    # test stack on PostgreSQL and Redis runs none here): a page either way.
    Page("health-ready", "admin", status=(200, 503)),
    # Django's admin: its index, a list and a form.
    Page("admin:index", "admin"),
    Page("admin:agendas_issue_changelist", "admin"),
    Page("admin:agendas_issue_change", "admin", object_id=lambda d: d.issue.pk),
]

# A reason checked by tests/a11y/test_catalogue.py: the address answers GET with 405.
POST_ONLY = "a form that only takes POST"
# URL name -> why it is not a page.
NOT_PAGES = {
    "dimensions-css": "a stylesheet",
    "health": "a liveness probe's plain answer",
    "booklet-download": "a PDF download",
    "booklet-retry": POST_ONLY,
    "code-sheet-download": "a PDF download",
    "code-sheet-delete": POST_ONLY,
    "code-sheet-retry": POST_ONLY,
    "opendata-csv": "a CSV download",
    "opendata-json": "a JSON download",
    "api-schema": "the API's OpenAPI schema (YAML)",
    "api-root": "JSON",
    "give-consent": POST_ONLY,
    "my-data-download": "a download of the resident's data",
    "withdraw-consent": POST_ONLY,
    "comment": POST_ONLY,
    "support": POST_ONLY,
    "comment-hide": POST_ONLY,
    "text-restore": POST_ONLY,
    "suggestion-accept": POST_ONLY,
    "suggestion-decline": POST_ONLY,
    "voting-apply": POST_ONLY,
    "invitation-accept": "reached from an invitation's link (invitation-link, a page above)",
    "invitation-withdraw": POST_ONLY,
    "people-reset-link": POST_ONLY,
    "logout": POST_ONLY,
    "set_language": "the language switch's form posts here; a GET only redirects",
    "workspace-section-move": POST_ONLY,
    "workspace-issue-move": POST_ONLY,
    "workspace-proposal-move": POST_ONLY,
    "workspace-national_point-move": POST_ONLY,
    "setup-dimension-move": POST_ONLY,
    "setup-group-move": POST_ONLY,
}
# Patterns not named one by one, by the start of their name, and why.
NOT_PAGES_BY_PREFIX = {
    "api-": "JSON of the API",
    "admin:": "Django's own admin pages: its index, a list and a form stand for them",
    "/admin/": "the admin's unnamed redirects (an object's old address, an unknown address)",
}


def url_routes() -> dict[str, str]:
    """{name (or, unnamed, the route): route} of every URL pattern of the site."""

    def walk(resolver: URLResolver, namespace: str, prefix: str) -> Any:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry, inner, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                yield (f"{namespace}{entry.name}" if entry.name else route), route

    return dict(walk(get_resolver(), "", "/"))


def url_names() -> set[str]:
    return set(url_routes())


def reason_not_a_page(name: str) -> str | None:
    if name in NOT_PAGES:
        return NOT_PAGES[name]
    catalogued = {page.name for page in PAGES}
    for start, reason in NOT_PAGES_BY_PREFIX.items():
        if name.startswith(start) and name not in catalogued:
            return reason
    return None


def session_of(role: str) -> Any:
    """The demo person of `role`, or None for a visitor."""
    username = ROLES[role]
    return get_user_model().objects.get(username=username) if username else None


def addresses(demo: Demo) -> list[tuple[Page, str]]:
    return [(page, page.url(demo)) for page in PAGES]


def read_every_page(demo: Demo, language: str) -> list[tuple[Page, str, Any]]:
    """(page, address, response) of every page, each read by its role in
    `language` with Django's test client, following redirects."""
    from django.test import Client

    clients: dict[str, Client] = {}
    answers = []
    for page in PAGES:
        if page.role not in clients:
            clients[page.role] = client = Client()
            user = session_of(page.role)
            if user is not None:
                client.force_login(user)
        url = page.url(demo)
        response = clients[page.role].get(url, headers={"accept-language": language}, follow=True)
        answers.append((page, url, response))
    return answers
