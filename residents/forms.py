"""Forms of the residents' pages: joining, saying which groups one belongs
to, consenting to the sensitive question, and printing codes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from booklets.models import Paper
from communities.models import ParticipantGroup
from core.text import localized
from residents import consent
from residents.services import MAX_BATCH


class RedeemForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=40,
        help_text=_("As printed on your slip, for example KX7P-4MRT-9QWD."),
        error_messages={"required": _("Type the code printed on your slip.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class GroupsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return localized(obj, "name").text


class AboutYouForm(forms.Form):
    """The groups a resident belongs to. The question on ethnic origin is
    part of the form only once the resident has consented to it: before,
    a sensitive group is not a valid choice at all."""

    groups = GroupsField(
        label=_("Groups you belong to (optional)"),
        queryset=ParticipantGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only used to show how groups voted, and only for groups of five voters or more."
        ),
        error_messages={"invalid_choice": _("Choose among the listed groups.")},
    )

    def __init__(self, *args, consented=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = consent.ordinary_groups()
        self.consented = consented
        if consented:
            self.fields["origin"] = GroupsField(
                label=_("Do you consider yourself… (optional)"),
                queryset=consent.sensitive_groups(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": _("Choose among the listed groups.")},
            )
            self.fields["prefer_not_to_say"] = forms.BooleanField(
                label=_("I prefer not to say"), required=False
            )

    def clean(self):
        data = super().clean()
        if data.get("origin") and data.get("prefer_not_to_say"):
            raise forms.ValidationError(
                _("Choose the groups you belong to, or “I prefer not to say”, not both.")
            )
        return data

    def chosen_groups(self):
        chosen = list(self.cleaned_data["groups"])
        if self.consented and not self.cleaned_data.get("prefer_not_to_say"):
            chosen += list(self.cleaned_data.get("origin") or [])
        return chosen


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_(
            "I agree that my answer to the question on ethnic origin is kept, as the "
            "privacy notice says, until I withdraw this consent or delete my data."
        ),
        error_messages={"required": _("Tick the box to give your consent, or skip the question.")},
    )


class CodeBatchForm(forms.Form):
    count = forms.IntegerField(
        label=_("How many codes"),
        min_value=1,
        max_value=MAX_BATCH,
        initial=30,
        error_messages={
            "min_value": _("At least one code."),
            "max_value": _("At most %(limit_value)s codes in one batch."),
            "invalid": _("Enter a whole number."),
            "required": _("Say how many codes to print."),
        },
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=365,
        required=False,
        # Empty, as `issue_codes` does: an expired code no longer brings a
        # resident back to their votes.
        help_text=_(
            "Leave empty for codes that do not expire. Once they expire, they no longer "
            "let anyone join or come back."
        ),
        error_messages={
            "min_value": _("At least one day."),
            "max_value": _("At most a year."),
            "invalid": _("Enter a whole number."),
        },
    )
    label = forms.CharField(
        label=_("Label"),
        max_length=120,
        required=False,
        help_text=_("For you: for instance the workshop where you hand them out."),
    )
    paper = forms.ChoiceField(
        label=_("Paper size"),
        choices=Paper.choices,
        widget=forms.RadioSelect,
        help_text=_("Letter is the usual size in Mexico; A4 elsewhere."),
        error_messages={
            "required": _("Choose one of the options."),
            "invalid_choice": _("Choose one of the options."),
        },
    )
