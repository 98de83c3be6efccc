"""The forms of an agenda's items (sections, issues, proposals) and of its
next cycle; a workshop's are in workshop_forms.py. Every rule is checked here
on the server (the pages work without JavaScript); the domain rules
themselves live in the models and services these forms call (an item's
links: core.forms.LinksByServices)."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from agendas import services as agenda_services
from agendas.models import Agenda, Colophon, Issue, Section
from communities.models import SecurityDimension
from core.forms import LinksByServices
from core.text import LANGUAGE_CODES, in_language, localized
from editing.concurrency import RevisionMixin
from items.registry import KINDS
from proposals import services as proposal_services
from proposals.models import Proposal
from synthesis.models import POINT_KINDS
from workshops.models import Workshop


class LocalizedLabels:
    """Choice labels in the reader's language (or the other, when missing)."""

    label_field = "name"

    def label_from_instance(self, obj):
        return localized(obj, self.label_field).text or str(obj.pk)


class DimensionChoiceField(LocalizedLabels, forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": _("Choose one of the listed dimensions."),
    }


class DimensionsField(LocalizedLabels, forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": _("Choose only listed dimensions."),
        "invalid_pk_value": _("Choose only listed dimensions."),
    }


class WorkshopsField(LocalizedLabels, forms.ModelMultipleChoiceField):
    label_field = "title"
    default_error_messages = {
        "invalid_choice": _("Choose workshops held in this agenda's neighbourhood."),
        "invalid_pk_value": _("Choose workshops held in this agenda's neighbourhood."),
    }

    def label_from_instance(self, obj):
        title = super().label_from_instance(obj)
        return f"{title} ({obj.date})" if obj.date else title


class IssuesField(LocalizedLabels, forms.ModelMultipleChoiceField):
    label_field = "title"
    default_error_messages = {
        "invalid_choice": _("Choose issues of this agenda only."),
        "invalid_pk_value": _("Choose issues of this agenda only."),
    }


class BilingualMixin:
    """Labels the per-language fields ("Title in Spanish") and requires the
    text in at least one of the two languages; the page shows the other
    language, saying so, until someone writes it."""

    bilingual: dict[str, bool] = {}  # base field -> required in at least one language?

    def label_bilingual_fields(self):
        for base in self.bilingual:
            name = self._meta.model._meta.get_field(base).verbose_name
            for code in LANGUAGE_CODES:
                field = self.fields[f"{base}_{code}"]
                field.label = in_language(name, code)
                field.required = False
            if self.bilingual[base]:
                self.fields[f"{base}_{LANGUAGE_CODES[0]}"].help_text = _(
                    "Write it in Spanish, in English or in both."
                )

    def clean(self):
        cleaned = super().clean()
        for base, required in self.bilingual.items():
            if required and not any(cleaned.get(f"{base}_{code}") for code in LANGUAGE_CODES):
                self.add_error(
                    f"{base}_es",
                    _("Write it in Spanish, in English or in both."),
                )
        return cleaned


