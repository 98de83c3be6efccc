from django import forms
from django.contrib import admin

from access.admin_mixins import ScopedTranslationAdmin
from agendas.models import Agenda, Issue
from core.forms import LinksByServices
from proposals.models import Proposal

from . import services
from .models import POINT_KINDS, NationalPoint


class NationalPointAdminForm(LinksByServices, forms.ModelForm):
    links = {
        "issues": (services.check_cited, services.cite_issues),
        "proposals": (services.check_cited, services.cite_proposals),
    }


@admin.register(NationalPoint)
class NationalPointAdmin(ScopedTranslationAdmin):
    form = NationalPointAdminForm
    list_display = ["text", "section", "order"]
    list_select_related = ["section__agenda"]
    search_fields = ["text_es", "text_en"]
    filter_horizontal = ["issues", "proposals"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            kwargs["queryset"] = db_field.related_model.objects.filter(
                agenda__scope=Agenda.Scope.NATIONAL, kind__in=POINT_KINDS
            ).select_related("agenda")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Only local evidence can be cited (synthesis.services refuses the rest);
        # of it, only what the person may see (ScopedTranslationAdmin).
        if db_field.name == "issues":
            kwargs["queryset"] = Issue.objects.filter(agenda__scope=Agenda.Scope.LOCAL)
        elif db_field.name == "proposals":
            kwargs["queryset"] = Proposal.objects.filter(agenda__scope=Agenda.Scope.LOCAL)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
