"""What administrators set up before the first workshop: cities,
neighbourhoods, agendas, security dimensions and participant groups. One
function per action, each in its own transaction, shared by the pages,
commands and tests.

A slug is never asked for: it comes from the name (Spanish, else English),
is set once and kept, because addresses and printed booklets cite it. A name
whose slug another row already holds is refused, and nothing is saved.
Every write names who made it, so that the history says so even when it is
not made from a page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agendas.models import Agenda
from communities.models import City, Neighbourhood, ParticipantGroup, SecurityDimension, User
from core.colours import AA_NORMAL_TEXT, HEX_COLOUR, contrast_with_white
from core.text import LANGUAGE_CODES
from residents.models import SensitiveGroup

Row = TypeVar("Row", bound=models.Model)
SLUG_LENGTH = 50


def slug_for(*names: str) -> str:
    """The slug of the first name given (Spanish before English), cut to fit
    the column without a trailing hyphen."""
    name = next((n for n in names if n and n.strip()), "")
    return slugify(name)[:SLUG_LENGTH].strip("-")


def _names(obj: models.Model, field: str) -> list[str]:
    return [getattr(obj, f"{field}_{code}", "") or "" for code in LANGUAGE_CODES]


def _duplicate_message(obj: models.Model, name: str) -> str:
    if isinstance(obj, City):
        return _("A city named “%(name)s” already exists.") % {"name": name}
    if isinstance(obj, Neighbourhood):
        return _("A neighbourhood named “%(name)s” already exists.") % {"name": name}
    if isinstance(obj, Agenda):
        return _("An agenda titled “%(name)s” already exists.") % {"name": name}
    if isinstance(obj, SecurityDimension):
        return _("A security dimension named “%(name)s” already exists.") % {"name": name}
    return _("A participant group named “%(name)s” already exists.") % {"name": name}


def _taken_by(obj: models.Model, name_field: str, names: list[str]) -> models.Model | None:
    """Another row whose slug one of `names` would take, or that already
    bears one of them in either language ("Mujeres" is the group "women")."""
    typed = [name.strip() for name in names if name and name.strip()]
    taken = Q(slug__in=[slug_for(name) for name in typed])
    for name in typed:
        for code in LANGUAGE_CODES:
            taken |= Q(**{f"{name_field}_{code}__iexact": name})
    return type(obj)._default_manager.filter(taken).exclude(pk=obj.pk).first()


def _save(obj: Row, *, name_field: str, by: User | None) -> Row:
    """Check the name is free, validate, and save, recording `by`. The caller
    holds the transaction."""
    names = _names(obj, name_field)
    slug = slug_for(*names)
    if not slug:
        raise ValidationError(
            {
                f"{name_field}_{LANGUAGE_CODES[0]}": _(
                    "Write a name with at least one letter or digit."
                )
            },
            code="no_slug",
        )

    def duplicate(name: str, code: str) -> ValidationError:
        return ValidationError(
            {f"{name_field}_{code}": _duplicate_message(obj, name)}, code="duplicate"
        )

    other = _taken_by(obj, name_field, names)
    if other is not None:
        theirs = {slug_for(n) for n in _names(other, name_field)} | {other.slug}  # type: ignore[attr-defined]
        theirs |= {n.strip().casefold() for n in _names(other, name_field)}
        for code, name in zip(LANGUAGE_CODES, names, strict=True):
            if name.strip() and (slug_for(name) in theirs or name.strip().casefold() in theirs):
                raise duplicate(name.strip(), code)
    first = next(code for code, name in zip(LANGUAGE_CODES, names, strict=True) if name.strip())
    if obj.pk is None:
        obj.slug = slug  # type: ignore[attr-defined]
    # The untranslated column behind name_es/name_en is modeltranslation's;
    # the text is checked in each language, where a form asks for it.
    translated = [f.name for f in obj._meta.fields if hasattr(obj, f"{f.name}_{LANGUAGE_CODES[0]}")]
    # The slug's uniqueness was asked above, in words a person understands.
    obj.full_clean(exclude=translated, validate_unique=False)
    obj._history_user = by  # type: ignore[attr-defined]
    try:
        # The check above is for the message; the unique column for the truth
        # when two administrators add the same name at once.
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise duplicate(getattr(obj, f"{name_field}_{first}").strip(), first) from None
    return obj


# --- places ---------------------------------------------------------------------------


def add_city(city: City, *, by: User | None) -> City:
    with transaction.atomic():
        return _save(city, name_field="name", by=by)


def change_city(city: City, *, by: User | None) -> City:
    with transaction.atomic():
        return _save(city, name_field="name", by=by)


def _save_place(
    place: Neighbourhood, groups: Iterable[ParticipantGroup], by: User | None
) -> Neighbourhood:
    with transaction.atomic():
        if not place.is_stopped:
            # Work that goes on has no reason for stopping.
            for code in LANGUAGE_CODES:
                setattr(place, f"stopped_reason_{code}", "")
        _save(place, name_field="name", by=by)
        chosen = {group.pk for group in groups}
        if {group.pk for group in place.groups_engaged.all()} != chosen:
            place.groups_engaged.set(sorted(chosen))
    return place


def add_neighbourhood(
    place: Neighbourhood, *, groups: Iterable[ParticipantGroup] = (), by: User | None
) -> Neighbourhood:
    return _save_place(place, groups, by)


def change_neighbourhood(
    place: Neighbourhood, *, groups: Iterable[ParticipantGroup] = (), by: User | None
) -> Neighbourhood:
    return _save_place(place, groups, by)


# --- agendas --------------------------------------------------------------------------


def add_agenda(agenda: Agenda, *, by: User | None) -> Agenda:
    """A new agenda is a draft; it moves on only through its lifecycle
    (publication.lifecycle). With a neighbourhood it is local, without one
    national."""
    agenda.status = Agenda.Status.DRAFT
    agenda.scope = Agenda.Scope.LOCAL if agenda.neighbourhood_id else Agenda.Scope.NATIONAL
    with transaction.atomic():
        return _save(agenda, name_field="title", by=by)


def change_agenda(agenda: Agenda, *, by: User | None) -> Agenda:
    """Change the agenda's title and heading for silenced issues; where it
    stands in its lifecycle, and where it belongs, stay as stored."""
    with transaction.atomic():
        stored = Agenda.objects.select_for_update().get(pk=agenda.pk)
        agenda.status, agenda.scope = stored.status, stored.scope
        agenda.neighbourhood_id = stored.neighbourhood_id
        return _save(agenda, name_field="title", by=by)


# --- security dimensions --------------------------------------------------------------


def check_colour(colour: str) -> str:
    """The colour as stored (#rrggbb, lower case) if white text is readable
    on it (WCAG AA, 4.5:1); else a message that names its contrast."""
    colour = (colour or "").strip().lower()
    if not HEX_COLOUR.match(colour):
        raise ValidationError(
            {"colour": _("Write the colour as # and six hex digits (0-9, a-f), such as #1f5f8b.")},
            code="not_a_colour",
        )
    ratio = contrast_with_white(colour)
    if ratio < AA_NORMAL_TEXT:
        raise ValidationError(
            {
                "colour": _(
                    "White text on %(colour)s has a contrast of only %(ratio)s:1; it needs "
                    "at least %(needed)s:1 to be readable. Choose a darker colour."
                )
                % {"colour": colour, "ratio": f"{ratio:.2f}", "needed": AA_NORMAL_TEXT}
            },
            code="low_contrast",
        )
    return colour


def add_dimension(dimension: SecurityDimension, *, by: User | None) -> SecurityDimension:
    dimension.colour = check_colour(dimension.colour)
    with transaction.atomic():
        return _save(dimension, name_field="name", by=by)


def change_dimension(dimension: SecurityDimension, *, by: User | None) -> SecurityDimension:
    dimension.colour = check_colour(dimension.colour)
    with transaction.atomic():
        return _save(dimension, name_field="name", by=by)


def _move(model: type[Row], row: Row, step: int, by: User | None) -> bool:
    """Move `row` `step` places (-1 up, +1 down) and number the list 1, 2, 3…
    Returns False when it is already at that end."""
    with transaction.atomic():
        # Locked whole, so that two people moving rows at once cannot leave
        # two of them in one place.
        ordered = list(model._default_manager.select_for_update().order_by("order", "slug"))
        index = next(i for i, other in enumerate(ordered) if other.pk == row.pk)
        target = index + step
        if not 0 <= target < len(ordered):
            return False
        ordered.insert(target, ordered.pop(index))
        for position, other in enumerate(ordered, start=1):
            if other.order != position:  # type: ignore[attr-defined]
                other.order = position  # type: ignore[attr-defined]
                other._history_user = by  # type: ignore[attr-defined]
                other.save(update_fields=["order"])
    return True


def move_dimension(dimension: SecurityDimension, step: int, *, by: User | None) -> bool:
    return _move(SecurityDimension, dimension, step, by)


# --- participant groups ---------------------------------------------------------------


def _save_group(group: ParticipantGroup, sensitive: bool, by: User | None) -> ParticipantGroup:
    with transaction.atomic():
        _save(group, name_field="name", by=by)
        if sensitive:
            SensitiveGroup.objects.get_or_create(group=group)
        else:
            SensitiveGroup.objects.filter(group=group).delete()
    return group


def add_group(group: ParticipantGroup, *, sensitive: bool, by: User | None) -> ParticipantGroup:
    """A group whose membership is sensitive personal data (ethnic origin…)
    is asked about only after a resident's express consent (residents.consent)."""
    return _save_group(group, sensitive, by)


def change_group(group: ParticipantGroup, *, sensitive: bool, by: User | None) -> ParticipantGroup:
    return _save_group(group, sensitive, by)


def move_group(group: ParticipantGroup, step: int, *, by: User | None) -> bool:
    return _move(ParticipantGroup, group, step, by)
