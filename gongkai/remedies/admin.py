from django.contrib import admin

from .models import RemedyCase


@admin.register(RemedyCase)
class RemedyCaseAdmin(admin.ModelAdmin):
    list_display = ("agency", "kind", "litigation_path", "case_no", "filed_on", "result")
    list_filter = ("kind", "result")
