"""The leak guard's records in the admin: read-only (they change only through screening/services)."""

from django.contrib import admin

from gongkai.admin_mixins import ReadOnlyAdminMixin

from .models import AttachmentScreening, Decision, KeptOriginal, OriginalReadLog


@admin.register(AttachmentScreening)
class AttachmentScreeningAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("attachment", "screened_at")


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("document", "label", "place", "actor", "at")


@admin.register(KeptOriginal)
class KeptOriginalAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("original_name", "attachment", "actor", "at")
    exclude = ("file",)  # a private file: never linked through a storage URL


@admin.register(OriginalReadLog)
class OriginalReadLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("original", "user", "at", "document_status")
