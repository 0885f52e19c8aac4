"""Reconsideration and litigation about disclosure work (domain.md 2.9, 5.5): they feed table 四 of
the annual report. A case pending on 31 December counts as 尚未审结 in that year."""

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency


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
