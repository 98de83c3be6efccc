"""The workshop's forms: the workshop with its people and attendance by
group, and the paper tally of its flip chart."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agendas.models import Issue
from communities.models import Membership, ParticipantGroup
from core.text import localized
from tallies.models import PaperTally
from workshops import services as workshop_services
from workshops.models import Workshop

from .forms import BilingualMixin

# More than any room holds: a typing slip, refused with a message.
MOST_PEOPLE = 100_000


class PeopleField(forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": _("Choose among this neighbourhood's facilitators."),
        "invalid_pk_value": _("Choose among this neighbourhood's facilitators."),
    }

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class WorkshopForm(BilingualMixin, forms.ModelForm):
    """A workshop and its people, each counted once. `filled_by`, on a new
    workshop, is ticked among the facilitators when they are one of them:
    most workshops are logged by someone who ran them."""

    bilingual = {"title": True, "place": False, "method": False, "notes": False}
    # Shown with the groups' counts, in the template's attendance fieldset.
    people_fields = ("people_present", "first_timers")

    class Meta:
        model = Workshop
        fields = [
            "title_es", "title_en", "date", "place_es", "place_en",
            "method_es", "method_en", "notes_es", "notes_en", "facilitators",
            "people_present", "first_timers",
        ]  # fmt: skip
        field_classes = {"facilitators": PeopleField}
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "facilitators": forms.CheckboxSelectMultiple,
            "method_es": forms.Textarea(attrs={"rows": 3}),
            "method_en": forms.Textarea(attrs={"rows": 3}),
            "notes_es": forms.Textarea(attrs={"rows": 3}),
            "notes_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, neighbourhood, filled_by=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.neighbourhood = neighbourhood
        self.label_bilingual_fields()
        self.fields["date"].required = True
        self.fields["date"].help_text = ""
        self.fields["date"].error_messages["invalid"] = _("Enter the date as YYYY-MM-DD.")
        facilitators = (
            get_user_model()
            .objects.filter(
                memberships__neighbourhood=neighbourhood,
                memberships__role=Membership.Role.FACILITATOR,
            )
            .order_by("username")
        )
        self.fields["facilitators"].queryset = facilitators
        # An unsaved workshop's facilitators read as an empty list. Someone
        # who is not among the choices (an administrator) is ticked nowhere:
        # the boxes are the neighbourhood's facilitators only.
        new = not self.instance.pk and not self.initial.get("facilitators")
        if new and filled_by is not None and filled_by.pk is not None:
            self.initial["facilitators"] = [filled_by.pk]
        for name in self.people_fields:
            model_field = Workshop._meta.get_field(name)
            self.fields[name] = count_field(
                model_field.verbose_name, maximum=MOST_PEOPLE, help_text=model_field.help_text
            )
        self.fields["people_present"].help_text = _(
            "How many people took part, each counted once. Leave it empty until they are counted."
        )
        self.fields["people_present"].error_messages.update(
            min_value=_("The number of people cannot be negative."),
            max_value=_("That is more people than a workshop can hold."),
        )
        self.fields["first_timers"].error_messages.update(
            min_value=_("The number of people cannot be negative."),
            max_value=_("That is more people than a workshop can hold."),
        )

    def visible_fields_but_people(self):
        return [field for field in self if field.name not in self.people_fields]

    def people(self):
        return [self[name] for name in self.people_fields]

    def clean(self):
        cleaned = super().clean()
        present, first = cleaned.get("people_present"), cleaned.get("first_timers")
        # The neighbourhood's participants are its workshops' first-timers:
        # a count of people present without them would drop from that total.
        if present is not None and first is None and "first_timers" not in self.errors:
            self.add_error(
                "first_timers",
                _(
                    "Say how many of them came for the first time (all of them, at a first "
                    "workshop)."
                ),
            )
        elif first is not None and present is None and "people_present" not in self.errors:
            self.add_error(
                "people_present",
                _(
                    "Say how many people were present before saying how many came for the "
                    "first time."
                ),
            )
        elif present is not None and first is not None and first > present:
            self.add_error(
                "first_timers",
                ngettext(
                    "No more than the %(count)d person present.",
                    "No more than the %(count)d people present.",
                    present,
                )
                % {"count": present},
            )
        return cleaned


def count_field(label, *, min_value=0, maximum=100_000, required=False, help_text=""):
    """A whole number typed from paper, with messages a person understands."""
    return forms.IntegerField(
        label=capfirst(label),
        required=required,
        min_value=min_value,
        max_value=maximum,
        help_text=help_text,
        error_messages={
            "required": _("This number is needed."),
            "min_value": _("The number cannot be negative."),
            "max_value": _("That number is too large for a flip chart."),
            "invalid": _("Enter a whole number."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": min_value}),
    )


class AttendanceCountForm(forms.Form):
    count = count_field("")

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["count"].label = localized(group, "name").text
        self.fields["count"].error_messages.update(
            min_value=_("The number of people cannot be negative."),
            max_value=_("That is more people than a workshop can hold."),
        )


class AttendanceFormSet(forms.BaseFormSet):
    """One count per participant group, in the groups' order. The group of
    each row comes from the server, never from the submitted data; an empty
    count means "not recorded" for that group."""

    def __init__(self, *args, groups, **kwargs):
        self.groups = list(groups)
        super().__init__(*args, **kwargs)

    def total_form_count(self):
        return len(self.groups)

    def get_form_kwargs(self, index):
        return {"group": self.groups[index]}

    def counts(self):
        """{group: count or None} once valid."""
        return {form.group: form.cleaned_data.get("count") for form in self.forms}

    def check_against(self, people_present):
        """Mark each group counted beyond the people present (or counted when
        nobody is) on its own box; True when every count fits."""
        try:
            workshop_services.check_attendance(people_present, self.counts())
        except ValidationError as error:
            by_group = error.error_dict
            for form in self.forms:
                if form.group in by_group:
                    form.add_error("count", by_group[form.group])
            return False
        return True


def attendance_formset(workshop, data=None):
    groups = ParticipantGroup.objects.order_by("order", "pk")
    formset_class = forms.formset_factory(AttendanceCountForm, formset=AttendanceFormSet, extra=0)
    initial = None
    if workshop.pk:
        counts = dict(workshop.attendance.values_list("group_id", "count"))
        initial = [{"count": counts.get(group.pk)} for group in groups]
    return formset_class(data, groups=groups, initial=initial, prefix="attendance")


class TallyForm(forms.ModelForm):
    """The flip chart of one workshop: how many voted, by what rules, and the
    dots on each issue of the agenda (empty means none)."""

    voters = count_field(
        PaperTally._meta.get_field("voters").verbose_name,
        required=True,
    )
    dots_per_voter = count_field(
        PaperTally._meta.get_field("dots_per_voter").verbose_name,
        min_value=1,
        help_text=PaperTally._meta.get_field("dots_per_voter").help_text,
    )
    max_dots_per_issue = count_field(
        PaperTally._meta.get_field("max_dots_per_issue").verbose_name,
        min_value=1,
        help_text=PaperTally._meta.get_field("max_dots_per_issue").help_text,
    )

    class Meta:
        model = PaperTally
        fields = ["voters", "dots_per_voter", "max_dots_per_issue"]

    def __init__(self, *args, workshop, agenda, issues, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.workshop = workshop
        self.instance.agenda = agenda
        self.issues = list(issues)
        self.fields["voters"].error_messages["required"] = _("Say how many people voted.")
        for name in ("dots_per_voter", "max_dots_per_issue"):
            self.fields[name].error_messages["min_value"] = _("Leave it empty or write 1 or more.")
        existing = {}
        if self.instance.pk:
            existing = dict(self.instance.counts.values_list("issue_id", "dots"))
        for issue in self.issues:
            self.fields[self.issue_field(issue)] = count_field(
                localized(issue, "title").text,
                maximum=1_000_000,
            )
            self.fields[self.issue_field(issue)].initial = existing.get(issue.pk)
            self.fields[self.issue_field(issue)].help_text = self.issue_marks(issue)
            self.fields[self.issue_field(issue)].error_messages["min_value"] = _(
                "The number of dots cannot be negative."
            )

    @staticmethod
    def issue_field(issue):
        return f"issue_{issue.pk}"

    @staticmethod
    def issue_marks(issue):
        """Whether an issue is silenced or restricted, in words beside its box
        (not by colour alone): whoever types the chart in knows which issues
        are kept from the public."""
        marks = []
        if issue.kind == Issue.Kind.SILENCED:
            marks.append(capfirst(_("silenced issue")))
        if issue.visibility == Issue.Visibility.RESTRICTED:
            marks.append(_("Restricted: not shown to the public"))
        return " · ".join(str(mark) for mark in marks)

    def issue_fields(self):
        return [self[self.issue_field(issue)] for issue in self.issues]

    def counts(self):
        return {issue: self.cleaned_data.get(self.issue_field(issue)) or 0 for issue in self.issues}

    def _post_clean(self):
        # The counts are checked against the numbers just typed, which the
        # model form copies onto the tally only here.
        super()._post_clean()
        if self.errors:
            return
        by_field = {self.issue_field(issue): dots for issue, dots in self.counts().items()}
        try:
            self.instance.check_counts(by_field, attended=self.attended())
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(None if field == "__all__" else field, messages)

    def attended(self):
        """People present at the workshop, or None when they were not counted."""
        return self.instance.workshop.people_present
