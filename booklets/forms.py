from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Edition, Format, Paper


class FormatField(forms.ChoiceField):
    """Required as the other choices are; a request that leaves it out (a
    page from before the Word document, a script) asks for the PDF."""

    def clean(self, value):
        return super().clean(value or Format.PDF)


class BookletForm(forms.Form):
    format = FormatField(
        label=_("Format"),
        choices=Format.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "The PDF is ready to print. The Word document holds the same text, with the "
            "same rules, for a team that finishes the publication by hand."
        ),
    )
    edition = forms.ChoiceField(
        label=_("Edition"), choices=Edition.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(
        label=_("Language of the booklet"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )
    paper = forms.ChoiceField(
        label=_("Paper size"),
        choices=Paper.choices,
        widget=forms.RadioSelect,
        help_text=_("Letter is the usual size in Mexico; A4 elsewhere."),
    )

    def __init__(self, *args, editions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].choices = [c for c in Edition.choices if c[0] in editions]
        self.fields["edition"].error_messages["invalid_choice"] = _(
            "Choose one of the editions offered to you."
        )
        for name in ("format", "language", "paper"):
            self.fields[name].error_messages["invalid_choice"] = _("Choose one of the options.")
