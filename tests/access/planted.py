"""Unique words planted where only some people may look: the restricted
issue's title and description and every workshop's place, method and notes,
in both languages. A word that turns up in an answer says exactly which
secret reached it.

Every planted word starts with MARK and ends with END, so one search finds
any of them, even in a PDF's text, where the spaces around words are lost.
"""

import re
from dataclasses import dataclass, field

from agendas.cache import new_generation
from agendas.models import Issue
from workshops.models import Workshop

MARK = "qzleak"
END = "qz"
LANGUAGES = ("es", "en")
FOUND = re.compile(MARK + r"[a-z0-9]+?" + END, re.IGNORECASE)
ISSUE_FIELDS = ("title", "description")
WORKSHOP_FIELDS = ("place", "method", "notes")


@dataclass
class Planted:
    issue: Issue
    # word -> what it stands for: ("issue", "title", None, "es") or
    # ("workshop", "place", <Workshop>, "en")
    words: dict = field(default_factory=dict)

    def of(self, kind, field_name=None, *, language=None, workshop=None):
        """The planted words of one kind (and field, language, workshop)."""
        return {
            word
            for word, (what, name, owner, code) in self.words.items()
            if what == kind
            and (field_name is None or name == field_name)
            and (language is None or code == language)
            and (workshop is None or owner == workshop)
        }


def plant(issue_slug="lazaro-cardenas"):
    """Plant the words in the demo (inside the test's transaction)."""
    issue = Issue.objects.get(visibility="restricted", agenda__slug=issue_slug)
    planted = Planted(issue)
    values = {}
    for name in ISSUE_FIELDS:
        for code in LANGUAGES:
            word = f"{MARK}issue{name}{code}{END}"
            values[f"{name}_{code}"] = word
            planted.words[word] = ("issue", name, None, code)
    Issue.objects.filter(pk=issue.pk).update(**values)
    issue.refresh_from_db()
    for workshop in Workshop.objects.all():
        values = {}
        for name in WORKSHOP_FIELDS:
            for code in LANGUAGES:
                word = f"{MARK}{name}{code}w{workshop.pk}{END}"
                values[f"{name}_{code}"] = word
                planted.words[word] = ("workshop", name, workshop, code)
        Workshop.objects.filter(pk=workshop.pk).update(**values)
    new_generation()  # pages cached before the words were planted are retired
    return planted


def found_in(text):
    """The planted words in `text` (lowercase)."""
    return {word.lower() for word in FOUND.findall(text)}
