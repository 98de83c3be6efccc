"""An agenda's next cycle: the work of a neighbourhood goes on in a new
draft while the published text stands, unchanged, at its addresses.

The new agenda copies the texts of the published one, its credits (but the
years of its cycle) and, when asked, its
issues and proposals, each with a history of its own that starts at the
copy (revision 1, one record saying what it was copied from). A restricted
issue stays restricted; proposals keep their links, to the copied issues.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from agendas.models import Agenda, Colophon, Issue, Section
from communities.models import User
from core.text import LANGUAGE_CODES
from history import reasons
from history.tracked import record_made
from proposals import services as proposal_services
from proposals.models import Proposal
from synthesis.models import NationalPoint

SLUG_LENGTH = Agenda._meta.get_field("slug").max_length or 50


def _texts(obj: Model) -> dict[str, Any]:
    """Every translated text of `obj`, in every language: {"title_es": …}."""
    bases = translator.get_options_for_model(type(obj)).fields  # type: ignore[attr-defined]
    return {
        f"{base}_{code}": getattr(obj, f"{base}_{code}")
        for base in bases
        for code in LANGUAGE_CODES
    }


def next_slug(agenda: Agenda) -> str:
    """The address of the cycle after `agenda`: its slug numbered, "-2",
    "-3"… (a cycle's own number replaced), the first one free."""
    root = agenda.slug
    if agenda.previous_id is not None:
        root = re.sub(r"-\d+$", "", root)
    taken = set(
        Agenda.objects.filter(slug__startswith=root[: SLUG_LENGTH - 4]).values_list(
            "slug", flat=True
        )
    )
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = root[: SLUG_LENGTH - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1


Links = list[tuple[Callable[[Any, Any], None], list[Any]]]


def _made(obj: Model, reason: str, by: User | None, links: Links | None = None) -> Any:
    """Save a copy with its links, leaving the one history record of a copy."""
    obj.save_without_historical_record()  # type: ignore[attr-defined]
    if links:
        obj.skip_history_when_saving = True  # type: ignore[attr-defined]
        try:
            for write, linked in links:
                write(obj, linked)
        finally:
            del obj.skip_history_when_saving  # type: ignore[attr-defined]
    record_made(obj, reason=reason, user=by)
    return obj


def _set(name: str) -> Callable[[Any, Any], None]:
    return lambda obj, linked: getattr(obj, name).set(linked)


def start_next_cycle(
    agenda: Agenda,
    *,
    by: User | None,
    copy_items: bool,
    title_es: str = "",
    title_en: str = "",
) -> Agenda:
    """Start the cycle after the published `agenda`: a new draft agenda of
    the same neighbourhood, with its texts and, if `copy_items`, its issues
    and proposals. The published agenda is not touched. Refused
    (ValidationError) unless it is published and has no next cycle yet."""
    with transaction.atomic():
        # One next cycle per agenda: two editors pressing at once start one.
        current = Agenda.objects.select_for_update().get(pk=agenda.pk)
        if current.status != Agenda.Status.PUBLISHED:
            raise ValidationError(_("Only a published agenda starts a new cycle."))
        if Agenda.objects.filter(previous=current).exists():
            raise ValidationError(_("The next cycle of this agenda has already been started."))
        version = current.versions.order_by("-number").first()
        if version is None:  # published by hand, outside its steps
            raise ValidationError(_("Only a published agenda starts a new cycle."))
        reason = reasons.copied_from(current.slug, version.number)
        titles = {"title_es": title_es.strip(), "title_en": title_en.strip()}
        if not any(titles.values()):
            titles = {key: _texts(current)[key] or "" for key in titles}
        new = _made(
            Agenda(
                slug=next_slug(current),
                scope=current.scope,
                neighbourhood_id=current.neighbourhood_id,
                status=Agenda.Status.DRAFT,
                previous=current,
                **titles,
                **{key: value for key, value in _texts(current).items() if key not in titles},
            ),
            reason,
            by,
        )
        sections = Section.objects.filter(agenda=current)
        for section in sections.order_by("order", "pk"):
            copy = _made(
                Section(agenda=new, kind=section.kind, order=section.order, **_texts(section)),
                reason,
                by,
            )
            points = NationalPoint.objects.filter(section=section).prefetch_related(
                "issues", "proposals"
            )
            for point in points.order_by("order", "pk"):
                _made(
                    NationalPoint(section=copy, order=point.order, **_texts(point)),
                    reason,
                    by,
                    [
                        (_set("issues"), list(point.issues.all())),
                        (_set("proposals"), list(point.proposals.all())),
                    ],
                )
        credits = Colophon.objects.filter(agenda=current).first()
        if credits is not None:
            # The same team and licence, most likely; the years are the new cycle's own.
            _made(Colophon(agenda=new, licence=credits.licence, **_texts(credits)), reason, by)
        if copy_items:
            _copy_items(current, new, reason, by)
    return new


def _copy_items(old: Agenda, new: Agenda, reason: str, by: User | None) -> None:
    copies: dict[int, Issue] = {}
    issues = Issue.objects.filter(agenda=old).prefetch_related("related_dimensions")
    for issue in issues.order_by("order", "pk"):
        copies[issue.pk] = _made(
            Issue(
                agenda=new,
                dimension_id=issue.dimension_id,
                kind=issue.kind,
                visibility=issue.visibility,
                order=issue.order,
                **_texts(issue),
            ),
            reason,
            by,
            [(_set("related_dimensions"), list(issue.related_dimensions.all()))],
        )
    proposals = Proposal.objects.filter(agenda=old).prefetch_related("issues")
    for proposal in proposals.order_by("order", "pk"):
        _made(
            Proposal(agenda=new, actor=proposal.actor, order=proposal.order, **_texts(proposal)),
            reason,
            by,
            [
                (
                    proposal_services.set_issues,
                    [copies[issue.pk] for issue in proposal.issues.all()],
                )
            ],
        )
