"""Public pages of proactive publication: the gazette (政府公报) and major-decision consultations
(重大行政决策预公开, domain.md 7)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from gongkai.files import serving
from gongkai.law import today as law_today
from gongkai.ops.ratelimit_wait import ratelimit

from .access import public_documents
from .models import Comment, Consultation, GazetteIssue
from .public_views import _column, _mask_name, _page, _page_pager

# -------------------------------------------------------------------------------------------- gazette


class GazetteSearchForm(forms.Form):
    year = forms.IntegerField(label="年份", required=False, min_value=1949, max_value=2100)
    issue_no = forms.IntegerField(label="期号", required=False, min_value=1, max_value=999)
    cumulative_no = forms.IntegerField(label="总期数", required=False, min_value=1, max_value=99999)
    title = forms.CharField(label="文件标题或发文字号", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = "请输入数字"
                field.error_messages["min_value"] = "请输入有效的数字"
                field.error_messages["max_value"] = "请输入有效的数字"


def _visible_issues():
    return GazetteIssue.objects.filter(published_on__lte=law_today.today()).select_related("agency")


@require_GET
def gazette_list(request):
    form = GazetteSearchForm(request.GET or None)
    issues = _visible_issues().order_by("-published_on", "-year", "-issue_no")
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        if d.get("year"):
            issues = issues.filter(year=d["year"])
        if d.get("issue_no"):
            issues = issues.filter(issue_no=d["issue_no"])
        if d.get("cumulative_no"):
            issues = issues.filter(cumulative_no=d["cumulative_no"])
        title = (d.get("title") or "").strip()
        if title:
            matching = public_documents().filter(Q(title__icontains=title) | Q(doc_no__icontains=title))
            issues = issues.filter(documents__in=matching.values("pk")).distinct()
    elif form.is_bound:
        issues = issues.none()
    page = _page(request, issues)
    return render(request, "publishing/public/gazette_list.html", {
        "form": form,
        "page": page,
        "pager": _page_pager(page),
        "column": _column("政府公报", "政府公报各期目录及全文", "政府公报,公报,政府信息公开", "政府公报"),
    })


def gazette_issue(request, pk):
    issue = get_object_or_404(_visible_issues(), pk=pk)
    docs = public_documents().filter(gazette_issues=issue).order_by("id")
    return render(request, "publishing/public/gazette_issue.html", {
        "issue": issue,
        "docs": docs,
        "column": _column("政府公报", "政府公报各期目录及全文", "政府公报,公报,政府信息公开", "政府公报"),
    })


def gazette_pdf(request, pk):
    # Before its publication date an issue's PDF (private storage) opens only for those who may edit it.
    issues = GazetteIssue.objects if request.user.has_perm("publishing.change_gazetteissue") else _visible_issues()
    issue = get_object_or_404(issues, pk=pk)
    if not issue.pdf:
        raise Http404("本期暂无PDF版")
    return serving.serve(issue.pdf, filename=f"政府公报{issue.year}年第{issue.issue_no}期.pdf",
                         content_type="application/pdf", restricted=issue.published_on > law_today.today())


# -------------------------------------------------------------------------------------- consultations

STATUS_FILTERS = [("", "全部"), ("open", "征集中"), ("closed", "已结束")]


def _visible_consultations():
    return Consultation.objects.filter(published_at__isnull=False, published_at__lte=law_today.now()) \
        .select_related("agency")


def _has_feedback(c) -> bool:
    return bool(c.feedback_published_at and c.feedback_published_at <= law_today.now())


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(label="征集状态", choices=STATUS_FILTERS, required=False)


@require_GET
def consultation_list(request):
    today = law_today.today()
    form = StatusFilterForm(request.GET or None)
    items = _visible_consultations().order_by("-starts_on", "-id")
    status = form.cleaned_data.get("status") if form.is_bound and form.is_valid() else ""
    if status == "open":
        items = items.filter(starts_on__lte=today, ends_on__gte=today)
    elif status == "closed":
        items = items.filter(ends_on__lt=today)
    page = _page(request, items)
    rows = [{"c": c, "status": c.status_on(today), "has_feedback": _has_feedback(c)} for c in page]
    return render(request, "publishing/public/consultation_list.html", {
        "form": form,
        "page": page,
        "pager": _page_pager(page),
        "rows": rows,
        "column": _column("意见征集", "重大行政决策预公开及意见征集", "意见征集,重大决策预公开,征求意见稿", "意见征集"),
    })


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["name", "contact", "body"]
        labels = {"name": "姓名", "contact": "联系方式（选填）", "body": "意见建议"}
        help_texts = {"contact": "电话或电子邮箱，仅用于必要时与您联系，不会公开", "body": "不超过2000字"}
        widgets = {"body": forms.Textarea(attrs={"rows": 8, "maxlength": 2000})}
        error_messages = {"name": {"required": "请填写姓名"}, "body": {"required": "请填写意见"}}

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError("请填写意见")
        if len(body) > 2000:
            raise forms.ValidationError("意见不超过2000字")
        return body

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("请填写姓名")
        return name


# (group: the name the view had before the split, so that its counters keep their cache keys)
@ratelimit(group="gongkai.publishing.public_views.consultation_detail", key="ip", rate="5/h", method="POST",
           block=True)
def consultation_detail(request, pk):
    c = get_object_or_404(_visible_consultations(), pk=pk)
    today = law_today.today()
    status = c.status_on(today)
    is_open = status == "征集中"
    form = None
    http_status = 200
    if is_open:
        form = CommentForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                comment = form.save(commit=False)
                comment.consultation = c
                comment.status = Comment.PENDING
                comment.save()
                messages.success(request, "您的意见已提交，经审核后公开。感谢您的参与！")
                return redirect(reverse("public:consultation", args=[c.pk]) + "#comment-form")
            http_status = 400
    elif request.method == "POST":
        http_status = 403
        messages.error(request, "本次意见征集已结束，不再接收意见。" if status == "已结束" else "意见征集尚未开始。")
    comments = [(_mask_name(x.name), x) for x in c.comments.filter(status=Comment.APPROVED).order_by("submitted_at")]
    return render(request, "publishing/public/consultation.html", {
        "c": c,
        "status": status,
        "is_open": is_open,
        "form": form,
        "comments": comments,
        "has_feedback": _has_feedback(c),
        "page_url": request.build_absolute_uri(reverse("public:consultation", args=[c.pk])),
        "description": " ".join(c.body.split())[:200],
        "column": _column("意见征集", "重大行政决策预公开及意见征集", "意见征集,重大决策预公开,征求意见稿", "意见征集"),
    }, status=http_status)
