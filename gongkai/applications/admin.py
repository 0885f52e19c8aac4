"""Django admin is for configuration; daily work happens in the workbench. Applications and their
timelines are read-only here."""

from django.contrib import admin

from gongkai.admin_mixins import ReadOnlyAdminMixin

from . import access
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The admin shows every field unmasked: a read of personal data like the case page.
        app = self.get_object(request, object_id) if request.method == "GET" else None
        if app is not None and self.has_view_permission(request, app):
            access.log_read(request.user, app, "后台查看申请")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnly):
    list_display = ("at", "user", "application", "what", "count", "query")
    list_filter = ("what",)
