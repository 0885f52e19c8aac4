from django import forms
from django.contrib import admin, messages

from gongkai.law import outcomes

from .models import Agency, Membership

REMEDY_NAME_HELP = "答复书和终止办理告知书的救济途径段落必须写明其名称；未填写时不能签发答复书。"


class AgencyForm(forms.ModelForm):
    """The reconsideration-first setting as one checkbox per outcome (legal-review.md B1); only the
    outcomes that depart from the default of law/outcomes.py are stored."""

    reconsideration_first_codes = forms.MultipleChoiceField(
        label="复议前置的办理结果",
        choices=outcomes.CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=Agency._meta.get_field("reconsideration_first").help_text,
    )

    class Meta:
        model = Agency
        fields = (
            "code", "name", "kind", "parent", "uscc", "office_name", "office_address", "office_hours",
            "office_phone", "office_fax", "office_email", "postcode", "reconsideration_organ",
            "reconsideration_address", "court", "letter_prefix", "index_no_template", "site_id_code",
            "sensitive_words", "auto_confirm_online", "require_2fa",
        )
        help_texts = {
            "reconsideration_organ": "例如：示例市人民政府（行政复议法第二十四条）。" + REMEDY_NAME_HELP,
            "court": "例如：示例市南湖区人民法院（行政诉讼法第十四条、第十五条）。" + REMEDY_NAME_HELP,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reconsideration_first_codes"].initial = [
            o.code for o in outcomes.LEAVES if self.instance.reconsideration_first_for(o)
        ]

    def save(self, commit=True):
        chosen = set(self.cleaned_data.get("reconsideration_first_codes") or ())
        self.instance.reconsideration_first = {
            code: code in chosen
            for code, default in outcomes.RECONSIDERATION_FIRST_DEFAULT.items()
            if (code in chosen) != default
        }
        return super().save(commit=commit)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    form = AgencyForm
    list_display = ("name", "code", "kind", "parent", "letter_prefix", "remedy_names")
    search_fields = ("name", "code")
    list_filter = ("kind",)
    inlines = [MembershipInline]

    @admin.display(description="救济途径")
    def remedy_names(self, obj):
        missing = obj.missing_remedy_fields()
        return f"未填写{'、'.join(missing)}，不能签发答复书" if missing else "已填写"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        agency = self.get_object(request, object_id)
        if agency is not None and request.method == "GET":
            missing = agency.missing_remedy_fields()
            if missing:
                messages.warning(
                    request,
                    f"本机关尚未填写{'、'.join(missing)}：答复书和终止办理告知书须写明行政复议机关和管辖人民法院的名称，"
                    "填写前不能签发。",
                )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role")
    list_filter = ("role",)
