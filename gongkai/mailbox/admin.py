"""Django admin: the mailboxes are configuration (name, open flag, answer deadline); messages are
handled on the staff pages (/staff/mailbox/), never here; the read log is read-only."""

from django.contrib import admin

from gongkai.admin_mixins import ReadOnlyAdminMixin

from .models import Mailbox, ReadLog


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    list_display = ("agency", "name", "is_open", "answer_days")
    list_filter = ("is_open",)
    fields = ("agency", "name", "is_open", "answer_days", "intro")


@admin.register(ReadLog)
class ReadLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "user", "message_id", "what", "count")
    list_filter = ("what",)
    fields = ("at", "user", "message", "what", "count")
    readonly_fields = fields
