"""What an agenda item is, said once: each kind (a section, an issue, a
proposal) with its model, who may read, add, change and delete it, its
texts and which of them residents may suggest on, the list it is ordered
within, its workspace form, what its pages say and where on the agenda's
workspace page it sits. Co-editing (suggestions, revisions, restoring) and
the workspace's item pages read it.

It sits above agendas and proposals, whose models it names, and below the
apps that work on items of any kind.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from agendas.models import Issue, Section
from core.text import LANGUAGE_CODES
from proposals.models import Proposal


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
    labels: dict[str, Promise]  # "new", "edit", "saved", "history": what its pages say
    title_field: str  # the text that names an item on its delete and history pages
    add_perm: str = ""
    delete_perm: str = ""
    # The fields that, with its agenda, make the list an item is ordered within.
    ordered_within: tuple[str, ...] = ()
    list_anchor: str = ""  # where on the agenda's workspace page its list is
    deleting: tuple[Promise, ...] = ()  # what else deleting an item does, said before it is done
    form_takes_agenda: bool = True
    history_title_length: int | None = None

    def anchor(self, item: Model) -> str:
        return f"{self.key}-{item.pk}"

    def form_class(self) -> type[ModelForm]:
        return import_string(self.form)

    def siblings(self, item: Any) -> QuerySet[Any]:
        """The list `item` is ordered within."""
        scope = {name: getattr(item, name) for name in self.ordered_within}
        return self.model._default_manager.filter(agenda_id=item.agenda_id, **scope)

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
    def suggestible_fields(self) -> list[str]:
        return [f"{base}_{code}" for base in self.suggestible for code in LANGUAGE_CODES]


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
            form="workspace.forms.SectionForm",
            form_takes_agenda=False,
            labels={
                "new": _("New section"),
                "edit": _("Edit section"),
                "saved": _("The section is saved."),
                "history": _("Section"),
            },
            title_field="heading",
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
            labels={
                "new": _("New issue"),
                "edit": _("Edit issue"),
                "saved": _("The issue is saved."),
                "history": _("Issue"),
            },
            title_field="title",
            ordered_within=("kind",),
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
            labels={
                "new": _("New proposal"),
                "edit": _("Edit proposal"),
                "saved": _("The proposal is saved."),
                "history": _("Proposal"),
            },
            title_field="text",
            ordered_within=("actor",),
            list_anchor="proposals",
            history_title_length=80,
        ),
    )
}
