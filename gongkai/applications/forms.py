"""Forms for intake and actions. Validation messages are Chinese; identifiers are checked with
gongkai.law.identifiers; uploads are sniffed by content, not by their file name."""

from django import forms
from django.conf import settings

from gongkai.agencies.models import Agency
from gongkai.core.widgets import DATE_WIDGET
from gongkai.law import outcomes
from gongkai.law.fees import PAYMENT_METHODS
from gongkai.law.identifiers import (
    InvalidIdentifier,
    validate_email,
    validate_phone,
    validate_postcode,
    validate_resident_id,
    validate_uscc,
)

from .models import ApplicantKind, Carrier, Channel, Delivery, IdType, OrgType
from .services import DETAIL_FIELDS, Upload

# Magic numbers of the accepted upload types (domain.md 7.2: jpg/png/pdf).
SIGNATURES = {
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
    b"%PDF-": ("application/pdf", ".pdf"),
}


def sniff_upload(f, label: str) -> Upload:
    """Accept only real JPEG, PNG or PDF content within the size limit."""
    limit = settings.UPLOAD_MAX_BYTES
    if f.size > limit:
        raise forms.ValidationError(f"{label}文件过大（{f.size // 1024} KB），上限为{limit // (1024 * 1024)} MB")
    content = f.read()
    if not content:
        raise forms.ValidationError(f"{label}文件为空")
    for magic, (ctype, ext) in SIGNATURES.items():
        if content.startswith(magic):
            name = (f.name or "upload").rsplit("/", 1)[-1][:100]
            if not name.lower().endswith((ext, ".jpeg") if ext == ".jpg" else (ext,)):
                name += ext
            return Upload(kind="", name=name, content=content, content_type=ctype)
    raise forms.ValidationError(f"{label}只接受 JPG、PNG 或 PDF 文件（按文件内容识别）")


