"""Reconsideration and litigation about disclosure work (domain.md 2.9, 5.5): they feed table 四 of
the annual report. A case pending on 31 December counts as 尚未审结 in that year."""

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.files.storage import private_storage


class RemedyCase(models.Model):
    RECONSIDERATION = "reconsideration"
    LITIGATION = "litigation"
    KIND_CHOICES = [(RECONSIDERATION, "行政复议"), (LITIGATION, "行政诉讼")]

    DIRECT = "direct"
    AFTER_RECONSIDERATION = "after_reconsideration"
    PATH_CHOICES = [(DIRECT, "未经复议直接起诉"), (AFTER_RECONSIDERATION, "复议后起诉")]

    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"
    RESULT_CHOICES = [
        (UPHELD, "结果维持"),
        (CORRECTED, "结果纠正"),
        (OTHER, "其他结果"),
        (PENDING, "尚未审结"),
    ]

    agency = models.ForeignKey(Agency, verbose_name="被申请人/被告机关", on_delete=models.PROTECT,
                               related_name="remedy_cases")
    application = models.ForeignKey(
        "applications.Application", verbose_name="关联申请", null=True, blank=True, on_delete=models.PROTECT,
        related_name="remedy_cases",
    )
    kind = models.CharField("类型", max_length=20, choices=KIND_CHOICES)
    litigation_path = models.CharField("起诉方式", max_length=30, choices=PATH_CHOICES, blank=True)
    prior = models.ForeignKey("self", verbose_name="前置复议案件", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="suits")
    case_no = models.CharField("案号", max_length=80, blank=True)
    body = models.CharField("复议机关/人民法院", max_length=100)
    filed_on = models.DateField("申请/起诉日期")
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("结果", max_length=20, choices=RESULT_CHOICES, default=PENDING)
    result_detail = models.CharField("具体结果", max_length=100, blank=True, help_text="如：维持、驳回请求、撤销、确认违法、责令重新答复、撤回、终止、不予受理、调解、驳回起诉")
    notes = models.TextField("备注", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "复议诉讼案件"
        verbose_name_plural = "复议诉讼案件"
        ordering = ["-filed_on"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_no or self.filed_on}"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.kind == self.LITIGATION and not self.litigation_path:
            errors["litigation_path"] = "行政诉讼须选择“直接起诉”或“复议后起诉”"
        if self.kind == self.RECONSIDERATION and self.litigation_path:
            errors["litigation_path"] = "行政复议案件不填写起诉方式"
        if self.result == self.PENDING and self.concluded_on:
            errors["concluded_on"] = "尚未审结的案件不能填写审结日期"
        if self.result != self.PENDING and not self.concluded_on:
            errors["concluded_on"] = "请填写审结日期"
        if self.concluded_on and self.concluded_on < self.filed_on:
            errors["concluded_on"] = "审结日期不能早于申请/起诉日期"
        if self.application_id and self.application.agency_id != self.agency_id:
            errors["application"] = "关联申请须为本机关办理的申请"
        if errors:
            raise ValidationError(errors)

    def table_column(self) -> str:
        """Which group of table 四 the case belongs to."""
        if self.kind == self.RECONSIDERATION:
            return "review"
        return "suit_direct" if self.litigation_path == self.DIRECT else "suit_after_review"

    def result_on(self, year_end):
        """The result as of 31 December of a year (pending cases count as 尚未审结)."""
        if self.concluded_on is None or self.concluded_on > year_end:
            return self.PENDING
        return self.result


def bundle_path(bundle, filename):
    """Private storage only (no URL): ``remedies/<case>/<bundle>/<name>``."""
    return f"remedies/{bundle.remedy_case_id}/{bundle.pk or 'new'}/{filename}"


class DefenceBundle(models.Model):
    """One generation of the organ's evidence bundle (应诉/答复材料, issue 14 item 5) for a remedy case.

    The rows are the case's history of generations: who asked, when, and what was produced (the
    index as data, the ZIP and the single PDF in the private storage). Built by remedies/bundle.py;
    read only through the access-checked, logged views of remedies/views.py."""

    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    STATUSES = [(PENDING, "生成中"), (DONE, "已生成"), (FAILED, "生成失败")]

    remedy_case = models.ForeignKey(RemedyCase, verbose_name="复议诉讼案件", on_delete=models.PROTECT,
                                    related_name="bundles")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="生成人", null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField("生成时间", auto_now_add=True)
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=PENDING)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    seconds = models.FloatField("用时（秒）", null=True, blank=True)
    index = models.JSONField("证据目录", default=list, blank=True)
    zip_file = models.FileField("ZIP", upload_to=bundle_path, storage=private_storage, blank=True, editable=False)
    pdf_file = models.FileField("PDF", upload_to=bundle_path, storage=private_storage, blank=True, editable=False)
    pdf_pages = models.PositiveIntegerField("PDF页数", null=True, blank=True)
    error = models.CharField("错误", max_length=500, blank=True)

    class Meta:
        verbose_name = "应诉材料"
        verbose_name_plural = "应诉材料"
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.remedy_case} 应诉材料 #{self.pk}"
