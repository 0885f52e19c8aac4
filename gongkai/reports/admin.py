from django.contrib import admin

from .models import Adjustment, AnnualReport, ManualFigure, PastReport, ReportEvent


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "scope", "format_version", "status", "published_on")
    list_filter = ("year", "scope", "status")
    readonly_fields = ("tables", "findings", "checked_at", "status", "published_on", "published_at")

    def has_delete_permission(self, request, obj=None):
        return False  # every report has its append-only history (ReportEvent), which may not go


@admin.register(ManualFigure)
class ManualFigureAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "cell", "value", "source_note", "author", "created_at")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Adjustment)
class AdjustmentAdmin(admin.ModelAdmin):
    list_display = ("report", "cell", "old_value", "new_value", "author", "created_at")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PastReport)
class PastReportAdmin(admin.ModelAdmin):
    list_display = ("agency", "year", "scope", "format_version", "source_note", "created_at")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportEvent)
class ReportEventAdmin(admin.ModelAdmin):
    list_display = ("report", "kind", "actor", "at")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # append-only (gongkai/core)
