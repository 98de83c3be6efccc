from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import ParticipantGroup
from pages.text import localized
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
    groups = GroupsField(
        label=_("Groups you belong to (optional)"),
        queryset=ParticipantGroup.objects.exclude(slug="unrecorded").order_by("order"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only used to show how groups voted, and only for groups of five voters or more."
        ),
        error_messages={"invalid_choice": _("Choose among the listed groups.")},
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
        initial=30,
        help_text=_("Leave empty for codes that do not expire."),
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
