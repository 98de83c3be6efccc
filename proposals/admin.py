from django.contrib import admin

from access.admin_mixins import ScopedTranslationAdmin

from .models import Proposal


@admin.register(Proposal)
class ProposalAdmin(ScopedTranslationAdmin):
    list_display = ["__str__", "agenda", "actor", "order"]
    list_filter = ["actor", "agenda"]
    list_select_related = ["agenda"]
    search_fields = ["text_es", "text_en"]
    filter_horizontal = ["issues"]
