"""The annual report (政府信息公开工作年度报告, domain.md section 5) as records.

- ``AnnualReport``: one organ's report on one year (``scope=organ``), or a government's roll-up over
  itself, chosen departments and lower governments (``scope=rollup``). Its tables are never typed:
  they are computed (``compute.py``) on every save, with the recorded manual figures and adjustments
  applied, and checked (``gongkai.law.reconciliation``); ``tables`` and ``findings`` are only caches.
- ``ReportSnapshot``: what approval froze — numbers, schema format, RULES_VERSION, rendered
  narrative and the record ids behind every cell. Later record changes never alter it.
- ``ManualFigure``: figures from other systems (（五）（六）（八） of table 二) with their source note and
  author. Never edited: a change is a new record; the latest record of a cell is in force.
- ``Adjustment``: the only way to override a computed cell — old value, new value, reason, author.
- ``PastReport``: figures of a year before the platform was used (entered or imported), so the
  cross-year check (R5) works in the first year of use.
- ``ReportEvent``: the append-only history of a report.
"""

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.core.models import AppendOnlyModel
from gongkai.law import report_format as rf


class Scope(models.TextChoices):
    ORGAN = "organ", "本机关年度报告"
    ROLLUP = "rollup", "汇总年度报告"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    REVIEWED = "reviewed", "已审核"
    APPROVED = "approved", "已批准（数据已冻结）"
    PUBLISHED = "published", "已发布"


FROZEN_STATUSES = (ReportStatus.APPROVED, ReportStatus.PUBLISHED)
FORMAT_CHOICES = [(rf.FORMAT_2021, "2021年格式（国办公开办函〔2021〕30号）"),
                  (rf.FORMAT_2019, "2019年试行格式（国办公开办函〔2019〕60号）")]


class AnnualReport(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("报告年度")
    scope = models.CharField("报告范围", max_length=10, choices=Scope.choices, default=Scope.ORGAN)
    format_version = models.CharField("报告格式", max_length=12, choices=FORMAT_CHOICES)
    status = models.CharField("状态", max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT,
                              db_index=True)
    members = models.ManyToManyField(Agency, verbose_name="汇总范围", blank=True, related_name="+",
                                     help_text="汇总年度报告包含的机关（本级政府、所属部门和下级政府）")
    narrative = models.JSONField("正文", default=dict, blank=True)
    # Caches of the last computation (refreshed on every save); the snapshot is the frozen truth.
    tables = models.JSONField(default=dict, blank=True, editable=False)
    findings = models.JSONField(default=list, blank=True, editable=False)
    checked_at = models.DateTimeField("最近核对时间", null=True, blank=True)
    deadline_override = models.DateField("发布期限（本地规定）", null=True, blank=True,
                                         help_text="留空按法定期限：部门、乡镇（街道）1月31日，政府3月31日")
    version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "agency__path", "scope"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "scope"], name="unique_annual_report"),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        suffix = "（汇总）" if self.scope == Scope.ROLLUP else ""
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告{suffix}"

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES

    @property
    def is_rollup(self) -> bool:
        return self.scope == Scope.ROLLUP

    @property
    def snapshot(self):
        """The frozen snapshot of an approved or published report, else None."""
        if not self.is_frozen:
            return None
        cached = getattr(self, "_snapshot_cache", None)
        if cached is None or cached[0] != self.version:  # every transition bumps the version
            cached = (self.version, self.snapshots.order_by("-id").first())
            self._snapshot_cache = cached
        return cached[1]


class ReportSnapshot(models.Model):
    """Frozen at approval (domain 5.6): values, rule version and the record ids behind every cell."""

    # One per approval; reopening an approved report keeps the old snapshot (history) and the next
    # approval freezes a new one. The report's snapshot is its latest, valid while it is frozen.
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="snapshots")
    format_version = models.CharField(max_length=12)
    rules_version = models.CharField(max_length=10)
    tables = models.JSONField(default=dict)
    findings = models.JSONField(default=list)
    narrative = models.JSONField(default=dict)  # rendered text, tokens replaced by the frozen values
    # {cell_id: [ids]} of the leaf cells; totals are unions (see records.snapshot_ids).
    records = models.JSONField(default=dict)
    # {cell_id: {"kind": computed|manual|adjusted, ...}} — where each value came from.
    sources = models.JSONField(default=dict)
    # Roll-ups: [{"agency_id", "code", "name", "tables", "basis"}] per member.
    breakdown = models.JSONField(default=list)
    facts = models.JSONField(default=dict)  # chart series and other generated facts at approval
    frozen_at = models.DateTimeField(auto_now_add=True)
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "年度报告冻结数据"
        verbose_name_plural = "年度报告冻结数据"
        ordering = ["report", "id"]

    def __str__(self):
        return f"{self.report} 冻结于 {self.frozen_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("冻结数据不能修改")
        super().save(*args, **kwargs)


