from django import forms
from django.contrib import admin

from gongkai.law import holiday_rules

from .models import CalendarDay, CalendarLog, CalendarYear


class CalendarYearForm(forms.ModelForm):
    class Meta:
        model = CalendarYear
        fields = ("year", "complete", "source", "notice_title", "notice_number", "notice_date")

    def clean(self):
        """The checks of domain.md 3.1 before a year may be marked confirmed, as on the notice page."""
        data = super().clean()
        year = data.get("year")
        if data.get("complete") and year:
            from gongkai.law.calendar import builtin_overrides

            builtin, _, _ = builtin_overrides()
            kinds = {d: k for d, k in builtin.items() if d.year == year}
            kinds.update({d.date: d.kind for d in CalendarDay.objects.filter(date__year=year)})
            off = [d for d, k in kinds.items() if k == CalendarDay.HOLIDAY]
            work = [d for d, k in kinds.items() if k == CalendarDay.WORKDAY and d.weekday() >= 5]
            problems = holiday_rules.check_arrangement(year, off, work)
            if problems:
                raise forms.ValidationError(
                    ["不能标记为已确认："] + problems + ["建议在“工作台 › 节假日安排”粘贴通知全文录入。"])
        return data


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    form = CalendarYearForm
    list_display = ("year", "complete", "source", "confirmed_at", "updated_at")


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "note", "updated_at")
    list_filter = ("kind",)
    date_hierarchy = "date"


@admin.register(CalendarLog)
class CalendarLogAdmin(admin.ModelAdmin):
    list_display = ("year", "action", "actor", "actor_name", "at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