class ApplicantForm(forms.Form):
    """Art. 29 contents of an application (domain.md 7.2). Purpose is optional and never required."""

    applicant_kind = forms.ChoiceField(label="申请人类型", choices=ApplicantKind.choices, widget=forms.RadioSelect)
    org_type = forms.ChoiceField(label="组织类型", choices=[("", "（法人或其他组织填写）")] + OrgType.choices,
                                 required=False)
    name = forms.CharField(label="姓名/名称", max_length=100)
    id_type = forms.ChoiceField(label="证件类型", choices=IdType.choices, required=False)
    id_number = forms.CharField(label="证件号码/统一社会信用代码", max_length=40)
    legal_representative = forms.CharField(label="法定代表人", max_length=50, required=False)
    contact_name = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=30)
    email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    address = forms.CharField(label="通信地址", max_length=200)
    postcode = forms.CharField(label="邮政编码", max_length=6, required=False)
    employer = forms.CharField(label="工作单位", max_length=100, required=False)
    fax = forms.CharField(label="传真", max_length=30, required=False)
    is_proxy = forms.BooleanField(label="委托代理人申请", required=False)
    agent_name = forms.CharField(label="代理人姓名", max_length=50, required=False)
    agent_id_number = forms.CharField(label="代理人身份证号码", max_length=40, required=False)
    agent_phone = forms.CharField(label="代理人电话", max_length=30, required=False)
    info_title = forms.CharField(label="所需信息名称", max_length=200, required=False)
    info_doc_no = forms.CharField(label="文号", max_length=60, required=False)
    info_index_no = forms.CharField(label="索引号", max_length=60, required=False)
    description = forms.CharField(
        label="所需信息的特征性描述", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
        help_text="请尽量写明信息的名称、文号、形成时间、制作机关等；一事一申请，避免使用“所有”“相关”“等”。",
    )
    purpose = forms.CharField(label="用途（选填）", max_length=200, required=False)
    carrier = forms.ChoiceField(label="载体形式", choices=Carrier.choices)
    delivery = forms.ChoiceField(label="获取方式", choices=Delivery.choices)
    accept_other_delivery = forms.BooleanField(
        label="若本机关无法按照指定方式提供，可接受其他方式", required=False, initial=True
    )
    identity_proof = forms.FileField(label="身份证明（JPG、PNG 或 PDF）", required=False)
    authorisation = forms.FileField(label="授权委托书（代理申请时提交）", required=False)
    agent_identity = forms.FileField(label="代理人身份证明", required=False)

    identity_required = True

    def clean(self):
        data = super().clean()
        errors = {}
        kind = data.get("applicant_kind")
        number = (data.get("id_number") or "").strip()

        def check(field, fn, value):
            try:
                return fn(value)
            except InvalidIdentifier as e:
                errors[field] = str(e)
                return value

        if kind == ApplicantKind.ORGANISATION:
            if not data.get("org_type"):
                errors["org_type"] = "请选择组织类型（商业企业、科研机构、社会公益组织、法律服务机构或其他）"
            if number:
                data["id_number"] = check("id_number", validate_uscc, number)
            for field, label in (("legal_representative", "法定代表人"), ("contact_name", "联系人")):
                if not (data.get(field) or "").strip():
                    errors[field] = f"法人或其他组织须填写{label}"
            data["id_type"] = data["employer"] = ""  # the other type's fields (shown without JS) are not kept
        elif kind == ApplicantKind.NATURAL_PERSON:
            data["org_type"] = data["legal_representative"] = data["contact_name"] = ""
            if not data.get("id_type"):
                errors["id_type"] = "请选择证件类型"
            elif data["id_type"] == IdType.RESIDENT_ID and number:
                data["id_number"] = check("id_number", validate_resident_id, number)
        if data.get("phone"):
            data["phone"] = check("phone", validate_phone, data["phone"])
        if data.get("email"):
            data["email"] = check("email", validate_email, data["email"])
        if data.get("postcode"):
            data["postcode"] = check("postcode", validate_postcode, data["postcode"])
        if data.get("is_proxy"):
            if not (data.get("agent_name") or "").strip():
                errors["agent_name"] = "委托代理人申请须填写代理人姓名"
            if data.get("agent_id_number"):
                data["agent_id_number"] = check("agent_id_number", validate_resident_id, data["agent_id_number"])
            else:
                errors["agent_id_number"] = "请填写代理人身份证号码"
            if not data.get("authorisation"):
                errors["authorisation"] = "委托代理人申请须上传授权委托书"
        if data.get("email") == "" and data.get("delivery") == Delivery.EMAIL:
            errors["email"] = "选择电子邮件获取信息时须填写电子邮箱"
        uploads = []
        for field, label, kind_ in (
            ("identity_proof", "身份证明", "identity"),
            ("authorisation", "授权委托书", "authorisation"),
            ("agent_identity", "代理人身份证明", "agent_identity"),
        ):
            f = data.get(field)
            if f:
                try:
                    up = sniff_upload(f, label)
                    up.kind = kind_
                    uploads.append(up)
                except forms.ValidationError as e:
                    errors[field] = e.messages[0]
        if (self.identity_required and not data.get("identity_proof") and "identity_proof" not in errors
                and "identity_proof" not in self.errors):
            errors["identity_proof"] = "请上传身份证明（条例第二十九条）"
        for field, message in errors.items():
            self.add_error(field, message)
        data["uploads"] = uploads
        return data

    def application_data(self) -> dict:
        skip = {"identity_proof", "authorisation", "agent_identity", "uploads"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class PublicApplicationForm(ApplicantForm):
    agency = forms.ModelChoiceField(label="受理机关", queryset=Agency.objects.order_by("path"), empty_label=None)
    # A field people never see; bots fill it (with the rate limit, in place of an image CAPTCHA).
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
    # Ids of the published documents suggested while typing (issue 15 item 3), checked against the
    # public documents by portal.suggest.snapshot; ill-formed values are dropped, never an error.
    suggestions = forms.CharField(required=False, widget=forms.HiddenInput)
    field_order = ["agency"]


class StaffRegistrationForm(ApplicantForm):
    identity_required = False  # staff check identity documents in person; scans are optional
    channel = forms.ChoiceField(label="申请方式", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    is_oral = forms.BooleanField(label="口头申请，由工作人员代为填写（条例第二十九条）", required=False)
    submitted_on = forms.DateField(label="提交（寄出/到达）日期", widget=DATE_WIDGET)
    # Art. 31(二): an ordinary letter's receipt is to be confirmed on the day it arrives.
    arrived_on = forms.DateField(label="到达日期（平信填写；应于到达当日确认收到）", widget=DATE_WIDGET, required=False)
    received_on = forms.DateField(
        label="收到日期（挂号信填签收日期；当面提交自动为提交日期）", widget=DATE_WIDGET, required=False
    )
    # 国办函〔2020〕109号第四条: the 按件 count adds up the pieces each application is split into here.
    pieces = forms.IntegerField(label="件数（一份申请包含多项内容的，按件拆分；默认1件）", min_value=1, max_value=999,
                                initial=1, required=False)
    field_order = ["channel", "is_oral", "submitted_on", "arrived_on", "received_on", "pieces"]

    def application_data(self) -> dict:
        data = super().application_data()
        data.pop("pieces", None)
        return data


class QueryForm(forms.Form):
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=ApplicantKind.choices, widget=forms.RadioSelect,
                                       initial=ApplicantKind.NATURAL_PERSON)
    name = forms.CharField(label="姓名/名称", max_length=100)
    tracking_code = forms.CharField(label="查询号", max_length=20)


# -- actions ---------------------------------------------------------------------------------


class ActionForm(forms.Form):
    STALE = "页面已过期，请刷新页面后重新填写"
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": STALE, "invalid": STALE})


class DatedActionForm(ActionForm):
    on = forms.DateField(label="日期", widget=DATE_WIDGET)


class ConfirmReceiptForm(DatedActionForm):
    note = forms.CharField(label="说明", required=False)
    arrived_on = forms.DateField(label="到达日期（平信填写；应于到达当日确认收到）", widget=DATE_WIDGET, required=False)
    pieces = forms.IntegerField(label="件数（一份申请包含多项内容的，按件拆分；默认1件）", min_value=1, max_value=999,
                                required=False)


class AssignForm(ActionForm):
    user = forms.ChoiceField(label="经办人")


class RouteForm(ActionForm):
    to_agency = forms.ModelChoiceField(label="转至机关", queryset=Agency.objects.order_by("path"))
    reason = forms.CharField(label="转办理由", widget=forms.Textarea(attrs={"rows": 2}))


class TransferForm(DatedActionForm):
    to_agency = forms.ModelChoiceField(label="负责公开该信息的机关", queryset=Agency.objects.order_by("path"))
    reasons = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    # 个人信息保护法第十三条、第三十四条 (legal-review.md B11): forwarded only with recorded consent.
    consent = forms.CharField(label="申请人同意转送的记录（同意的方式和日期，如“2025年3月5日电话同意，已录音”；"
                                    "未同意的留空，仅告知负责机关）", required=False)


class CorrectionForm(DatedActionForm):
    items = forms.CharField(label="需补正的事项（逐项写明）", widget=forms.Textarea(attrs={"rows": 3}))
    # Art. 30 "合理的补正期限": at least 10 WD, 15 by default (legal-review.md B8).
    period_days = forms.IntegerField(label="补正期限（工作日，自送达之日起计算）", min_value=10, max_value=60,
                                     initial=15)
    served_on = forms.DateField(label="送达日期（电子送达可填发送日期；邮寄的签收后再登记送达）", widget=DATE_WIDGET,
                                required=False)


class RecordCorrectionForm(DatedActionForm):
    note = forms.CharField(label="补正内容摘要", required=False)


class ConsultForm(DatedActionForm):
    # Only Art. 32/34 consultations pause the clock; asking another organ for help is a note (A1).
    kind = forms.ChoiceField(label="征求意见对象", choices=[("third_party", "第三方（第三十二条）"),
                                                         ("co_maker", "共同制作机关（第三十四条）")])
    party = forms.CharField(label="对象名称", max_length=100)
    matters = forms.CharField(label="征求意见的信息", widget=forms.Textarea(attrs={"rows": 2}))
    served_on = forms.DateField(label="送达日期（电子送达可填发送日期；邮寄的签收后再登记送达）", widget=DATE_WIDGET,
                                required=False)


class ConsultationReplyForm(DatedActionForm):
    consultation_id = forms.ChoiceField(label="对应的征求意见")
    opinion = forms.ChoiceField(label="意见", choices=[("agree", "同意公开"), ("object", "不同意公开"),
                                                      ("none", "未表示意见")])
    note = forms.CharField(label="答复摘要", required=False)


class ExtendForm(DatedActionForm):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))


