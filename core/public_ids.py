"""Public ids: how a published row is named outside the team's workspace.

Database ids count up: a visitor who reads issues 14 and 16 knows there is
an issue 15 they may not see. Every row that can be hidden from someone
(issues, proposals, workshops, national points, voting rounds, and the
sections that anchors point to) carries a random public id instead, used by
the agenda pages, published versions, booklets, resident forms, open data
and the API: it says nothing about when the row was made or what lies
between two rows. The database ids stay for the signed-in team's pages.

A public id is 12 characters: a letter, then letters and digits (Crockford's
base 32 in lower case, without i, l, o, u). That is about 60 bits: unguessable
and, with a unique index as the truth, in practice never drawn twice. It starts
with a letter so that no spreadsheet reads it as a number or a formula, and
it is a valid slug, HTML id fragment and URL part.
"""

import re
import secrets
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
LETTERS = ALPHABET[10:]
LENGTH = 12
PATTERN = rf"^[{LETTERS}][{ALPHABET}]{{{LENGTH - 1}}}$"
_MATCH = re.compile(PATTERN)


def new_public_id() -> str:
    return secrets.choice(LETTERS) + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH - 1))


def is_public_id(value: object) -> bool:
    return isinstance(value, str) and _MATCH.fullmatch(value) is not None


def public_id_field() -> models.CharField:
    """The model field: set once when the row is made, never changed."""
    return models.CharField(
        _("public id"),
        max_length=LENGTH,
        unique=True,
        default=new_public_id,
        editable=False,
        help_text=_("Random: names the row in published pages and data, telling nothing else."),
    )


def fill_public_ids(model: Any) -> None:
    """For data migrations: give each existing row its own public id."""
    for pk in model.objects.filter(public_id__isnull=True).values_list("pk", flat=True):
        model.objects.filter(pk=pk).update(public_id=new_public_id())
