"""Who changed what and when, read from django-simple-history's records and
turned into lines a person can read: "Maria · Issue changed", then
Visibility: Public → Restricted. A fixed number of queries whatever the length of the history."""

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import formats
from django.utils.functional import Promise

from core import pseudonyms
from core.text import LANGUAGE_CODES, in_language, localized

from . import reasons

# Bookkeeping columns of the history, and the untranslated column that
# django-modeltranslation keeps beside each per-language one.
BOOKKEEPING = {
    "id", "history_id", "history_date", "history_change_reason", "history_type", "history_user",
    "revision",
}  # fmt: skip
EMPTY = "—"


@dataclass(frozen=True)
class Lines:
    """What a history line says each action did to one kind of record, as
    whole sentences: languages do not all put "created" after the thing's
    name (Spanish says "Se creó el taller"). A sentence may name the record
    with placeholders that `Tracked.names` fills."""

    created: str | Promise
    changed: str | Promise
    deleted: str | Promise

    def say(self, action: str, names: dict[str, str]) -> str:
        sentence = str({"+": self.created, "~": self.changed, "-": self.deleted}[action])
        return sentence % names if names else sentence


def _no_names(record: Any, names: "_Names") -> dict[str, str]:
    return {}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    when: datetime
    who: object  # the user, or None when done from the command line
    action: str  # "+" created, "~" changed, "-" deleted
    line: str  # what was done to what: "Issue changed", "Attendance: Women created"…
    fields: list = field(default_factory=list)
    reason: str | Promise = ""  # for instance "Suggested by resident-…"


@dataclass
class Tracked:
    """One kind of record to read: a historical queryset, the sentences
    that say what was done to one of its records, and the names those
    sentences take (a function of the historical record)."""

    records: models.QuerySet
    lines: Lines
    names: Callable[[Any, "_Names"], dict[str, str]] = _no_names  # (record, names) -> placeholders


def history_of(*tracked: Tracked) -> list[Change]:
    """The changes in all `tracked` querysets, newest first."""
    changes = []
    for item in tracked:
        changes.extend(_changes(item))
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes


def _compared_fields(model: type[models.Model]) -> list[models.Field]:
    names = {f.name for f in model._meta.fields}
    translated = {n.rsplit("_", 1)[0] for n in names if n.rsplit("_", 1)[-1] in LANGUAGE_CODES}
    return [f for f in model._meta.fields if f.name not in BOOKKEEPING and f.name not in translated]


def _m2m_relations(historical: Any) -> list[tuple[Any, str, str, type[models.Model]]]:
    """(label, accessor, target id attribute, target model) of each recorded
    many-to-many field."""
    through = {r.related_model.__name__: r for r in historical._meta.related_objects}
    result = []
    for m2m in sorted(historical._history_m2m_fields, key=lambda f: f.name):
        relation = through[f"{historical.__name__}_{m2m.name}"]
        target = next(
            f.name
            for f in relation.related_model._meta.fields
            if f.is_relation and f.related_model is m2m.related_model and f.name != "history"
        )
        result.append(
            (m2m.verbose_name, relation.get_accessor_name(), f"{target}_id", m2m.related_model)
        )
    return result


def _changes(item: Tracked) -> list[Change]:
    historical = item.records.model
    fields = _compared_fields(historical)
    m2m = _m2m_relations(historical)
    records = list(
        item.records.select_related("history_user")
        .prefetch_related(*[accessor for _l, accessor, _t, _m in m2m])
        .order_by("id", "history_date", "history_id")
    )
    names = _Names()
    for record in records:
        for f in fields:
            if f.is_relation:
                names.want(f.related_model, getattr(record, f.attname))
        for _m2m_label, accessor, target, related in m2m:
            for row in getattr(record, accessor).all():
                names.want(related, getattr(row, target))
    names.fetch()

    changes: list[Change] = []
    previous: dict[int, Any] = {}
    for group in _one_edit_each(records):
        record = group[-1]
        before = previous.get(record.id)
        previous[record.id] = record
        action = "+" if group[0].history_type == "+" else record.history_type
        change = Change(
            when=record.history_date,
            who=record.history_user,
            action=action,
            line=item.lines.say(action, item.names(record, names)),
            reason=_reason(group),
        )
        if action != "-":
            for f in fields:
                new = _shown(f, getattr(record, f.attname), names)
                old = _shown(f, getattr(before, f.attname), names) if before else EMPTY
                if new != old:
                    change.fields.append(FieldChange(_label(f), old, new))
            for label, accessor, target, related in m2m:
                new = _shown_set(record, accessor, target, related, names)
                old = _shown_set(before, accessor, target, related, names) if before else EMPTY
                if new != old:
                    change.fields.append(FieldChange(str(label).capitalize(), old, new))
        if change.fields or action != "~":
            changes.append(change)
    return changes


def _one_edit_each(records: list[Any]) -> Iterator[list[Any]]:
    """Group the records one edit wrote: a form's save writes the row, then
    each many-to-many field's removals and additions, all stamped with the
    time of the request (see history.signals)."""
    group: list[Any] = []
    for record in records:
        if group and (
            record.id != group[-1].id
            or record.history_date != group[-1].history_date
            or record.history_user_id != group[-1].history_user_id
            or "-" in (record.history_type, group[-1].history_type)
        ):
            yield group
            group = []
        group.append(record)
    if group:
        yield group


def _reason(records: list[Any]) -> str | Promise:
    return reasons.shown(
        next((r.history_change_reason for r in records if r.history_change_reason), "")
    )


def _label(f: Any) -> str:
    base, _sep, code = f.name.rpartition("_")
    if code in LANGUAGE_CODES and base:
        return in_language(f.model._meta.get_field(base).verbose_name, code)
    return str(f.verbose_name).capitalize()


def _shown(f: Any, value: Any, names: "_Names") -> str:
    if value is None or value == "":
        return EMPTY
    if f.is_relation:
        return names.get(f.related_model, value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, date | datetime):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def _shown_set(record: Any, accessor: str, target: str, related: Any, names: "_Names") -> str:
    shown = sorted(
        names.get(related, getattr(row, target)) for row in getattr(record, accessor).all()
    )
    return ", ".join(shown) or EMPTY


class _Names:
    """Names of the objects a history mentions, fetched in one query per model."""

    LABEL_FIELDS = ("name", "title")

    def __init__(self) -> None:
        self.wanted: defaultdict[Any, set[Any]] = defaultdict(set)
        self.found: dict[tuple[Any, Any], str] = {}

    def want(self, model: Any, pk: Any) -> None:
        if pk is not None:
            self.wanted[model].add(pk)

    def fetch(self) -> None:
        for model, pks in self.wanted.items():
            for obj in model._base_manager.filter(pk__in=pks):
                self.found[(model, obj.pk)] = self._name(obj)

    def _name(self, obj: Any) -> str:
        for label_field in self.LABEL_FIELDS:
            if hasattr(obj, f"{label_field}_{LANGUAGE_CODES[0]}"):
                return localized(obj, label_field).text or str(obj.pk)
        if hasattr(obj, "get_username"):
            return obj.get_full_name() or pseudonyms.shown(obj.get_username())
        return str(obj)

    def get(self, model: Any, pk: Any) -> str:
        # An object deleted since is still named by its number.
        return self.found.get((model, pk), f"#{pk}")
