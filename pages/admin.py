from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from access.admin_deletion import LinkRowsUnlisted
from core.text import LANGUAGE_CODES

from .models import PrivacyNotice, SiteText
from .privacy import current_notice


@admin.register(SiteText)
class SiteTextAdmin(LinkRowsUnlisted, TranslationAdmin):
    list_display = ["slug", "title"]


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(LinkRowsUnlisted, TranslationAdmin):
    """A notice people consented to is never rewritten: to change the text,
    add a notice (it starts from the text in force) and it becomes the next
    version, shown at once on every page that links to it."""

    list_display = ["version", "title", "published_at"]
    readonly_fields = ["version", "published_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changeform_initial_data(self, request):
        notice = current_notice()
        return {
            f"{name}_{code}": getattr(notice, f"{name}_{code}")
            for name in ("title", "body")
            for code in LANGUAGE_CODES
        }
