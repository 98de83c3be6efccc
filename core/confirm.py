"""Asking before an action that cannot be undone (closing a vote, publishing
a version, withdrawing codes, deleting): a GET shows what will happen, and
only a POST that carries the confirmation field acts. A POST without it (a
form posted from elsewhere, a double tap, a stale page) is shown the same
question and changes nothing. Plain forms: no JavaScript is needed."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

# The field a confirmation page's button sends, and its value.
FIELD = "confirm"
YES = "yes"

Text = str | Promise


def confirmed(request: HttpRequest) -> bool:
    """Whether the person said yes on a confirmation page."""
    return request.method == "POST" and request.POST.get(FIELD) == YES


@dataclass
class Question:
    """What a confirmation page says: its heading, what will happen, what
    cannot be undone afterwards, the button that acts and where "no" leads.
    `data` are the (name, value) pairs the page posts back with the answer;
    `crumbs` the (label, url) pairs of its breadcrumb after the workspace."""

    heading: Text
    happens: Sequence[Text]
    lasting: Sequence[Text]
    action: Text
    cancel_url: str
    action_url: str = ""
    data: Iterable[tuple[str, str]] = ()
    crumbs: Sequence[tuple[Text, str]] = field(default_factory=list)


def ask(request: HttpRequest, question: Question) -> HttpResponse:
    """The confirmation page; nothing has been written when it is shown."""
    return render(request, "confirm_action.html", {"question": question, "field": FIELD})
