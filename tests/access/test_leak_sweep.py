"""The sweep: every address of the site, every download, API list, booklet
edition and admin page, read by every role, searched for the planted words
(tests/access/planted.py) of the restricted issue and of every workshop's
place, method and notes.

A word may turn up only where its reader may see it: the restricted issue
for its agenda's team, researchers and admins (never in a public booklet);
a workshop's place, method or notes only in the workspace, the admin and a
booklet's internal edition (the place only), for those who may see that
workshop. And each word must turn up somewhere it is allowed, so the sweep
cannot pass by looking at nothing.

The addresses come from the URL resolver: a pattern added later is swept
too, and if it takes an argument the sweep does not know how to fill, the
test fails and says so (add it to ARGUMENTS). Each address is read once per
role; roles read in alternate languages (ROLE_LANGUAGE), the downloads, the
admin and the booklets carry both.

To extend it: ARGUMENTS fills a pattern's arguments from the demo's objects,
QUERY adds a query string, ADMIN_OBJECTS picks the objects whose admin pages
are read, READING_FORMS lists forms that only read (posted by every role),
and AGENDAS x EDITIONS x LANGUAGES are the booklets rendered.
"""

import io
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from pypdf import PdfReader

from access.rules import can_see_restricted
from agendas.models import Agenda, AgendaVersion, Issue, Section
from api.datasets import DATASETS
from booklets.rendering import booklet_html
from booklets.services import may_export, render_job, request_export
from communities.models import Neighbourhood
from editing.models import Comment, Suggestion
from proposals.models import Proposal
from publication.versions import publish
from residents.services import issue_batch
from residents.sheets import make_sheet, request_sheet
from synthesis.models import NationalPoint
from voting.models import Ballot, BallotMark, VotingRound
from voting.services import receipt_hash, voter_key
from workshops.models import Workshop

from ..opendata.helpers import traces_of_the_restricted_issue
from .planted import found_in, plant

pytestmark = pytest.mark.django_db

# The most trusted read first: a page one of them left in a cache would be
# found by those who read after them.
ROLES = [
    "admin",
    "researcher",
    "facilitator",
    "staff_other",  # staff, and facilitator of another neighbourhood
    "other_facilitator",
    "resident",
    "visitor",
]
ROLE_LANGUAGE = {
    "admin": "es",
    "researcher": "en",
    "facilitator": "es",
    "staff_other": "en",
    "other_facilitator": "es",
    "resident": "en",
    "visitor": "es",
}
INTERNAL_PREFIXES = ("/workspace/", "/admin/")


@dataclass
class Demo:
    """The objects the sweep's addresses are filled from."""

    planted: object
    hidden: Issue
    proposal: object
    closed_round: VotingRound
    open_round: VotingRound
    workshop: Workshop
    section: Section
    point: NationalPoint
    batch: object
    suggestion: Suggestion
    comment: Comment
    jobs: list
    sheet: object


