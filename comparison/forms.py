"""The filters of the comparison page: a GET form, so a comparison has an
address that can be shared, bookmarked and printed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import localized

BOTH = "both"
DATE_FORMAT = "%Y-%m-%d"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format=DATE_FORMAT)


class CompareForm(forms.Form):
    city = forms.MultipleChoiceField(
        label=_("Cities"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to compare every city."),
        error_messages={"invalid_choice": _("Unknown city. Choose cities from the list.")},
    )
    dimension = forms.ChoiceField(
        label=_("Security dimension"),
        required=False,
        error_messages={"invalid_choice": _("Unknown dimension. Choose one from the list.")},
    )
    kind = forms.ChoiceField(
        label=_("Issues"),
        required=False,
        initial=BOTH,
        widget=forms.RadioSelect,
        choices=[
            (BOTH, _("Prioritised and silenced")),
            ("prioritised", _("Prioritised only")),
            ("silenced", _("Silenced only")),
        ],
        error_messages={"invalid_choice": _("Choose prioritised, silenced or both.")},
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=[DATE_FORMAT],
        widget=DateInput(),
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD.")},
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=[DATE_FORMAT],
        widget=DateInput(),
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD.")},
    )

    def __init__(self, data=None, *, cities, dimensions):
        if data is not None:
            data = data.copy()
            # An empty value (“?city=”) asks for nothing, like no value at all.
            data.setlist("city", [slug for slug in data.getlist("city") if slug])
            if not data.get("kind"):
                data["kind"] = BOTH  # shown ticked, not only assumed
        super().__init__(data)
        for name in ("city", "kind"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        self.fields["dimension"].widget.attrs["class"] = "form-select"
        for name in ("date_from", "date_to"):
            self.fields[name].widget.attrs["class"] = "form-control"
        self.fields["city"].choices = [(c.slug, localized(c, "name").text) for c in cities]
        self.fields["dimension"].choices = [("", _("All dimensions"))] + [
            (d.slug, localized(d, "name").text) for d in dimensions
        ]

    def full_clean(self):
        super().full_clean()
        # A refused value is announced with the control that holds it.
        for name in self.errors:
            if name in ("dimension", "date_from", "date_to"):
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{name}-error"}
                )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period is before its start."))
        return cleaned
