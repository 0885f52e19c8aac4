from django import forms
from django.contrib import admin
from django.template import Template, TemplateSyntaxError

from gongkai.admin_mixins import ReadOnlyAdminMixin
from gongkai.law import outcomes

from . import context
from .models import Letter, LetterKind, LetterTemplate
from .services import default_template_text

BODY_HELP = (
    "使用 Django 模板语法，纯文本；段落之间空一行。正文最后两段须依次为机关名称（{{ agency.name }}）和文书日期"
    "（{{ letter_date_cn }}），打印时右对齐。答复书须包含收件人、收到申请的日期和方式、申请内容、所依据的条款、"
    "理由及救济途径（{{ remedy }}）。新建模板时可在地址栏加 ?kind=answer_letter&outcome=3.1 载入默认模板。"
)


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ("agency", "kind", "outcome", "title", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 30, "cols": 110})}
        help_texts = {"body": BODY_HELP, "title": "留空使用“机关名称+文书名称”；可使用模板变量"}

    def clean_outcome(self):
        code = (self.cleaned_data.get("outcome") or "").strip()
        if code:
            try:
                outcomes.by_code(code)
            except outcomes.UnknownOutcome as e:
                raise forms.ValidationError(str(e))
        return code

    def _compile(self, field):
        text = self.cleaned_data.get(field) or ""
        try:
            Template(text)
        except TemplateSyntaxError as e:
            raise forms.ValidationError(f"模板语法错误：{e}")
        return text

    def clean_body(self):
        return self._compile("body")

    def clean_title(self):
        return self._compile("title")


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    form = LetterTemplateForm
    list_display = ("kind", "outcome", "agency", "title", "updated_at", "updated_by")
    list_filter = ("kind", "outcome", "agency")
    search_fields = ("title", "body", "agency__name")
    ordering = ("agency__path", "kind", "outcome")
    readonly_fields = ("updated_at", "updated_by", "variables")
    fieldsets = (
        (None, {"fields": ("agency", "kind", "outcome", "title", "body")}),
        ("可用变量", {"classes": ("collapse",), "fields": ("variables",)}),
        ("修改记录", {"fields": ("updated_at", "updated_by")}),
    )

    @admin.display(description="模板变量")
    def variables(self, obj=None):
        from django.template.defaultfilters import linebreaksbr
        from django.utils.html import format_html

        # Line breaks as <br>, no style="" (the Content-Security-Policy allows no inline style).
        return format_html("<div>{}</div>", linebreaksbr(context.__doc__ or ""))

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        kind = request.GET.get("kind", "")
        if kind in LetterKind.values and not initial.get("body"):
            initial["body"] = default_template_text(kind, request.GET.get("outcome", ""))
        return initial

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Issued letters are the record of what was sent: read-only here."""

    list_display = ("number", "title", "kind", "agency", "addressee", "issued_on", "delivered_on", "public")
    list_filter = ("kind", "agency", "public")
    search_fields = ("number", "title", "addressee", "application__reference")
    date_hierarchy = "issued_on"
    list_select_related = ("agency",)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A letter's paragraphs carry the applicant's personal data: logged like the staff letter view.
        from gongkai.applications import access

        letter = self.get_object(request, object_id) if request.method == "GET" else None
        if letter is not None and self.has_view_permission(request, letter):
            access.log_read(request.user, letter.application, f"后台查看文书：{letter.number}")
        return super().change_view(request, object_id, form_url, extra_context)
