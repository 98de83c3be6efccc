"""The form of a national agenda's principle or requirement: its list, its
text in both languages, and the local issues and proposals it draws on."""

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from agendas.models import Agenda, Issue, Section
from core.forms import LinksByServices
from core.text import localized, plain_text
from editing.concurrency import RevisionMixin
from items.registry import KINDS
from proposals.models import Proposal
from synthesis import services as synthesis_services
from synthesis.models import POINT_KINDS, NationalPoint

from .forms import BilingualMixin


def plain_words(markdown_text, words):
    """The first `words` words of a Markdown text, as plain text."""
    return Truncator(plain_text(markdown_text)).words(words)


def list_name(section):
    """A list of points named so that it can be told from the others of its
    kind (the national agenda has three lists of requirements): its heading,
    else the start of its introduction."""
    heading = localized(section, "heading").text
    if heading:
        return heading
    intro = plain_words(localized(section, "body").text, 8)
    return f"{section.get_kind_display()}: {intro}" if intro else section.get_kind_display()


class PointSectionField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": _("Choose one of this agenda's lists of principles or requirements."),
    }

    def label_from_instance(self, obj):
        return list_name(obj)


class CitedField(forms.ModelMultipleChoiceField):
    """Local items, each named with its neighbourhood: the national text is
    read against the neighbourhoods' own words."""

    default_error_messages = {
        "invalid_choice": _("Choose issues and proposals of local agendas only."),
        "invalid_pk_value": _("Choose issues and proposals of local agendas only."),
    }

    def label_from_instance(self, obj):
        place = localized(obj.agenda.neighbourhood, "name").text
        return f"{place} · {plain_words(localized(obj, self.label_field).text, 16)}"


class CitedIssuesField(CitedField):
    label_field = "title"


class CitedProposalsField(CitedField):
    label_field = "text"


class NationalPointForm(LinksByServices, RevisionMixin, BilingualMixin, forms.ModelForm):
    bilingual = KINDS["national_point"].bilingual
    links = {
        "issues": (synthesis_services.check_cited, synthesis_services.cite_issues),
        "proposals": (synthesis_services.check_cited, synthesis_services.cite_proposals),
    }

    class Meta:
        model = NationalPoint
        fields = ["section", "text_es", "text_en", "issues", "proposals"]
        field_classes = {
            "section": PointSectionField,
            "issues": CitedIssuesField,
            "proposals": CitedProposalsField,
        }
        widgets = {
            "section": forms.RadioSelect,
            "text_es": forms.Textarea(attrs={"rows": 4}),
            "text_en": forms.Textarea(attrs={"rows": 4}),
            "issues": forms.CheckboxSelectMultiple,
            "proposals": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_bilingual_fields()
        self.add_revision_field()
        if self.instance.pk:
            # A point keeps its place in its list; it is not moved to another.
            del self.fields["section"]
        else:
            self.fields["section"].queryset = Section.objects.filter(
                agenda=agenda, kind__in=POINT_KINDS
            ).order_by("order", "pk")
            self.fields["section"].empty_label = None
            self.fields["section"].error_messages["required"] = _(
                "Choose the list it belongs to: principles or requirements."
            )
        # Only administrators write points, and they read every item, so
        # every local item is offered, restricted ones too.
        local = {"agenda__scope": Agenda.Scope.LOCAL}
        self.fields["issues"].queryset = (
            Issue.objects.filter(**local)
            .select_related("agenda__neighbourhood")
            .order_by("agenda__neighbourhood__name", "kind", "order", "pk")
        )
        self.fields["proposals"].queryset = (
            Proposal.objects.filter(**local)
            .select_related("agenda__neighbourhood")
            .order_by("agenda__neighbourhood__name", "actor", "order", "pk")
        )
