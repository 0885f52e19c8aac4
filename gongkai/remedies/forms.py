from django import forms

from gongkai.core.widgets import DATE_WIDGET

from .models import RemedyCase


class RemedyCaseForm(forms.ModelForm):
    application_reference = forms.CharField(label="关联申请登记编号（选填）", required=False)

    class Meta:
        model = RemedyCase
        fields = ["agency", "kind", "litigation_path", "case_no", "body", "filed_on", "result", "result_detail",
                  "concluded_on", "notes"]
        widgets = {"filed_on": DATE_WIDGET, "concluded_on": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 2})}