class DeferForm(DatedActionForm):
    due = forms.DateField(label="确定的答复日期", widget=DATE_WIDGET)
    reason = forms.CharField(label="理由（条例第三十五条）", widget=forms.Textarea(attrs={"rows": 2}))
    explanation = forms.CharField(label="申请人按《说明理由告知书》说明的理由（收到日期及内容）",
                                  widget=forms.Textarea(attrs={"rows": 2}))


class ExplanationForm(DatedActionForm):
    reason = forms.CharField(label="申请数量、频次明显超过合理范围的情况", widget=forms.Textarea(attrs={"rows": 2}))
    reply_by = forms.DateField(label="说明理由的期限（至少5个工作日）", widget=DATE_WIDGET)


class FeeForm(DatedActionForm):
    scale = forms.ChoiceField(label="收费方式（二者择一）", choices=[("per_piece", "按件计收"), ("per_volume", "按量计收")])
    units = forms.IntegerField(label="页数（按量计收时填写；按件计收以登记的件数为准）", min_value=1, required=False)
    payment_method = forms.ChoiceField(label="缴纳方式", choices=[("", "请选择")] + list(PAYMENT_METHODS.items()))
    payment_reference = forms.CharField(label="缴款码、缴款书编号或缴款账户", max_length=200)
    reason = forms.CharField(label="收费理由（申请数量或频次明显超过合理范围）", widget=forms.Textarea(attrs={"rows": 2}))
    served_on = forms.DateField(label="送达日期（电子送达可填发送日期；邮寄的签收后再登记送达）", widget=DATE_WIDGET,
                                required=False)


