from django.contrib import admin

from gongkai.admin_mixins import ReadOnlyAdminMixin

from .models import JobFailure, SentMail


@admin.register(JobFailure)
class JobFailureAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Failed jobs, read-only: the worker writes them (jobs/failures.py)."""

    list_display = ("updated_at", "task", "status", "attempts", "arguments", "short_error")
    list_filter = ("status", "task_name")
    search_fields = ("task_name", "task_id", "error")
    readonly_fields = ("task_id", "task", "task_name", "arguments", "status", "attempts", "error",
                       "first_failed_at", "updated_at")
    fields = readonly_fields

    @admin.display(description="任务", ordering="task_name")
    def task(self, obj):
        return obj.task_label

    @admin.display(description="错误")
    def short_error(self, obj):
        return obj.error[:120]


@admin.register(SentMail)
class SentMailAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("key", "status", "recipients", "attempts", "created_at", "updated_at")
    list_filter = ("status",)
    search_fields = ("key",)
