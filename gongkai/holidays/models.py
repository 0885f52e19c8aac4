"""The holiday arrangement as data (domain.md 3.1).

The years 2019–2026 ship built in (gongkai.law.calendar.builtin_overrides). Administrators add each
new year from the State Council General Office notice (usually issued in November) and correct
single dates; a row here overrides the built-in data for its date.
"""

from django.conf import settings
from django.db import models

from gongkai.core.errors import AppendOnlyError
from gongkai.core.models import AppendOnlyModel


class CalendarYear(models.Model):
    year = models.PositiveIntegerField("年份", unique=True)
    source = models.CharField("依据通知", max_length=200, blank=True, help_text="例如：国办发明电〔2024〕12号")
    complete = models.BooleanField("已录入完整并确认", default=False)
    notice_title = models.CharField("通知标题", max_length=200, blank=True)
    notice_number = models.CharField("通知文号", max_length=100, blank=True)
    notice_date = models.DateField("通知日期", null=True, blank=True)
    notice_text = models.TextField("通知全文", blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["year"]

    def __str__(self):
        return f"{self.year}年（{'已确认' if self.complete else '未完成'}）"


class CalendarDay(models.Model):
    HOLIDAY = "holiday"
    WORKDAY = "workday"
    KIND_CHOICES = [(HOLIDAY, "放假（节假日）"), (WORKDAY, "调休上班")]

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=KIND_CHOICES)
    note = models.CharField("说明", max_length=50, blank=True, help_text="例如：春节")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日调整"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.note}"


CalendarLogError = AppendOnlyError  # the old name, kept for callers


class CalendarLog(AppendOnlyModel):
    """Who entered, replaced or changed a year's arrangement, and when. Append-only (guarded in
    Python and in the database: gongkai/core)."""

    ENTERED = "entered"
    REPLACED = "replaced"
    ACTION_CHOICES = [(ENTERED, "依通知录入并确认"), (REPLACED, "依通知替换已确认的安排")]

    year = models.PositiveIntegerField("年份", db_index=True)
    action = models.CharField("操作", max_length=20, choices=ACTION_CHOICES)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField("操作人（命令行）", max_length=100, blank=True)
    detail = models.TextField("说明", blank=True)
    at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "节假日安排录入记录"
        verbose_name_plural = "节假日安排录入记录"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.year}年 {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