class PaymentForm(DatedActionForm):
    note = forms.CharField(label="缴款凭证号", required=False)


class DecideForm(DatedActionForm):
    outcome = forms.ChoiceField(label="办理结果", choices=[("", "请选择")] + [
        (o.code, f"{o.group_label} / {o.label}" if o.group not in ("1", "2") else o.label)
        for o in outcomes.LEAVES if o.code not in ("6.1", "6.2")
    ])
    reasons = forms.CharField(label="理由（不予公开等须写明）", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in DETAIL_FIELDS.items():
            multi = key in ("exemption_basis", "explanation_reply", "public_interest_reason")  # one part a line
            self.fields[key] = forms.CharField(label=label, required=False,
                                               widget=forms.Textarea(attrs={"rows": 3}) if multi else None)

    def detail_groups(self) -> list[dict]:
        """The detail fields under a heading per outcome group (decide_layout.py; the case page)."""
        from .decide_layout import groups

        return groups(self)


class ServiceForm(DatedActionForm):
    """送达 of a notice with a period, recorded later (legal-review.md A5, B8); ``on`` is the service date."""

    letter_id = forms.ChoiceField(label="送达的告知书")
    method = forms.CharField(label="送达方式（如邮寄签收、当面领取、电子邮件）", initial="邮寄签收")
    reason = forms.CharField(label="更正已登记的送达日期时，写明理由", required=False)


class DeliveryForm(DatedActionForm):
    method = forms.CharField(label="送达方式", initial="电子邮件")


class WithdrawForm(DatedActionForm):
    reason = forms.CharField(label="撤回方式及说明")


class SupplementaryForm(DatedActionForm):
    text = forms.CharField(label="补充答复内容", widget=forms.Textarea(attrs={"rows": 4}))


class NoteForm(ActionForm):
    text = forms.CharField(label="备注", widget=forms.Textarea(attrs={"rows": 2}))
