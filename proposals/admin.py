from django import forms
from django.contrib import admin

from access.admin_mixins import ScopedTranslationAdmin
from core.forms import LinksByServices

from . import services
from .models import Proposal


class ProposalAdminForm(LinksByServices, forms.ModelForm):
    links = {"issues": (services.check_issues, services.set_issues)}


@admin.register(Proposal)
class ProposalAdmin(ScopedTranslationAdmin):
    form = ProposalAdminForm
    list_display = ["__str__", "agenda", "actor", "order"]
    list_filter = ["actor", "agenda"]
    list_select_related = ["agenda"]
    search_fields = ["text_es", "text_en"]
    filter_horizontal = ["issues"]
