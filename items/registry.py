"""What an agenda item is, said once: each kind (a section, an issue, a
proposal, a national point) with its model, who may read, add, change and delete it, its
texts and which of them residents may suggest on, the list it is ordered
within, its workspace form, what its pages say and where on the agenda's
workspace page it sits. Co-editing (suggestions, revisions, restoring) and
the workspace's item pages read it.

It sits above agendas, proposals and synthesis, whose models it names, and
below the apps that work on items of any kind.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.translator import translator

from agendas.models import Agenda, Issue, Section
from core.text import LANGUAGE_CODES
from proposals.models import Proposal
from synthesis.models import POINT_KINDS, NationalPoint


@dataclass(frozen=True)
class ItemKind:
    key: str  # as addresses and stored suggestions name the kind: "issue"
    address: str  # its workspace pages' addresses start with it: "issues/<pk>/edit/"
    model: type[Model]
    view_perm: str
    change_perm: str
    # The texts residents may suggest new words for, by base name ("title").
    suggestible: tuple[str, ...]
    # The workspace's pages of the kind.
    form: str  # dotted path: the workspace builds on this module, not the reverse
    # What its pages say: "new", "edit", "saved", its name ("history"), and
    # its history's lines, whole sentences per action ("created", "changed",
    # "deleted").
    labels: dict[str, Promise]
    title_field: str  # the text that names an item on its delete and history pages
    add_perm: str = ""
    delete_perm: str = ""
    # The fields that, with its agenda, make the list an item is ordered within.
    ordered_within: tuple[str, ...] = ()
    # Items are moved up and down in their list (`ordered_within`; with no
    # fields, the list is the agenda's items of the kind).
    ordered: bool = False
    list_anchor: str = ""  # where on the agenda's workspace page its list is
    deleting: tuple[Promise, ...] = ()  # what else deleting an item does, said before it is done
    # What else deleting this very item does, counted when the page asks
    # (dotted path to a function of the item returning sentences).
    deleting_counted: str = ""
    form_takes_agenda: bool = True
    history_title_length: int | None = None
    # The texts an item cannot be saved without, in one language at least.
    required_texts: tuple[str, ...] = ()
    # How an item reaches its agenda: a national point through its section.
    agenda_path: str = "agenda"
    # The agendas items of the kind are added to ("" for every agenda).
    scope: str = ""

    def anchor(self, item: Model) -> str:
        return f"{self.key}-{item.pk}"

    def form_class(self) -> type[ModelForm]:
        return import_string(self.form)

    def consequences_of_deleting(self, item: Model) -> list[Any]:
        """What the delete page says deleting `item` also does."""
        counted = import_string(self.deleting_counted)(item) if self.deleting_counted else []
        return [*self.deleting, *counted]

    def belongs_on(self, agenda: Any) -> bool:
        return not self.scope or agenda.scope == self.scope

    def with_agenda(self, *also: str) -> QuerySet[Any]:
        """Its items, each read with its agenda (and `also`, paths from the
        agenda: "neighbourhood") in the same query."""
        paths = [self.agenda_path, *(f"{self.agenda_path}__{path}" for path in also)]
        return self.model._default_manager.select_related(*paths)

    def siblings(self, item: Any) -> QuerySet[Any]:
        """The list `item` is ordered within."""
        scope = {name: getattr(item, name) for name in self.ordered_within}
        agenda = {f"{self.agenda_path}_id": item.agenda_id}
        return self.model._default_manager.filter(**agenda, **scope)

    @property
    def texts(self) -> tuple[str, ...]:
        """The item's translated texts, by base name, in the order its
        translation options declare them (modeltranslation's registry)."""
        # `fields` is declared by each model's options, not by their base class.
        return tuple(translator.get_options_for_model(self.model).fields)  # type: ignore[attr-defined]

    @property
    def text_fields(self) -> list[str]:
        """Every stored text, in every language: "title_es", "title_en"…"""
        return [f"{base}_{code}" for base in self.texts for code in LANGUAGE_CODES]

    @property
    def bilingual(self) -> dict[str, bool]:
        """Each text, and whether it must be written in one language at
        least: what the kind's workspace form asks (BilingualMixin)."""
        return {base: base in self.required_texts for base in self.texts}

    @property
    def suggestible_fields(self) -> list[str]:
        return [f"{base}_{code}" for base in self.suggestible for code in LANGUAGE_CODES]


def points_deleted_with(section: Section) -> list[str]:
    """A national list of principles or requirements takes its points with it."""
    if section.kind not in POINT_KINDS or section.agenda.scope != Agenda.Scope.NATIONAL:
        return []
    count = NationalPoint.objects.filter(section=section).count()
    if not count:
        return []
    return [
        ngettext(
            "Its %(count)d principle or requirement is deleted with it.",
            "Its %(count)d principles and requirements are deleted with it.",
            count,
        )
        % {"count": count}
    ]


KINDS = {
    kind.key: kind
    for kind in (
        ItemKind(
            key="section",
            address="sections",
            model=Section,
            view_perm="agendas.view_section",
            change_perm="agendas.change_section",
            suggestible=("heading", "body"),
            add_perm="agendas.add_section",
            delete_perm="agendas.delete_section",
            form="workspace.forms.SectionForm",
            labels={
                "new": _("New section"),
                "edit": _("Edit section"),
                "saved": _("The section is saved."),
                "history": _("Section"),
                "created": _("Section created"),
                "changed": _("Section changed"),
                "deleted": _("Section deleted"),
            },
            title_field="heading",
            ordered=True,
            list_anchor="sections",
            deleting_counted="items.registry.points_deleted_with",
        ),
        ItemKind(
            key="issue",
            address="issues",
            model=Issue,
            view_perm="agendas.view_issue",
            change_perm="agendas.change_issue",
            add_perm="agendas.add_issue",
            delete_perm="agendas.delete_issue",
            suggestible=("title", "description"),
            form="workspace.forms.IssueForm",
            required_texts=("title",),
            labels={
                "new": _("New issue"),
                "edit": _("Edit issue"),
                "saved": _("The issue is saved."),
                "history": _("Issue"),
                "created": _("Issue created"),
                "changed": _("Issue changed"),
                "deleted": _("Issue deleted"),
            },
            title_field="title",
            ordered_within=("kind",),
            ordered=True,
            list_anchor="issues",
            deleting=(
                _("Its dots in paper tallies are deleted with it."),
                _("Proposals linked to it stay, without this link."),
            ),
        ),
        ItemKind(
            key="proposal",
            address="proposals",
            model=Proposal,
            view_perm="proposals.view_proposal",
            change_perm="proposals.change_proposal",
            add_perm="proposals.add_proposal",
            delete_perm="proposals.delete_proposal",
            suggestible=("text",),
            form="workspace.forms.ProposalForm",
            required_texts=("text",),
            labels={
                "new": _("New proposal"),
                "edit": _("Edit proposal"),
                "saved": _("The proposal is saved."),
                "history": _("Proposal"),
                "created": _("Proposal created"),
                "changed": _("Proposal changed"),
                "deleted": _("Proposal deleted"),
            },
            title_field="text",
            ordered_within=("actor",),
            ordered=True,
            list_anchor="proposals",
            history_title_length=80,
        ),
        ItemKind(
            key="national_point",
            address="national-points",
            model=NationalPoint,
            view_perm="synthesis.view_nationalpoint",
            change_perm="synthesis.change_nationalpoint",
            add_perm="synthesis.add_nationalpoint",
            delete_perm="synthesis.delete_nationalpoint",
            suggestible=("text",),
            form="workspace.point_form.NationalPointForm",
            required_texts=("text",),
            labels={
                "new": _("New principle or requirement"),
                "edit": _("Edit principle or requirement"),
                "saved": _("The principle or requirement is saved."),
                "history": _("Principle or requirement"),
                "created": _("Principle or requirement created"),
                "changed": _("Principle or requirement changed"),
                "deleted": _("Principle or requirement deleted"),
            },
            title_field="text",
            ordered_within=("section",),
            ordered=True,
            list_anchor="national-points",
            history_title_length=80,
            agenda_path="section__agenda",
            scope=Agenda.Scope.NATIONAL,
        ),
    )
}
