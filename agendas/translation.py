from modeltranslation.translator import TranslationOptions, register

from .models import Agenda, Colophon, Issue, Section


@register(Agenda)
class AgendaTranslation(TranslationOptions):
    fields = ("title", "silenced_heading")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("heading", "body")


@register(Issue)
class IssueTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Colophon)
class ColophonTranslation(TranslationOptions):
    fields = ("publisher", "team", "institutions", "funders", "design", "acknowledgements")
