"""Forms of the staff pages; the services validate again (the one door)."""

from __future__ import annotations

from django import forms
from django.conf import settings

from gongkai.agencies.models import Agency
from gongkai.core.widgets import DATE_WIDGET
from gongkai.law import proposals as rule

from .models import Kind

TEXTAREA = {"rows": 4}
WIDE = {"size": 60}


class RegisterForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=Kind.choices, widget=forms.RadioSelect)
    session = forms.CharField(label="届次会议", max_length=100, widget=forms.TextInput(attrs=WIDE),
                              help_text="例如：示例市第十七届人民代表大会第五次会议")
    number = forms.CharField(label="编号", max_length=30, help_text="例如：第123号")
    title = forms.CharField(label="标题", max_length=300, widget=forms.TextInput(attrs=WIDE))
    proposers = forms.CharField(label="代表或委员", max_length=300, widget=forms.TextInput(attrs=WIDE), help_text="领衔人在前，多人用“、”分隔")
    lead = forms.ModelChoiceField(label="主办单位", queryset=Agency.objects.none(), empty_label=None)
    co_handlers = forms.ModelMultipleChoiceField(label="会办单位", queryset=Agency.objects.all(), required=False,
                                                 widget=forms.CheckboxSelectMultiple, help_text="可不选")
    assigned_on = forms.DateField(label="交办日期", widget=DATE_WIDGET)

    def __init__(self, *args, leads=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads if leads is not None else Agency.objects.none()
        the_rule = rule.parse_rule(getattr(settings, "GONGKAI", {}).get("PROPOSAL_DEADLINE"))
        self.fields["assigned_on"].help_text = f"答复期限按规则自动计算：{the_rule.describe()}"


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProgressForm(VersionForm):
    occurred_on = forms.DateField(label="日期", widget=DATE_WIDGET)
    note = forms.CharField(label="办理情况", widget=forms.Textarea(attrs=TEXTAREA), max_length=4000,
                           help_text="如：与代表委员沟通、召开座谈会、实地调研、起草复文")


class OpinionForm(VersionForm):
    agency = forms.ModelChoiceField(label="会办单位", queryset=Agency.objects.none(), empty_label=None)
    occurred_on = forms.DateField(label="日期", widget=DATE_WIDGET)
    note = forms.CharField(label="会办意见", widget=forms.Textarea(attrs=TEXTAREA), max_length=4000)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(pk__in=[a.pk for a in agencies])


class AnswerForm(VersionForm):
    classification = forms.ChoiceField(label="办理结果分类", choices=rule.CLASSIFICATIONS, widget=forms.RadioSelect)
    answered_on = forms.DateField(label="答复日期（复文签发日期）", widget=DATE_WIDGET)
    reply_no = forms.CharField(label="复文文号", max_length=80, required=False, help_text="例如：示住建建〔2026〕12号")
    text = forms.CharField(label="复文内容", widget=forms.Textarea(attrs={"rows": 10}), required=False,
                           max_length=50000, help_text="可直接填写复文全文，或上传复文文件（二者至少其一）")
    file = forms.FileField(label="复文文件", required=False, help_text="PDF、DOCX 或图片，大小不超过上传限制")

    def clean_file(self):
        f = self.cleaned_data.get("file")
        limit = settings.UPLOAD_MAX_BYTES
        if f and f.size > limit:
            raise forms.ValidationError(f"复文文件过大，上限为{limit // (1024 * 1024)} MB")
        return f


class FeedbackForm(VersionForm):
    feedback = forms.ChoiceField(label="代表委员意见", choices=rule.FEEDBACK, widget=forms.RadioSelect)
    occurred_on = forms.DateField(label="反馈日期", widget=DATE_WIDGET)
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)


class PublishForm(VersionForm):
    mode = forms.ChoiceField(label="公开方式", choices=rule.PUBLICATION_MODES, widget=forms.RadioSelect)
    summary = forms.CharField(label="公开摘要", widget=forms.Textarea(attrs=TEXTAREA), required=False,
                              max_length=3000, help_text="选择“公开复文摘要”时必填；不得包含个人信息")
