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
and AGENDAS x EDITIONS x LANGUAGES (test_leak_sweep_of_booklets.py) are the
booklets rendered. The sweeps: test_leak_sweep.py and
test_leak_sweep_of_booklets.py; the people and objects they read with:
conftest.py.
"""

import io
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfReader

from access.rules import can_see_restricted
from agendas.models import Agenda, AgendaVersion, Issue, Section
from api.datasets import DATASETS
from communities.models import ParticipantGroup
from editing.models import Comment, Suggestion
from proposals.models import Proposal
from synthesis.models import NationalPoint
from voting.models import VotingRound
from workshops.models import Workshop

from .planted import found_in

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
    "workspace-agenda-next-cycle": lambda d: [{"slug": "lazaro-cardenas"}, {"slug": "national"}],
    "workspace-agenda-colophon": lambda d: [{"slug": "lazaro-cardenas"}, {"slug": "national"}],
    "workspace-issue-create": lambda d: [{"slug": "lazaro-cardenas"}],
    "workspace-issue-edit": lambda d: [{"pk": d.hidden.pk}],
    "workspace-issue-delete": lambda d: [{"pk": d.hidden.pk}],
    "workspace-issue-move": lambda d: [{"pk": d.hidden.pk}],
    "workspace-issue-history": lambda d: [{"pk": d.hidden.pk}],
    "workspace-proposal-create": lambda d: [{"slug": "lazaro-cardenas"}],
    "workspace-section-edit": lambda d: [{"pk": d.section.pk}],
    "workspace-section-history": lambda d: [{"pk": d.section.pk}],
    "workspace-section-create": lambda d: [{"slug": "lazaro-cardenas"}, {"slug": "national"}],
    "workspace-section-delete": lambda d: [{"pk": d.section.pk}],
    "workspace-section-move": lambda d: [{"pk": d.section.pk}],
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
    # The people pages: the Lázaro Cárdenas facilitator, the researcher; no
    # invitation exists in the demo, nor a valid link (the pages say so).
    "people-person": lambda d: [{"pk": _person("facilitator-lazaro-cardenas").pk}],
    "people-remove-facilitator": lambda d: [
        {"pk": _person("facilitator-lazaro-cardenas").memberships.get().pk}
    ],
    "people-remove-researcher": lambda d: [{"pk": _person("researcher").pk}],
    "people-reset-link": lambda d: [{"pk": _person("facilitator-lazaro-cardenas").pk}],
    "invitation-withdraw": lambda d: [{"pk": 1}],
    "invitation-link": lambda d: [{"token": "ABCDEFGHJKMN"}],
    "password-reset-link": lambda d: [{"uidb64": "MQ", "token": "set-password"}],
    # Setting up: the places and agenda the restricted issue belongs to.
    "setup-city-edit": lambda d: [{"pk": d.workshop.neighbourhood.city_id}],
    "setup-city-history": lambda d: [{"pk": d.workshop.neighbourhood.city_id}],
    "setup-neighbourhood-edit": lambda d: [{"pk": d.workshop.neighbourhood_id}],
    "setup-neighbourhood-history": lambda d: [{"pk": d.workshop.neighbourhood_id}],
    "setup-agenda-edit": lambda d: [{"slug": "lazaro-cardenas"}],
    "setup-agenda-history": lambda d: [{"slug": "lazaro-cardenas"}],
    "setup-dimension-edit": lambda d: [{"pk": d.hidden.dimension_id}],
    "setup-dimension-move": lambda d: [{"pk": d.hidden.dimension_id}],
    "setup-dimension-history": lambda d: [{"pk": d.hidden.dimension_id}],
    "setup-group-edit": lambda d: [{"pk": g.pk} for g in ParticipantGroup.objects.all()[:1]],
    "setup-group-move": lambda d: [{"pk": g.pk} for g in ParticipantGroup.objects.all()[:1]],
    "setup-group-history": lambda d: [{"pk": g.pk} for g in ParticipantGroup.objects.all()[:1]],
    # The admin's own addresses (those of each model are filled from ADMIN_OBJECTS).
    "admin:app_list": lambda d: [
        {"app_label": label} for label in ("agendas", "proposals", "synthesis", "workshops")
    ],
    "admin:auth_user_password_change": lambda d: [{"id": d.comment.author_id}],
    "admin:view_on_site": lambda d: [
        {"content_type_id": ContentType.objects.get_for_model(Issue).pk, "object_id": d.hidden.pk}
    ],
}


def _person(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


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
