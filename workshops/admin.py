from django.contrib import admin

from access.admin_mixins import ScopedTabularInline, ScopedTranslationAdmin

from .models import Attendance, Workshop


class AttendanceInline(ScopedTabularInline):
    model = Attendance
    extra = 1


@admin.register(Workshop)
class WorkshopAdmin(ScopedTranslationAdmin):
    list_display = ["title", "neighbourhood", "date"]
    list_filter = ["neighbourhood"]
    list_select_related = ["neighbourhood"]
    filter_horizontal = ["facilitators"]
    inlines = [AttendanceInline]
