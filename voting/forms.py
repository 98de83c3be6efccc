from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from core.text import localized

from . import times
from .models import VotingRound


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed on the clocks of `zone` (the round's
    neighbourhood), not on the server's nor the browser's."""

    def __init__(self, *, zone: ZoneInfo, **kwargs):
        super().__init__(**kwargs)
        self.zone = zone

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return timezone.localtime(value, self.zone).replace(tzinfo=None)
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            typed = value
        else:
            try:
                typed = parse_datetime(str(value).strip())
            except ValueError:
                typed = None
            if typed is None:  # the other formats, or the field's "invalid" message
                typed = forms.BaseTemporalField.to_python(self, value)
        if timezone.is_aware(typed):  # it names its own offset
            return typed
        return times.read_local(typed, self.zone)


class RoundForm(forms.ModelForm):
    class Meta:
        model = VotingRound
        fields = ["title", "method", "dots_per_voter", "max_dots_per_issue", "closes_at"]
        widgets = {
            "method": forms.RadioSelect,
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda
        self.fields["method"].choices = VotingRound.Method.choices
        zone = times.zone_of(agenda)
        closes = self.fields["closes_at"]
        self.fields["closes_at"] = LocalDateTimeField(
            zone=zone,
            label=closes.label,
            required=False,
            widget=closes.widget,
            input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
            help_text=_(
                "Leave empty to close it by hand. In %(zone)s time, as clocks there show it."
            )
            % {"zone": times.zone_name(zone)},
        )
        for name in ("dots_per_voter", "max_dots_per_issue"):
            field = self.fields[name]
            field.validators.append(MinValueValidator(1))
            field.widget.attrs["min"] = 1
            field.error_messages["min_value"] = _("Write 1 or more.")

    def clean_closes_at(self):
        closes_at = self.cleaned_data.get("closes_at")
        # A vote opens now: closing it before then would seal an empty round.
        if closes_at is not None and closes_at <= timezone.now():
            raise ValidationError(
                _("That time has already passed. Choose a later one, or leave it empty."),
                code="past",
            )
        return closes_at

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") == VotingRound.Method.DOTS:
            each, most = cleaned.get("dots_per_voter"), cleaned.get("max_dots_per_issue")
            if not each:
                self.add_error("dots_per_voter", _("Dot voting needs the number of dots each."))
            if not most:
                self.add_error("max_dots_per_issue", _("Dot voting needs the most on one issue."))
            if each and most and most > each:
                self.add_error(
                    "max_dots_per_issue",
                    _("No one can put more dots on one issue than they have in all."),
                )
        else:
            cleaned["dots_per_voter"] = cleaned["max_dots_per_issue"] = None
        return cleaned


class BallotForm(forms.Form):
    """One field per issue on the ballot: dots, a tick, or a rank."""

    def __init__(self, *args, round, issues, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        self.issues = list(issues)
        for issue in self.issues:
            label = localized(issue, "title").text
            name = f"issue_{issue.pk}"
            if round.method == VotingRound.Method.APPROVAL:
                self.fields[name] = forms.BooleanField(label=label, required=False)
            else:
                self.fields[name] = forms.IntegerField(
                    label=label,
                    required=False,
                    min_value=0 if round.method == VotingRound.Method.DOTS else 1,
                    max_value=(
                        round.max_dots_per_issue
                        if round.method == VotingRound.Method.DOTS
                        else len(self.issues)
                    ),
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                    error_messages={
                        "min_value": _("Too small a number."),
                        "max_value": _("At most %(limit_value)s here."),
                        "invalid": _("Enter a whole number."),
                    },
                )

    def clean(self):
        cleaned = super().clean()
        # A field for an issue that is not on the ballot (another agenda's,
        # a restricted one) means a tampered ballot: refuse it whole.
        if any(key.startswith("issue_") and key not in self.fields for key in self.data):
            raise forms.ValidationError(_("This ballot names an issue that is not on it."))
        return cleaned

    def marks(self):
        return {
            issue.pk: int(self.cleaned_data.get(f"issue_{issue.pk}") or 0) for issue in self.issues
        }


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt code"),
        max_length=40,
        error_messages={"required": _("Type the receipt code you were shown.")},
    )
