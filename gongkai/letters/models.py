"""Notices and answer letters (domain.md 2.10, 2.11).

Templates are editable per organ (a row here overrides the shipped default in
gongkai/letters/defaults/). An issued letter freezes its number, title and paragraphs: it is the
record of what was sent and is never regenerated from a template again.
"""

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.files.storage import private_storage


class LetterKind(models.TextChoices):
    REGISTRATION_FORM = "registration_form", "政府信息公开申请登记表"
    RECEIPT = "receipt", "政府信息公开申请接收回执"
    CORRECTION_NOTICE = "correction_notice", "补正告知书"
    EXPLANATION_REQUEST = "explanation_request", "说明理由告知书"
    DEFERRAL_NOTICE = "deferral_notice", "延迟答复告知书"
    EXTENSION_NOTICE = "extension_notice", "延期答复告知书"
    THIRD_PARTY_CONSULTATION = "third_party_consultation", "第三方征求意见书"
    CONSULTATION_NOTICE = "consultation_notice", "征求意见告知书"
    THIRD_PARTY_DISCLOSURE_NOTICE = "third_party_disclosure_notice", "依申请公开告知书（给第三方）"
    CO_MAKER_CONSULTATION = "co_maker_consultation", "征求意见书（给共同制作机关）"
    FEE_NOTICE = "fee_notice", "收费通知书"
    ANSWER_LETTER = "answer_letter", "政府信息公开申请答复书"
    CLOSURE_NOTICE = "closure_notice", "终止办理告知书"
    SUPPLEMENTARY_ANSWER = "supplementary_answer", "补充答复书"
    RECORD_CORRECTION_ANSWER = "record_correction_answer", "更正答复书"


class LetterTemplate(models.Model):
    """An organ's own wording for one kind of letter (and, for answer letters, one outcome).

    ``body`` uses Django template syntax; paragraphs are separated by blank lines. The variables
    available are listed in gongkai/letters/context.py.
    """

    agency = models.ForeignKey(Agency, verbose_name="机关", null=True, blank=True, on_delete=models.CASCADE)
    kind = models.CharField("文书类型", max_length=40, choices=LetterKind.choices)
    outcome = models.CharField("办理结果代码", max_length=4, blank=True, help_text="仅答复书：按办理结果区分模板")
    title = models.CharField("标题", max_length=100, blank=True, help_text="留空使用默认标题")
    body = models.TextField("正文模板")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "outcome"], name="unique_letter_template")
        ]

    def __str__(self):
        return f"{self.agency or '默认'} · {self.get_kind_display()} {self.outcome}"


def letter_pdf_path(letter, filename):
    """Private storage only (no URL): ``letters/<organ code>/<year>/<serial>.pdf``."""
    return f"letters/{letter.agency.code}/{letter.year}/{letter.serial}.pdf"


class Letter(models.Model):
    application = models.ForeignKey(
        "applications.Application", on_delete=models.PROTECT, related_name="letters"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("文书类型", max_length=40, choices=LetterKind.choices)
    number = models.CharField("文书编号", max_length=60)
    year = models.PositiveIntegerField()
    serial = models.PositiveIntegerField()
    title = models.CharField("标题", max_length=120)
    addressee = models.CharField("收件人", max_length=120)
    paragraphs = models.JSONField("正文段落", default=list)
    issued_on = models.DateField("文书日期")
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="签发人",
    )
    template_source = models.CharField(max_length=100, help_text="所用模板（默认或机关模板及其修改时间）")
    public = models.BooleanField("申请人可在查询中查看", default=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    delivery_method = models.CharField("送达方式", max_length=30, blank=True)
    # Issue 14 item 4: the 核验码 (letters/codes.py) of the frozen content, and the PDF frozen at issue
    # (letters/pdf.py; private storage, served only by the access-checked views).
    verification_code = models.CharField("核验码", max_length=16, blank=True, db_index=True)
    pdf = models.FileField("PDF", upload_to=letter_pdf_path, storage=private_storage, blank=True, editable=False)

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "serial"], name="unique_letter_serial"),
            models.UniqueConstraint(fields=["agency", "number"], name="unique_letter_number"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs):
        if self.pk is None:
            from . import codes

            self.verification_code = codes.for_letter(self)
        if self.pk is not None:
            # Only delivery facts may be added to an issued letter; its content is the record.
            # (The PDF is stored once by letters/pdf.py: freeze_pdf, with a conditional UPDATE.)
            update_fields = set(kwargs.get("update_fields") or [])
            if not update_fields or not update_fields <= {"delivered_on", "delivery_method"}:
                raise ValueError("已出具的文书不能修改")
        super().save(*args, **kwargs)

    @property
    def verification_note(self) -> str:
        """The footer line of the PDF, DOCX and HTML: the 核验码 and where to check it."""
        if not self.verification_code:
            return ""
        from django.urls import reverse

        from . import codes

        site = settings.GONGKAI.get("SITE_NAME", "")
        return (f"核验码：{codes.display(self.verification_code)}（可在{site}政府信息公开网站“文书核验”页面"
                f" {reverse('letter-verify')} 输入文书编号和核验码核验本文书）")
