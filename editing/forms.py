from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import in_language

from .suggestions import fields_of


class SuggestionForm(forms.Form):
    field = forms.ChoiceField(
        label=_("Which text"),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the texts offered.")},
    )
    wording = forms.CharField(
        label=_("Your wording"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Write the wording you suggest.")},
    )
    reason = forms.CharField(
        label=_("Why (in a few words)"),
        max_length=500,
        error_messages={"required": _("Say in a few words why.")},
    )

    def __init__(self, *args, kind, target, **kwargs):
        super().__init__(*args, **kwargs)
        model = type(target)
        choices = []
        for name in fields_of(kind):
            base, _sep, code = name.rpartition("_")
            label = in_language(model._meta.get_field(base).verbose_name, code)
            choices.append((name, label))
        self.fields["field"].choices = choices


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is declined"),
        max_length=500,
        error_messages={"required": _("Say why it is declined: the resident will read it.")},
    )