# URL name -> the keyword arguments to read it with (one address per dict).
ARGUMENTS = {
    "agenda-detail": lambda d: [{"slug": "lazaro-cardenas"}, {"slug": "national"}],
    "agenda-version": lambda d: (
        [
            {"slug": "lazaro-cardenas", "number": v.number}
            for v in AgendaVersion.objects.filter(agenda__slug="lazaro-cardenas")
        ]
        + [{"slug": "national", "number": 1}]
    ),
    "booklet-form": lambda d: [{"slug": "lazaro-cardenas"}],
    "booklet-job": lambda d: [{"pk": job.pk} for job in d.jobs],
    "booklet-download": lambda d: [{"pk": job.pk} for job in d.jobs],
    "booklet-retry": lambda d: [{"pk": job.pk} for job in d.jobs],
    "code-sheet": lambda d: [{"pk": d.sheet.pk}],
    "code-sheet-download": lambda d: [{"pk": d.sheet.pk}],
    "code-sheet-delete": lambda d: [{"pk": d.sheet.pk}],
    "code-sheet-retry": lambda d: [{"pk": d.sheet.pk}],
    "workspace-neighbourhood": lambda d: [{"pk": d.workshop.neighbourhood_id}],
    "workspace-workshop-create": lambda d: [{"pk": d.workshop.neighbourhood_id}],
    "workspace-workshop": lambda d: [{"pk": w.pk} for w in Workshop.objects.all()],
    "workspace-workshop-edit": lambda d: [{"pk": d.workshop.pk}],
    "workspace-workshop-delete": lambda d: [{"pk": d.workshop.pk}],
    "workspace-workshop-history": lambda d: [{"pk": d.workshop.pk}],
    "workspace-tally": lambda d: [{"pk": d.workshop.pk, "slug": "lazaro-cardenas"}],
    "workspace-tally-history": lambda d: [{"pk": d.workshop.pk, "slug": "lazaro-cardenas"}],
    "workspace-agenda": lambda d: [{"slug": "lazaro-cardenas"}, {"slug": "national"}],
    "workspace-agenda-status": lambda d: [{"slug": "lazaro-cardenas"}],
    "workspace-issue-create": lambda d: [{"slug": "lazaro-cardenas"}],
    "workspace-issue-edit": lambda d: [{"pk": d.hidden.pk}],
    "workspace-issue-delete": lambda d: [{"pk": d.hidden.pk}],
    "workspace-issue-move": lambda d: [{"pk": d.hidden.pk}],
    "workspace-issue-history": lambda d: [{"pk": d.hidden.pk}],
    "workspace-proposal-create": lambda d: [{"slug": "lazaro-cardenas"}],
    "workspace-section-edit": lambda d: [{"pk": d.section.pk}],
    "workspace-section-history": lambda d: [{"pk": d.section.pk}],
    "workspace-proposal-edit": lambda d: [{"pk": d.proposal.pk}],
    "workspace-proposal-delete": lambda d: [{"pk": d.proposal.pk}],
    "workspace-proposal-move": lambda d: [{"pk": d.proposal.pk}],
    "workspace-proposal-history": lambda d: [{"pk": d.proposal.pk}],
    # A point that cites the restricted issue (its history and form name it).
    "workspace-national_point-create": lambda d: [{"slug": "national"}],
    "workspace-national_point-edit": lambda d: [{"pk": d.point.pk}],
    "workspace-national_point-delete": lambda d: [{"pk": d.point.pk}],
    "workspace-national_point-move": lambda d: [{"pk": d.point.pk}],
    "workspace-national_point-history": lambda d: [{"pk": d.point.pk}],
    "opendata-csv": lambda d: [{"dataset": name} for name in DATASETS],
    "opendata-json": lambda d: [{"dataset": name} for name in DATASETS],
    "voting-ballot": lambda d: [{"pk": d.open_round.pk}, {"pk": d.closed_round.pk}],
    "voting-check": lambda d: [{"pk": d.closed_round.pk}],
    "code-batches": lambda d: [{"pk": d.workshop.neighbourhood_id}],
    "code-withdraw": lambda d: [{"pk": d.batch.pk}],
    "voting-rounds": lambda d: [{"slug": "lazaro-cardenas"}],
    "consultation": lambda d: [{"slug": "lazaro-cardenas"}],
    "suggest": lambda d: [
        {"kind": "issue", "public_id": d.hidden.public_id},
        {"kind": "proposal", "public_id": d.proposal.public_id},
    ],
    "comment": lambda d: [
        {"kind": "issue", "public_id": d.hidden.public_id},
        {"kind": "proposal", "public_id": d.proposal.public_id},
    ],
    "support": lambda d: [{"public_id": d.proposal.public_id}],
    "comment-hide": lambda d: [{"pk": d.comment.pk}],
    "text-revisions": lambda d: [
        {"kind": "issue", "pk": d.hidden.pk},
        {"kind": "proposal", "pk": d.proposal.pk},
        {"kind": "national_point", "pk": d.point.pk},
    ],
    "text-restore": lambda d: [{"kind": "issue", "pk": d.hidden.pk}],
    "suggestion-review": lambda d: [{"slug": "lazaro-cardenas"}],
    "suggestion-accept": lambda d: [{"pk": d.suggestion.pk}],
    "suggestion-decline": lambda d: [{"pk": d.suggestion.pk}],
    "voting-results": lambda d: [{"pk": d.closed_round.pk}, {"pk": d.open_round.pk}],
    "voting-close": lambda d: [{"pk": d.open_round.pk}],
    "voting-apply": lambda d: [{"pk": d.closed_round.pk}],
    # The admin's own addresses (those of each model are filled from ADMIN_OBJECTS).
    "admin:app_list": lambda d: [
        {"app_label": label} for label in ("agendas", "proposals", "synthesis", "workshops")
    ],
    "admin:auth_user_password_change": lambda d: [{"id": d.comment.author_id}],
    "admin:view_on_site": lambda d: [
        {"content_type_id": ContentType.objects.get_for_model(Issue).pk, "object_id": d.hidden.pk}
    ],
}
# Forms that only read (posting them changes nothing): URL name -> [(kwargs, data)].
READING_FORMS = {
    "voting-check": lambda d: [({"pk": d.closed_round.pk}, {"receipt": RECEIPT})],
}
RECEIPT = "ABCD-EFGH-JKLM"
# Arguments any pattern may take, whatever its name.
ANY_PATTERN = {"format": "json"}
# Query strings: every row of an API list on one page.
QUERY = {"api-": "?page_size=1000"}
# The admin's change page, history and deletion of these objects of each model.
ADMIN_OBJECTS = {
    Issue: lambda d: [d.hidden],
    Workshop: lambda d: [d.workshop],
    Agenda: lambda d: [d.hidden.agenda],
    Proposal: lambda d: [d.proposal],  # it answers the restricted issue
    NationalPoint: lambda d: [d.point],
    # Any other model: its first object (below).
}


