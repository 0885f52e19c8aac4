"""Django admin is for configuration; daily work happens in the workbench. Applications and their
timelines are read-only here."""

from django.contrib import admin

from gongkai.admin_mixins import ReadOnlyAdminMixin

from .models import AccessLog, Application, TimelineEvent


class ReadOnly(ReadOnlyAdminMixin, admin.ModelAdmin):
    pass


class EventInline(admin.TabularInline):
    model = TimelineEvent
    extra = 0
    fields = ("occurred_on", "kind", "actor", "note", "data")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ("reference", "agency", "channel", "status", "outcome", "due_on")
    list_filter = ("status", "channel", "agency")
    search_fields = ("reference", "description")
    inlines = [EventInline]


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnly):
    list_display = ("at", "user", "application", "what")