class ManualFigure(models.Model):
    """A figure from another system, with its source (domain 5.3: never edited silently)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    cell = models.CharField("单元格", max_length=80)
    value = models.DecimalField("数值", max_digits=16, decimal_places=2, null=True, blank=True)
    source_note = models.CharField("数据来源", max_length=300)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "录入数据"
        verbose_name_plural = "录入数据"
        ordering = ["agency", "year", "cell", "id"]
        indexes = [models.Index(fields=["agency", "year", "cell"])]

    def __str__(self):
        return f"{self.agency_id}/{self.year}/{self.cell}={self.value}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("录入数据不能修改；请录入新的数值")
        super().save(*args, **kwargs)


class Adjustment(models.Model):
    """A recorded override of a computed cell, shown next to it (domain 5.6)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="adjustments")
    cell = models.CharField("单元格", max_length=80)
    old_value = models.DecimalField("原值", max_digits=16, decimal_places=2, null=True, blank=True)
    new_value = models.DecimalField("调整后", max_digits=16, decimal_places=2, null=True, blank=True)
    reason = models.TextField("调整理由")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("调整时间", auto_now_add=True)

    class Meta:
        verbose_name = "数据调整"
        verbose_name_plural = "数据调整"
        ordering = ["report", "cell", "id"]

    def __str__(self):
        return f"{self.cell}: {self.old_value} → {self.new_value}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("调整记录不能修改")
        super().save(*args, **kwargs)


class PastReport(models.Model):
    """Published figures of a year before the platform (entered or imported), with format_version."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    scope = models.CharField("报告范围", max_length=10, choices=Scope.choices, default=Scope.ORGAN)
    format_version = models.CharField("报告格式", max_length=12, choices=FORMAT_CHOICES)
    tables = models.JSONField(default=dict)
    narrative = models.JSONField(default=dict, blank=True)
    findings = models.JSONField(default=list, blank=True)
    source_note = models.CharField("数据来源", max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "往年年报数据"
        verbose_name_plural = "往年年报数据"
        ordering = ["agency", "-year", "-id"]

    def __str__(self):
        return f"{self.agency} {self.year}年（{self.get_format_version_display()}）"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("往年数据不能修改；请重新录入")
        super().save(*args, **kwargs)


class ReportEvent(AppendOnlyModel):
    """Append-only history of a report: created, saved, checked, reviewed, approved, published …
    (guarded in Python and in the database: gongkai/core)."""

    CREATED = "created"
    SAVED = "saved"
    ADJUSTED = "adjusted"
    MANUAL = "manual"
    REVIEWED = "reviewed"
    RETURNED = "returned"
    APPROVED = "approved"
    REOPENED = "reopened"
    PUBLISHED = "published"
    KIND_CHOICES = [
        (CREATED, "创建"), (SAVED, "保存正文"), (ADJUSTED, "调整数据"), (MANUAL, "录入数据"),
        (REVIEWED, "审核"), (RETURNED, "退回修改"), (APPROVED, "批准并冻结"), (REOPENED, "撤销批准"),
        (PUBLISHED, "发布"),
    ]
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=20, choices=KIND_CHOICES)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "年度报告记录"
        verbose_name_plural = "年度报告记录"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"


class InterpretationStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class ReportInterpretation(models.Model):
    """年报解读（图解） of one organ's report on one year (issue 17 item 1): generated from frozen figures
    only — the approved report's snapshot, or the entered figures of a report published before the
    platform (``past``) — with last year's figures frozen beside the text (``previous``). ``sections``
    holds the (edited) text with its figures as markers; ``figures`` ties each marker to its cell.
    Published as a publishing ``Interpretation`` (form 图解) of the organ, so that it counts among the
    interpretations of the next report's 一、总体情况."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("报告年度")
    scope = models.CharField("报告范围", max_length=10, choices=Scope.choices, default=Scope.ORGAN)
    report = models.ForeignKey(AnnualReport, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="interpretations")
    snapshot = models.ForeignKey(ReportSnapshot, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    past = models.ForeignKey(PastReport, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey("publishing.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name="年报文件")
    interpretation = models.OneToOneField("publishing.Interpretation", null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="report_interpretation")
    title = models.CharField("标题", max_length=300)
    previous = models.JSONField("上年数据", default=dict, blank=True)
    figures = models.JSONField("数据项", default=dict)
    sections = models.JSONField("解读正文", default=list)
    status = models.CharField("状态", max_length=12, choices=InterpretationStatus.choices,
                              default=InterpretationStatus.DRAFT)
    version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    published_at = models.DateTimeField("发布时间", null=True, blank=True)

    class Meta:
        verbose_name = "年报解读"
        verbose_name_plural = "年报解读"
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "scope"], name="unique_report_interpretation"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == InterpretationStatus.PUBLISHED
