from django import forms

from gongkai.auditor.readers import sniff
from gongkai.ops import sandbox

# Documents with a text layer are small; scans (PDF, PNG/JPEG) up to GONGKAI_AUDIT_MAX_MB (30 MB).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SCAN_KINDS = ("pdf", "image")
MAX_TEXT_CHARS = 600_000
UPLOAD_SUFFIXES = (".txt", ".htm", ".html", ".docx", ".pdf", ".xlsx", ".odt", ".ods", ".doc", ".wps", ".xls", ".et",
                   ".png", ".jpg", ".jpeg")


def max_scan_bytes() -> int:
    from gongkai.auditor.services import max_file_bytes

    return max_file_bytes()


class AuditForm(forms.Form):
    """Paste the text of one or more reports, or upload one file (TXT, HTML, DOCX, PDF, XLSX, ODT/ODS and,
    through LibreOffice, DOC/WPS/XLS/ET; a scanned PDF or a PNG/JPEG page is read by OCR in a job)."""

    text = forms.CharField(
        label="粘贴年度报告全文",
        required=False,
        max_length=MAX_TEXT_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "aria-describedby": "id_text_help"}),
        help_text="可从网页或 PDF 中复制全文（含表格）后粘贴；可同时粘贴多份报告（如同一机关的多个年度）。",
    )
    file = forms.FileField(
        label="或上传文件",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES), "aria-describedby": "id_file_help"}),
        help_text="支持 TXT、HTML、DOCX、PDF、XLSX、ODT、ODS，以及 DOC、WPS、XLS、ET 旧版文件（不超过 5 MB）；"
                  "扫描件（PDF 或 PNG、JPEG 图片）经文字识别读取，不超过 30 MB。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mb = max_scan_bytes() // (1024 * 1024)
        self.fields["file"].help_text = self.fields["file"].help_text.replace("30 MB", f"{mb} MB")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        if upload.size > max_scan_bytes():
            raise forms.ValidationError(f"文件超过 {max_scan_bytes() // (1024 * 1024)} MB，请只上传年度报告本身")
        data = upload.read()
        upload.seek(0)
        try:
            kind = sniff(data)  # the content decides, not the file name
            if kind not in SCAN_KINDS and len(data) > MAX_UPLOAD_BYTES:
                raise forms.ValidationError("文件超过 5 MB，请只上传年度报告本身（扫描件 PDF 或图片除外）")
            if kind in ("docx", "xlsx", "odt", "ods"):
                sandbox.check_zip(data)  # a ZIP bomb is refused here, before anything is inflated
        except sandbox.Refused as e:  # Unreadable too
            raise forms.ValidationError(e.message) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("text") or "").strip() and not cleaned.get("file"):
            raise forms.ValidationError("请粘贴报告全文或选择一个文件")
        return cleaned
