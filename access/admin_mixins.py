"""The admin asks the same rules as the pages: lists start from the
`visible_to` querysets and object permissions come from `access.rules`."""

from modeltranslation.admin import TranslationAdmin
from rules.contrib.admin import ObjectPermissionsModelAdmin


class VisibleToAdminMixin:
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(request.user)
        return queryset


class ScopedTranslationAdmin(VisibleToAdminMixin, ObjectPermissionsModelAdmin, TranslationAdmin):
    """Admin for bilingual content that belongs to a neighbourhood's agenda."""