class IssueForm(LinksByServices, RevisionMixin, BilingualMixin, forms.ModelForm):
    bilingual = KINDS["issue"].bilingual
    links = {"workshops": (agenda_services.check_workshops, agenda_services.set_workshops)}

    class Meta:
        model = Issue
        fields = [
            "title_es", "title_en", "description_es", "description_en",
            "dimension", "related_dimensions", "kind", "visibility", "workshops",
        ]  # fmt: skip
        field_classes = {
            "dimension": DimensionChoiceField,
            "related_dimensions": DimensionsField,
            "workshops": WorkshopsField,
        }
        widgets = {
            "description_es": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "related_dimensions": forms.CheckboxSelectMultiple,
            "workshops": forms.CheckboxSelectMultiple,
            "kind": forms.RadioSelect,
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda
        self.label_bilingual_fields()
        self.add_revision_field()
        self.fields["kind"].choices = Issue.Kind.choices  # radios: no empty choice
        dimensions = SecurityDimension.objects.order_by("order", "pk")
        # Said on the page: without a dimension no issue can be filed.
        self.no_dimensions = not dimensions.exists()
        self.fields["dimension"].queryset = dimensions
        self.fields["related_dimensions"].queryset = dimensions
        self.fields["workshops"].queryset = Workshop.objects.filter(
            neighbourhood_id=agenda.neighbourhood_id
        ).order_by("-date", "pk")
        if not agenda.neighbourhood_id:
            del self.fields["workshops"]

    def clean_related_dimensions(self):
        # The primary dimension is not also "related": drop it quietly.
        related = self.cleaned_data["related_dimensions"]
        primary = self.cleaned_data.get("dimension")
        return [d for d in related if d != primary] if primary else list(related)


class ProposalForm(LinksByServices, RevisionMixin, BilingualMixin, forms.ModelForm):
    bilingual = KINDS["proposal"].bilingual
    links = {"issues": (proposal_services.check_issues, proposal_services.set_issues)}

    class Meta:
        model = Proposal
        fields = ["actor", "text_es", "text_en", "issues"]
        field_classes = {"issues": IssuesField}
        widgets = {
            "text_es": forms.Textarea(attrs={"rows": 4}),
            "text_en": forms.Textarea(attrs={"rows": 4}),
            "actor": forms.RadioSelect,
            "issues": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda
        self.label_bilingual_fields()
        self.add_revision_field()
        self.fields["actor"].choices = Proposal.Actor.choices  # radios: no empty choice
        self.fields["issues"].queryset = Issue.objects.filter(agenda=agenda).order_by(
            "kind", "order", "pk"
        )


class SectionForm(RevisionMixin, BilingualMixin, forms.ModelForm):
    """A free-text part of an agenda: its kind (chosen when it is added, as it
    places the text on the page), heading and Markdown text, in both languages."""

    bilingual = KINDS["section"].bilingual

    class Meta:
        model = Section
        fields = ["kind", "heading_es", "heading_en", "body_es", "body_en"]
        widgets = {
            "kind": forms.RadioSelect,
            "body_es": forms.Textarea(attrs={"rows": 10}),
            "body_en": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda
        self.label_bilingual_fields()
        self.add_revision_field()
        for code in LANGUAGE_CODES:
            self.fields[f"body_{code}"].help_text = Section._meta.get_field("body").help_text
        if self.instance.pk:
            # A text keeps its place on the page; a new one of another kind is added.
            del self.fields["kind"]
            return
        kinds = Section.Kind.choices
        if agenda.scope != agenda.Scope.NATIONAL:
            # Lists of principles and requirements hold the national agenda's points.
            kinds = [(value, label) for value, label in kinds if value not in POINT_KINDS]
        self.fields["kind"].choices = kinds  # radios: no empty choice
        self.fields["kind"].error_messages["invalid_choice"] = _(
            "Choose one of the listed kinds of text."
        )
        self.fields["kind"].error_messages["required"] = _("Choose what kind of text it is.")


class NextCycleForm(forms.Form):
    """What the next cycle of a published agenda starts with: its title (the
    published one's, until changed) and whether its issues and proposals
    come along."""

    title_es = forms.CharField(max_length=200, required=False)
    title_en = forms.CharField(max_length=200, required=False)
    copy_items = forms.BooleanField(
        label=_("Copy its issues and proposals too"),
        required=False,
        initial=True,
        help_text=_(
            "Restricted issues stay restricted. Without them, the new draft starts with "
            "the texts only."
        ),
    )

    def __init__(self, *args, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        title = Agenda._meta.get_field("title").verbose_name
        for code in LANGUAGE_CODES:
            field = self.fields[f"title_{code}"]
            field.label = in_language(title, code)
            field.initial = getattr(agenda, f"title_{code}")
            field.error_messages["max_length"] = _(
                "Keep the title to %(limit_value)d characters or fewer."
            )
        self.fields["title_es"].help_text = _(
            "Write it in Spanish, in English or in both: a title of its own, for instance "
            "with the years of the cycle."
        )

    def clean(self):
        cleaned = super().clean()
        if not any((cleaned.get(f"title_{code}") or "").strip() for code in LANGUAGE_CODES):
            self.add_error("title_es", _("Write it in Spanish, in English or in both."))
        # Two agendas of one title cannot be told apart on the dashboard or in print.
        # Compared here, not in SQL: SQLite ignores the case of ASCII letters only.
        taken = {
            title.casefold()
            for pair in Agenda.objects.values_list("title_es", "title_en")
            for title in pair
            if title
        }
        for code in LANGUAGE_CODES:
            typed = (cleaned.get(f"title_{code}") or "").strip()
            if typed and typed.casefold() in taken:
                self.add_error(
                    f"title_{code}",
                    _(
                        "An agenda titled “%(title)s” already exists. "
                        "Give the next cycle a title of its own."
                    )
                    % {"title": typed},
                )
        return cleaned


CREDITS_LIMITS = {
    "team": 4000,
    "institutions": 1000,
    "funders": 1000,
    "design": 1000,
    "acknowledgements": 2000,
}


class ColophonForm(BilingualMixin, forms.ModelForm):
    """The agenda's credits as its booklet prints them: the years of its
    cycle, who made and supported it, and its licence."""

    bilingual = dict.fromkeys(
        ("publisher", "team", "institutions", "funders", "design", "acknowledgements"), False
    )

    class Meta:
        model = Colophon
        fields = [
            "first_year", "last_year", "licence", "publisher_es", "publisher_en",
            "team_es", "team_en", "institutions_es", "institutions_en",
            "funders_es", "funders_en", "design_es", "design_en",
            "acknowledgements_es", "acknowledgements_en",
        ]  # fmt: skip
        widgets = {
            "licence": forms.RadioSelect,
            **{
                f"{base}_{code}": forms.Textarea(attrs={"rows": rows})
                for base, rows in (
                    ("team", 12),
                    ("institutions", 3),
                    ("funders", 3),
                    ("design", 3),
                    ("acknowledgements", 4),
                )
                for code in LANGUAGE_CODES
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_bilingual_fields()
        for base in self.bilingual:
            help_text = Colophon._meta.get_field(base).help_text
            for code in LANGUAGE_CODES:
                self.fields[f"{base}_{code}"].help_text = help_text
        years = _(
            "When its workshops ran. Left empty, the booklet reads the years "
            "from the dates of the neighbourhood's workshops."
        )
        self.fields["first_year"].help_text = years
        for name in ("first_year", "last_year"):
            self.fields[name].widget.attrs.update(
                {"min": 1950, "max": 2100, "inputmode": "numeric"}
            )
            for error in ("invalid", "min_value", "max_value"):
                self.fields[name].error_messages[error] = _(
                    "Write a year between 1950 and 2100, or leave it empty."
                )
        # Credits are a page of the booklet, not a chapter: a bound keeps a
        # pasted document from running over pages.
        for base, limit in CREDITS_LIMITS.items():
            for code in LANGUAGE_CODES:
                field = self.fields[f"{base}_{code}"]
                field.max_length = limit
                field.validators.append(MaxLengthValidator(limit))
                field.widget.attrs["maxlength"] = limit
        self.fields["licence"].error_messages["invalid_choice"] = _(
            "Choose one of the listed licences."
        )
