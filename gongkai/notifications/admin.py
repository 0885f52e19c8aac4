from django.contrib import admin

from gongkai.admin_mixins import ReadOnlyAdminMixin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Delivery status only, read-only: the text (the applicant's name, the 查询号) is not shown here —
    the staff case page shows the case's notifications to those who may read the case."""

    list_display = ("created_at", "event_id", "channel", "kind", "status", "attempts", "sent_at")
    list_filter = ("channel", "status", "kind")
    fields = ("event_id", "channel", "kind", "status", "attempts", "error", "created_at", "sent_at")
    readonly_fields = fields
