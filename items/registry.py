"""What an agenda item is, said once: each kind (a section, an issue, a
proposal) with its model, who may read and change it, its texts and which
of them residents may suggest on. Co-editing (suggestions, revisions,
restoring) reads it; the workspace and history are to follow.

It sits above agendas and proposals, whose models it names, and below the
apps that work on items of any kind.
"""

from dataclasses import dataclass

from modeltranslation.translator import translator

from agendas.models import Issue, Section
from core.text import LANGUAGE_CODES
from proposals.models import Proposal


@dataclass(frozen=True)
class ItemKind:
    key: str  # as addresses and stored suggestions name the kind: "issue"
    model: type
    view_perm: str
    change_perm: str
    # The texts residents may suggest new words for, by base name ("title").
    suggestible: tuple

    @property
    def texts(self):
        """The item's translated texts, by base name, in the order its
        translation options declare them (modeltranslation's registry)."""
        return tuple(translator.get_options_for_model(self.model).fields)

    @property
    def text_fields(self):
        """Every stored text, in every language: "title_es", "title_en"…"""
        return [f"{base}_{code}" for base in self.texts for code in LANGUAGE_CODES]

    @property
    def suggestible_fields(self):
        return [f"{base}_{code}" for base in self.suggestible for code in LANGUAGE_CODES]


KINDS = {
    kind.key: kind
    for kind in (
        ItemKind(
            key="section",
            model=Section,
            view_perm="agendas.view_section",
            change_perm="agendas.change_section",
            suggestible=("heading", "body"),
        ),
        ItemKind(
            key="issue",
            model=Issue,
            view_perm="agendas.view_issue",
            change_perm="agendas.change_issue",
            suggestible=("title", "description"),
        ),
        ItemKind(
            key="proposal",
            model=Proposal,
            view_perm="proposals.view_proposal",
            change_perm="proposals.change_proposal",
            suggestible=("text",),
        ),
    )
}
