"""The mailbox's forms: the public letter (validated like the application form: the phone and e-mail
by gongkai.law.identifiers, a hidden field for bots, the rate limit in the view), the progress query,
and the staff steps (each with the message's version)."""

from django import forms

from gongkai.law import mailbox as rules
from gongkai.law.identifiers import (
    TRACKING_CODE_MAX_LENGTH,
    InvalidIdentifier,
    validate_email,
    validate_phone,
)

CONSENT_CHOICES = [("no", "不同意公开（默认）：答复只告知本人"),
                   ("yes", "同意公开：来信和答复可在本信箱页面公开，姓名显示为“张**”形式，联系方式不公开")]


class _Described(forms.Form):
    """aria-describedby for the help and error elements of field.html."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_help"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                help_id = f"id_{name}_help " if self.fields[name].help_text else ""
                attrs.update({"aria-invalid": "true", "aria-describedby": f"{help_id}id_{name}_error"})


class MessageForm(_Described):
    writer_name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=30, help_text="手机号码或带区号的固定电话，仅用于联系您，不会公开")
    email = forms.CharField(label="电子邮箱（选填）", max_length=254, required=False,
                            help_text="填写后，查询号和答复将发送到该邮箱")
    category = forms.ChoiceField(label="来信类别", choices=rules.CATEGORIES, widget=forms.RadioSelect)
    subject = forms.CharField(label="标题", max_length=100)
    text = forms.CharField(label="来信内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="请写明事项、时间和地点；请勿填写身份证号码、银行卡号等与来信无关的个人信息。"
                                     "申请获取政府信息的，请通过依申请公开渠道提出。")
    consent_publish = forms.ChoiceField(label="是否同意公开来信和答复", choices=CONSENT_CHOICES,
                                        widget=forms.RadioSelect, initial="no")
    # A field people never see; bots fill it (with the rate limit, in place of an image CAPTCHA).
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def clean_writer_name(self):
        return self.cleaned_data["writer_name"].strip()

    def clean_phone(self):
        try:
            return validate_phone(self.cleaned_data["phone"])
        except InvalidIdentifier as e:
            raise forms.ValidationError(str(e))

    def clean_email(self):
        value = (self.cleaned_data.get("email") or "").strip()
        if not value:
            return ""
        try:
            return validate_email(value)
        except InvalidIdentifier as e:
            raise forms.ValidationError(str(e))

    def clean_subject(self):
        value = self.cleaned_data["subject"].strip()
        if not value:
            raise forms.ValidationError("请填写标题")
        return value

    def clean_text(self):
        value = self.cleaned_data["text"].strip()
        if len(value) < 5:
            raise forms.ValidationError("来信内容过短，请写明您反映的事项")
        return value

    def message_data(self) -> dict:
        d = self.cleaned_data
        return {"writer_name": d["writer_name"], "phone": d["phone"], "email": d["email"], "subject": d["subject"],
                "text": d["text"], "category": d["category"], "consent_publish": d["consent_publish"] == "yes"}


class QueryForm(_Described):
    reference = forms.CharField(label="查询号", max_length=TRACKING_CODE_MAX_LENGTH)
    writer_name = forms.CharField(label="姓名", max_length=50)


# -- staff steps -------------------------------------------------------------------------------


class ActionForm(forms.Form):
    STALE = "页面已过期，请刷新页面后重新填写"
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": STALE, "invalid": STALE})


class DraftForm(ActionForm):
    text = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)


class ApproveForm(ActionForm):
    note = forms.CharField(label="审核意见（选填）", required=False, max_length=500)


class ReturnForm(ActionForm):
    note = forms.CharField(label="退回意见", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class ConvertForm(ActionForm):
    note = forms.CharField(label="告知来信人的补充说明（选填，例如所需信息的名称）", required=False,
                           widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class PublicTextForm(ActionForm):
    public_subject = forms.CharField(label="公开标题", max_length=100)
    public_text = forms.CharField(label="公开的来信内容（请遮盖个人信息）", widget=forms.Textarea(attrs={"rows": 6}))


class UnpublishForm(ActionForm):
    reason = forms.CharField(label="撤下理由", max_length=500)


class NoteForm(ActionForm):
    text = forms.CharField(label="备注", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class FromApplicationForm(ActionForm):
    reasons = forms.CharField(label="理由（写入答复书）", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


STEP_FORMS = {
    "accept": ActionForm,
    "draft": DraftForm,
    "approve": ApproveForm,
    "return": ReturnForm,
    "convert": ConvertForm,
    "publish": ActionForm,
    "unpublish": UnpublishForm,
    "note": NoteForm,
}
