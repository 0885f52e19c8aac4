"""Platform administrators enter a year's holiday arrangement by pasting the notice (domain.md 3.1):
paste → the whole year as a month grid with the checks → confirm. Views only parse and call services."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from gongkai.law import today as law_today
from gongkai.law.holiday_notice import MAX_NOTICE_CHARS

from . import services
from .models import CalendarLog, CalendarYear


class NoticeForm(forms.Form):
    text = forms.CharField(label="通知全文", widget=forms.Textarea(attrs={"rows": 14}), max_length=MAX_NOTICE_CHARS,
                           help_text="从中国政府网复制《国务院办公厅关于YYYY年部分节假日安排的通知》全文，含标题和落款日期。")
    year = forms.IntegerField(label="年份（可不填，以通知标题为准）", required=False, min_value=2008, max_value=2099)
    replace = forms.BooleanField(label="替换该年已确认的安排（将记录在案）", required=False)


def _admin_only(request):
    if not request.user.is_superuser:
        raise PermissionDenied("仅平台管理员可录入节假日安排")


@login_required
def years(request):
    """The years and their state, and the paste form (preview on POST, confirm on POST with confirm=1)."""
    _admin_only(request)
    today = law_today.today()
    calendar = services.current_calendar()
    rows = {row.year: row for row in CalendarYear.objects.all()}
    shown = sorted(set(range(today.year - 2, today.year + 2)) | set(rows))
    year_rows = [{"year": y, "complete": y in calendar.complete_years, "row": rows.get(y)} for y in shown]
    preview = problems = grid = None
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text, year = form.cleaned_data["text"], form.cleaned_data["year"]
        if request.POST.get("confirm") == "1":
            try:
                row, open_cases = services.confirm_notice(text, year=year, actor=request.user,
                                                          replace=form.cleaned_data["replace"])
            except services.NoticeRejected as e:
                problems = e.problems
                preview, _ = services.read_notice(text, year)
            else:
                messages.success(request, f"已录入并确认{row.year}年节假日安排（{row.source}）；"
                                          f"{open_cases}件未办结申请的期限正由后台任务重新计算，期限变动的将记入办理记录。")
                return redirect("calendar-years")
        else:
            preview, problems = services.read_notice(text, year)
        if preview is not None and preview.year:
            grid = services.year_grid(preview)
    return render(request, "holidays/years.html", {
        "years": year_rows, "form": form, "preview": preview, "problems": problems, "grid": grid,
        "log": CalendarLog.objects.select_related("actor")[:20], "weekdays": "一二三四五六日",
    })
