"""No lost edits: a text is saved only if nobody saved it since the editor
opened it.

Each editable text carries a revision number. The form sends back the
revision it was opened at; the save locks the row, compares, and writes
the next revision in the same transaction. Two people saving at once: the
second waits for the first, finds the revision moved on, and is shown
both texts instead of overwriting.
"""

from dataclasses import dataclass

from django import forms
from django.db import transaction

from .diff import word_diff


class EditConflict(Exception):
    def __init__(self, current):
        super().__init__("The text was saved by someone else meanwhile.")
        self.current = current


class RevisionMixin:
    """For model forms of texts with a `revision`: a hidden field carries
    the revision the form was opened at."""

    def add_revision_field(self):
        self.fields["revision"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0
        )
        self.fields["revision"].initial = self.instance.revision if self.instance.pk else 0

    def opened_at(self):
        return self.cleaned_data.get("revision")


def save_if_current(form):
    """Save a valid form whose instance exists, or raise EditConflict with
    the row as saved meanwhile. A form that does not say which revision it
    was opened at is treated as out of date: nothing is overwritten blindly."""
    model = type(form.instance)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=form.instance.pk)
        if form.opened_at() != current.revision:
            raise EditConflict(current)
        form.instance.revision = current.revision + 1
        return form.save()


@dataclass
class FieldConflict:
    label: str
    saved: str
    yours: str
    diff: list


def conflicts(form, current):
    """The text fields where what was saved meanwhile differs from what this
    person submitted."""
    result = []
    for name, field in form.fields.items():
        if name == "revision" or not isinstance(field, forms.CharField):
            continue
        saved = getattr(current, name, "") or ""
        yours = form.cleaned_data.get(name) or ""
        if saved != yours:
            result.append(FieldConflict(field.label, saved, yours, word_diff(saved, yours)))
    return result