def walk(resolver=None, namespace="", prefix="/"):
    """(URL name or None, pattern, its parameters, its ModelAdmin or None, prefix)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            params = set(entry.pattern.regex.groupindex)
            name = f"{namespace}{entry.name}" if entry.name else None
            model_admin = getattr(entry.callback, "model_admin", None)
            yield name, entry, params, model_admin, prefix


def admin_objects(model, demo):
    chosen = ADMIN_OBJECTS.get(model)
    if chosen:
        return chosen(demo)
    first = model._default_manager.order_by("pk").first()
    return [first] if first else []


def addresses(demo):
    """Every address to read, as (URL name or route, address)."""
    found, unknown = [], []
    for name, entry, params, model_admin, prefix in walk():
        label = name or prefix + str(entry.pattern)
        if name is None and model_admin is None:
            # The admin's catch-all: any unknown address under /admin/.
            found.append((label, "/admin/no-such-page/"))
            continue
        if not params:
            kwargs_list = [{}]
        elif model_admin is not None and params == {"object_id"}:
            kwargs_list = [{"object_id": obj.pk} for obj in admin_objects(model_admin.model, demo)]
        elif name in ARGUMENTS:
            kwargs_list = ARGUMENTS[name](demo)
        elif params <= set(ANY_PATTERN):
            kwargs_list = [{}]
        else:
            unknown.append(label)
            continue
        for kwargs in kwargs_list:
            kwargs = {**{k: ANY_PATTERN[k] for k in params - set(kwargs)}, **kwargs}
            if name:
                url = reverse(name, kwargs=kwargs)
            else:
                url = prefix + str(entry.pattern)
                for key, value in kwargs.items():
                    url = url.replace(f"<path:{key}>", str(value))
            query = next((q for start, q in QUERY.items() if name and name.startswith(start)), "")
            found.append((label, url + query))
    assert unknown == [], f"add the arguments of these URL patterns to ARGUMENTS: {unknown}"
    return found


@pytest.fixture
def readers(demo_users, make_person):
    """The people of each role, and a client signed in as each."""
    people = dict(demo_users)
    staff = make_person(
        "staff-of-another-neighbourhood",
        role="facilitator",
        neighbourhood="sanchez-taboada",
        is_staff=True,
    )
    # As a careless administrator might: every view permission of the admin.
    staff.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    people["staff_other"] = staff
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if people[role] is not None:
            clients[role].force_login(people[role])
    return people, clients


@pytest.fixture
def demo(demo_users):
    """The planted words, and the things that could carry them."""
    hidden, proposal, closed_round = traces_of_the_restricted_issue()
    planted = plant()
    hidden.refresh_from_db()
    agenda = hidden.agenda
    resident = demo_users["resident"]
    open_round = VotingRound.objects.create(
        agenda=agenda, method="approval", opens_at=timezone.now() - timedelta(hours=1)
    )
    # Said and suggested while the issue was public, before it was restricted.
    suggestion = Suggestion.objects.create(
        agenda=agenda,
        issue=hidden,
        field="title_en",
        original=hidden.title_en,
        wording="Another wording",
        reason="Clearer",
        author=resident,
    )
    comment = Comment.objects.create(agenda=agenda, issue=hidden, author=resident, text="Yes")
    ballot = Ballot.objects.create(
        round=closed_round,
        voter_key=voter_key(closed_round.pk, resident.pk),
        receipt_hash=receipt_hash(closed_round.pk, RECEIPT),
    )
    BallotMark.objects.create(ballot=ballot, issue=hidden, points=1)
    # A version published since the words were planted.
    publish(agenda, by=demo_users["admin"])
    # Booklets asked for on the site, then rendered here as a worker would:
    # the test's transaction never commits, so no job is ever dispatched.
    jobs = [
        request_export(
            {"requested_by": demo_users[role]},
            agenda,
            edition=edition,
            language=language,
            paper="a4",
        )
        for role, edition, language in [
            ("facilitator", "internal", "es"),
            ("resident", "public", "en"),
        ]
    ]
    for job in jobs:
        if job.status != job.Status.READY:
            render_job(job.pk)
        job.refresh_from_db()
    # A sheet of codes, made as a worker would.
    sheet = request_sheet(
        agenda.neighbourhood,
        requested_by=demo_users["facilitator"],
        count=2,
        days=None,
        label="Sweep sheet",
        paper="a4",
        site_url="http://testserver/",
    )
    make_sheet(sheet.pk)
    return Demo(
        planted=planted,
        hidden=hidden,
        proposal=proposal,
        closed_round=closed_round,
        open_round=open_round,
        workshop=Workshop.objects.filter(neighbourhood=agenda.neighbourhood).first(),
        section=Section.objects.filter(agenda=agenda).first(),
        point=NationalPoint.objects.filter(issues=hidden).first(),
        batch=issue_batch(
            Neighbourhood.objects.get(pk=agenda.neighbourhood_id), 2, label="Sweep"
        ).batch,
        suggestion=suggestion,
        sheet=sheet,
        comment=comment,
        jobs=jobs,
    )


class Sweep:
    """What one sweep read: words found where they may not be, and where they may."""

    def __init__(self, demo, people):
        self.words = demo.planted.words
        self.hidden = demo.hidden
        self.people = people
        self.leaks = []
        self.seen = {}  # word -> {role: the outputs it was read in}

    def may_read(self, word, user, *, internal, booklet=None):
        """May `user` read this planted word in this output?"""
        what, field, workshop, _language = self.words[word]
        if booklet == "public":
            return False
        if what == "issue":
            return can_see_restricted(user, self.hidden.agenda)
        if not internal or (booklet and field != "place"):
            return False
        return user.has_perm("workshops.view_workshop", workshop)

    def read(self, role, output, text, *, internal, booklet=None):
        user = self.people[role] or AnonymousUser()
        for word in found_in(text):
            if self.may_read(word, user, internal=internal, booklet=booklet):
                self.seen.setdefault(word, {}).setdefault(role, set()).add(output)
            else:
                self.leaks.append((output, role, self.describe(word)))

    def describe(self, word):
        what, field, workshop, language = self.words[word]
        owner = f"workshop {workshop.pk} ({workshop.neighbourhood.slug})" if workshop else what
        return f"{owner} {field}_{language}"

    def report(self):
        return "found where they may not be:\n" + "\n".join(
            f"{output} read by {role}: {what}" for output, role, what in sorted(set(self.leaks))
        )

    def missing(self, words, role=None):
        """The words no one (or not `role`) read where they are allowed."""

        def was_read(word):
            readers = self.seen.get(word, {})
            return role in readers if role else bool(readers)

        return sorted(word for word in words if not was_read(word))


def body_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"%PDF"):
        reader = PdfReader(io.BytesIO(content))
        content = "".join("".join(page.extract_text().split()) for page in reader.pages).encode()
    headers = "\n".join(f"{key}: {value}" for key, value in response.headers.items())
    return headers + "\n" + content.decode("utf-8", errors="replace")


def booklet_edition(url, demo):
    """The edition of the booklet a download address sends, if it is one."""
    for job in demo.jobs:
        if url == reverse("booklet-download", kwargs={"pk": job.pk}):
            return job.edition
    return None


def test_every_address_for_every_role(demo, readers):
    people, clients = readers
    sweep = Sweep(demo, people)
    urls = addresses(demo)
    assert len(urls) > 100
    for role in ROLES:
        headers = {"accept-language": ROLE_LANGUAGE[role]}
        for _label, url in urls:
            response = clients[role].get(url, headers=headers)
            assert response.status_code < 500, (url, role)
            edition = booklet_edition(url, demo)
            internal = url.startswith(INTERNAL_PREFIXES) or edition == "internal"
            sweep.read(role, url, body_of(response), internal=internal, booklet=edition)
    for name, forms in READING_FORMS.items():
        for kwargs, data in forms(demo):
            url = reverse(name, kwargs=kwargs)
            for role in ROLES:
                headers = {"accept-language": ROLE_LANGUAGE[role]}
                response = clients[role].post(url, data, headers=headers)
                assert response.status_code < 500, (url, role)
                sweep.read(role, f"POST {url}", body_of(response), internal=False)
    assert not sweep.leaks, sweep.report()
    # Every word was found where it may be read: the issue in both languages
    # (its pages, downloads, API and admin), each workshop's place, method and
    # notes in both (its workspace page and the admin).
    assert sweep.missing(demo.planted.words) == []
    # Each of those who may see the restricted issue read it, in their language.
    for role in ("facilitator", "researcher", "admin"):
        title = demo.planted.of("issue", "title", language=ROLE_LANGUAGE[role])
        assert sweep.missing(title, role) == [], role
    # The printed internal booklet (its PDF, downloaded) names the issue and
    # where the neighbourhood's workshops met.
    internal = reverse("booklet-download", kwargs={"pk": demo.jobs[0].pk})
    in_pdf = {w for w, readers in sweep.seen.items() if internal in readers.get("facilitator", ())}
    places = set()
    for workshop in Workshop.objects.filter(neighbourhood=demo.hidden.agenda.neighbourhood):
        places |= demo.planted.of("workshop", "place", language="es", workshop=workshop)
    assert demo.planted.of("issue", "title", language="es") | places <= in_pdf


# --- the booklets -----------------------------------------------------------------------

AGENDAS = ["lazaro-cardenas", "national"]
EDITIONS = ["public", "internal"]
LANGUAGES = ["es", "en"]


def test_every_booklet_edition_for_every_role(demo, readers):
    people, _clients = readers
    sweep = Sweep(demo, people)
    read = 0
    for slug in AGENDAS:
        agenda = Agenda.objects.select_related("neighbourhood").get(slug=slug)
        for role in ROLES:
            user = people[role] or AnonymousUser()
            for edition in EDITIONS:
                if not may_export(user, agenda, edition):
                    continue
                # The public edition is the same whoever asks: read in both
                # languages by a visitor and the team, in one by the others.
                both = role in ("visitor", "facilitator") or edition == "internal"
                for language in LANGUAGES if both else [ROLE_LANGUAGE[role]]:
                    html = booklet_html(
                        agenda,
                        user=user if user.is_authenticated else None,
                        edition=edition,
                        language=language,
                        paper="a4",
                    )
                    output = f"booklet {slug} {edition} {language}"
                    sweep.read(role, output, html, internal=edition == "internal", booklet=edition)
                    read += 1
    assert read >= len(ROLES) + 2
    assert not sweep.leaks, sweep.report()
    # The internal edition of the agenda's team carries the restricted issue and
    # where each of the neighbourhood's workshops met, in both languages.
    lazaro = Workshop.objects.filter(neighbourhood__slug="lazaro-cardenas")
    expected = demo.planted.of("issue")
    for workshop in lazaro:
        expected |= demo.planted.of("workshop", "place", workshop=workshop)
    assert sweep.missing(expected) == []
