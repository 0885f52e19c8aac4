"""Forms of the annual-report pages. Validation of figures lives in services (one place)."""

from django import forms

from gongkai.agencies.models import Agency
from gongkai.law import report_format as rf

from .models import Scope
from .narrative import SECTION_TITLE

NARRATIVE_HELP = {
    "overview": "包括主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况；人民政府的报告在监督保障部分"
                "还应报告工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项）。"
                "可点击“插入系统生成的数据段落”，数据以引用形式写入，显示时由系统按表格生成，请勿手工输入数字和百分比。",
    "proactive": "表格由系统根据政策文件库和录入数据生成，此处可填写表格前的说明文字（选填）。",
    "applications": "表格由系统根据申请办理记录生成，此处可填写表格前的说明文字（选填）。",
    "review_litigation": "表格由系统根据复议诉讼案件记录生成，此处可填写表格前的说明文字（选填）。",
    "problems": "存在的主要问题及改进情况。",
    "other_matters": "如：收取信息处理费情况（系统按本年度收费记录核对）、落实上级年度政务公开工作要点情况、"
                     "人大代表建议和政协提案办理结果公开情况等。",
}


class NewReportForm(forms.Form):
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.none())
    year = forms.IntegerField(label="报告年度", min_value=rf.FIRST_YEAR[rf.FORMAT_2019])
    scope = forms.ChoiceField(label="报告范围", choices=Scope.choices, initial=Scope.ORGAN,
                              widget=forms.RadioSelect)


class NarrativeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, title in SECTION_TITLE.items():
            self.fields[key] = forms.CharField(
                label=title, required=False, help_text=NARRATIVE_HELP.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 12 if key in ("overview", "problems") else 4}),
            )


class AdjustmentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.CharField(label="调整后的数值", max_length=30, help_text="留空表示该单元格为空白")
    reason = forms.CharField(label="调整理由", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="必填，将显示在该单元格旁，并随报告冻结")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].required = False


class ManualFigureForm(forms.Form):
    cell = forms.ChoiceField(label="单元格")
    value = forms.CharField(label="数值", max_length=30, required=False,
                            help_text="件数为整数；“本年增/减”可写 +3、-14 或 减4；金额单位为万元；留空或“/”表示无此项")
    source_note = forms.CharField(label="数据来源", max_length=300,
                                  help_text="例如：市政务服务平台2025年度统计表（2026年1月5日导出）")


class FigureImportForm(forms.Form):
    file = forms.FileField(label="CSV 或 XLSX 文件",
                           help_text="表头为“行,列,数值,来源说明”（如：行政许可,本年处理决定数量,1234,某某系统）"
                                     "或“单元格,数值,来源说明”")
    source_note = forms.CharField(label="默认数据来源", max_length=300, required=False,
                                  help_text="文件中未填写来源的行使用此来源")


class PastReportForm(forms.Form):
    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.none())
    year = forms.IntegerField(label="年度", min_value=rf.FIRST_YEAR[rf.FORMAT_2019])
    scope = forms.ChoiceField(label="报告范围", choices=Scope.choices, initial=Scope.ORGAN)
    file = forms.FileField(label="文件",
                           help_text="JSON（本系统导出的年度报告 JSON 格式），或表三的 CSV/XLSX"
                                     "（表头：行,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计）")
    source_note = forms.CharField(label="数据来源", max_length=300,
                                  help_text="例如：本机关门户网站公布的2024年度报告（2025年1月20日发布）")


class ReasonForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label="理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))
