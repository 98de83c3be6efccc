"""Forms of the people pages: inviting, typing an invitation's code,
choosing one's username and password, and giving a role."""

from django import forms
from django.contrib.auth.forms import UserCreationForm, UsernameField
from django.utils.translation import gettext_lazy as _

from communities.models import Neighbourhood, User

from .models import Invitation


def _neighbourhoods_for(user, perm, exclude=()):
    """The neighbourhoods `user` has `perm` on: the form offers what the
    rule allows, and nothing else can be chosen."""
    allowed = [
        place.pk
        for place in Neighbourhood.objects.select_related("city")
        if place.pk not in exclude and user.has_perm(perm, place)
    ]
    return Neighbourhood.objects.filter(pk__in=allowed).select_related("city")


class NeighbourhoodChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj} ({obj.city})"


class InviteForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Invite as"), choices=Invitation.Role.choices, widget=forms.RadioSelect
    )
    neighbourhoods = NeighbourhoodChoices(
        label=_("Neighbourhoods they will facilitate"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        help_text=_("A facilitator sees and changes all the work of these neighbourhoods."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=80,
        required=False,
        help_text=_(
            "So that you recognise the invitation, for instance a first name. "
            "Do not write anything that would endanger the person."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhoods"].queryset = _neighbourhoods_for(
            user, "people.invite_facilitator"
        )
        if not user.has_perm("people.invite_researcher"):
            self.fields["role"].choices = [
                (Invitation.Role.FACILITATOR, _("Co-facilitator (the same role as yours)"))
            ]
        self.fields["role"].initial = Invitation.Role.FACILITATOR

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Invitation.Role.FACILITATOR and not cleaned.get("neighbourhoods"):
            self.add_error("neighbourhoods", _("Choose at least one neighbourhood."))
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Invitation code"),
        max_length=40,
        help_text=_("The code you were given, for instance ABCD-EFGH-JKMN."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class AccountForm(UserCreationForm):
    """The invited person's username and password (Django's password rules)."""

    class Meta:
        model = User
        fields = ("username",)
        field_classes = {"username": UsernameField}


class GiveRoleForm(forms.Form):
    neighbourhoods = NeighbourhoodChoices(
        label=_("Also facilitates"), queryset=Neighbourhood.objects.none()
    )

    def __init__(self, *args, user, person, facilitated, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhoods"].queryset = _neighbourhoods_for(
            user, "people.give_facilitator_role", exclude=facilitated
        )
