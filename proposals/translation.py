from modeltranslation.translator import TranslationOptions, register

from .models import Proposal


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = ("text",)
