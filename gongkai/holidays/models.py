"""The holiday arrangement as data (domain.md 3.1).

The years 2019–2026 ship built in (gongkai.law.calendar.builtin_overrides). Administrators add each
new year from the State Council General Office notice (usually issued in November) and correct
single dates; a row here overrides the built-in data for its date.
"""

from django.db import models


class CalendarYear(models.Model):
    year = models.PositiveIntegerField("年份", unique=True)
    source = models.CharField("依据通知", max_length=200, blank=True, help_text="例如：国办发明电〔2024〕12号")
    complete = models.BooleanField("已录入完整并确认", default=False)
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
