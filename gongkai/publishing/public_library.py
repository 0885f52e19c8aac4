"""Public pages of proactive publication: the policy document library (政策文件库, domain.md 6.4):
its filter form, the selects written out in Python, and the search page."""

from __future__ import annotations

import calendar
import datetime as dt

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.choices import normalize_choices
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency
from gongkai.law import today as law_today
from gongkai.ops import page_cache
from gongkai.ops.ratelimits import limit

from . import library_facets
from .access import public_documents
from .models import DocType, Subject, Validity
from .public_views import PER_PAGE, _column, pager

# ------------------------------------------------------------------------------------------- library

SCOPE_CHOICES = [("full", "全文"), ("title", "标题")]
SORT_CHOICES = [("relevance", "相关度"), ("date", "发布日期（从新到旧）"), ("date_asc", "发布日期（从早到晚）")]
RANGE_CHOICES = [("", "不限"), ("week", "近一周"), ("month", "近一月"), ("year", "近一年")]


def _months_back(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def preset_start(preset: str, today: dt.date) -> dt.date | None:
    if preset == "week":
        return today - dt.timedelta(days=7)
    if preset == "month":
        return _months_back(today, 1)
    if preset == "year":
        return _months_back(today, 12)
    return None


def _subject_choices():
    paths = list(Subject.objects.values_list("path", flat=True))
    if not paths:
        paths = sorted(set(public_documents().exclude(subject="").values_list("subject", flat=True)))
    l1s, l2s = [], {}
    for path in paths:
        l1, _, l2 = path.partition("\\")
        if l1 not in l1s:
            l1s.append(l1)
        if l2:
            l2s.setdefault(l1, []).append((path, l2))
    return (
        [("", "全部")] + [(v, v) for v in l1s],
        [("", "全部")] + [(l1, l2s[l1]) for l1 in l1s if l1 in l2s],
    )


# The organ and subject options of the form, kept per content generation (a change of an organ or of
# the subject list ends them with the public pages): two queries and ~100 options built once, not on
# every library request.
OPTIONS_CACHE_SECONDS = 3600


def _options() -> dict:
    agencies = list(Agency.objects.order_by("path").values_list("code", "name", "path"))
    # "　" per level below the top (``Agency.depth``)
    organs = normalize_choices([("", "全部")] + [(code, "　" * (path.count("/") - 2) + name)
                                                for code, name, path in agencies])
    l1, l2 = _subject_choices()
    return {"agencies": {code: name for code, name, _path in agencies}, "issuer": organs, "agency": organs,
            "l1": normalize_choices(l1), "l2": normalize_choices(l2)}


def _attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html in Python."""
    return "".join(f" {conditional_escape(name)}" if value is True else
                   f' {conditional_escape(name)}="{conditional_escape(value)}"'
                   for name, value in attrs.items() if value is not False)


class Select(forms.Select):
    """Django's ``Select`` with the same HTML as its templates (django/forms/widgets/select.html and
    select_option.html, attributes, selection and escaping included), written out in Python: the
    library form's ~100 options through the template engine took 25–35 ms of every library page.
    ``test_library_form_html`` compares the two renderings."""

    def render(self, name, value, attrs=None, renderer=None):
        # Widget.get_context: name and attributes, without ChoiceWidget's per-option dictionaries
        # (``optgroups``); the options are written from ``self.choices`` as ``optgroups`` selects them.
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]
        values, selected = widget["value"], False
        out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>']
        for group_value, group_label in self.choices:
            if isinstance(group_label, (list, tuple)):
                group_name, choices = group_value, group_label
            else:
                group_name, choices = None, [(group_value, group_label)]
            if group_name:
                out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option_value, option_label in choices:
                option_value = "" if option_value is None else option_value
                this = not selected and str(option_value) in values
                selected |= this
                out.append(f'\n  <option value="{conditional_escape(option_value)}"{" selected" if this else ""}>'
                           f"{conditional_escape(option_label)}</option>\n")
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))


class PythonInput:
    """An input widget with the HTML of django/forms/widgets/input.html (and attrs.html), written out
    in Python as ``Select`` is (``test_library_form_html`` compares)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
        return mark_safe(f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
                         f"{shown}{_attrs_html(widget['attrs'])}>")


class TextInput(PythonInput, forms.TextInput):
    pass


class DateInput(PythonInput, forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class LibraryForm(forms.Form):
    q = forms.CharField(label="检索词", required=False, max_length=200, widget=TextInput)
    scope = forms.ChoiceField(label="检索范围", choices=SCOPE_CHOICES, required=False, widget=forms.RadioSelect)
    issuer = forms.ChoiceField(label="发文机关", required=False, widget=Select)
    agency = forms.ChoiceField(label="发布机构", required=False, widget=Select)
    l1 = forms.ChoiceField(label="主题分类", required=False, widget=Select)
    l2 = forms.ChoiceField(label="二级分类", required=False, widget=Select)
    doc_type = forms.ChoiceField(label="文种", required=False, widget=Select,
                                 choices=[("", "全部")] + list(DocType.choices))
    validity = forms.ChoiceField(label="有效性", required=False, widget=Select,
                                 choices=[("", "全部")] + list(Validity.choices))
    pub_range = forms.ChoiceField(label="发布时间", required=False, widget=Select, choices=RANGE_CHOICES)
    pub_from = forms.DateField(label="发布日期（起）", required=False, widget=DateInput())
    pub_to = forms.DateField(label="发布日期（止）", required=False, widget=DateInput())
    signed_from = forms.DateField(label="成文日期（起）", required=False, widget=DateInput())
    signed_to = forms.DateField(label="成文日期（止）", required=False, widget=DateInput())
    doc_no = forms.CharField(label="发文字号", required=False, max_length=80, widget=TextInput,
                             help_text="可输入完整文号或部分，如 聊政发〔2020〕9号、聊政发 2020")
    sort = forms.ChoiceField(label="排序", choices=SORT_CHOICES, required=False, widget=Select)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = page_cache.remember("library-options", _options, OPTIONS_CACHE_SECONDS)
        self.agencies = options["agencies"]  # code → name
        for name in ("issuer", "agency", "l1", "l2"):
            # Normalised when built (``_options``): assigned as the ``choices`` setter would leave them,
            # without normalising ~100 options twice per field on every request.
            field = self.fields[name]
            field._choices = field.widget.choices = options[name]
        for name in ("pub_from", "pub_to", "signed_from", "signed_to"):
            self.fields[name].error_messages["invalid"] = "请输入有效日期，格式为 YYYY-MM-DD"
        self.fields["scope"].initial = "full"

    def clean(self):
        data = super().clean()
        l1, l2 = data.get("l1"), data.get("l2")
        if l1 and l2 and not l2.startswith(l1 + "\\"):
            self.add_error("l2", "所选二级分类不属于所选主题分类")
        for lo, hi, label in (("pub_from", "pub_to", "发布日期"), ("signed_from", "signed_to", "成文日期")):
            if data.get(lo) and data.get(hi) and data[lo] > data[hi]:
                self.add_error(hi, f"{label}的截止日期不能早于起始日期")
        return data

    def search_kwargs(self, today: dt.date) -> dict:
        d = self.cleaned_data
        published_from = preset_start(d.get("pub_range") or "", today) or d.get("pub_from")
        published_to = today if d.get("pub_range") else d.get("pub_to")
        issuer = self.agencies.get(d.get("issuer") or "", "")
        return {
            "agency_codes": [d["agency"]] if d.get("agency") else None,
            "title_only": d.get("scope") == "title",
            "issuer": issuer,
            "subject": d.get("l2") or d.get("l1") or "",
            "doc_type": d.get("doc_type") or "",
            "validity": d.get("validity") or "",
            "published_from": published_from,
            "published_to": published_to,
            "signed_from": d.get("signed_from"),
            "signed_to": d.get("signed_to"),
            "doc_no": (d.get("doc_no") or "").strip(),
        }


def _page_number(request) -> int:
    """The page asked for, within the pages a list shows (``index.COUNT_CAP`` documents)."""
    from gongkai.search import index

    try:
        return max(1, min(int(request.GET.get("page", 1)), index.COUNT_CAP // PER_PAGE))
    except (TypeError, ValueError):
        return 1


def result_items(hits) -> str:
    """The items of the result list, written out in Python: the template loop they were
    (``test_library_speed`` keeps it and compares) cost ~0.2 ms per hit, 20 hits a page."""
    out = []
    for hit in hits:
        doc = hit.document
        day = timezone.localtime(doc.published_at)
        day = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
        badge = (f'<span class="badge validity validity-{escape(doc.validity)}">{escape(doc.get_validity_display())}'
                 "</span>" if doc.validity != "in_force" else "")
        snippet = f'<p class="snippet">{hit.snippet_html}</p>' if hit.snippet_html else ""
        out.append(
            f'\n      <li>\n        <h3><a href="{reverse("public:doc", args=[doc.pk])}">{hit.title_html}</a> {badge}</h3>'
            f"\n        {snippet}\n        <dl class=\"row-meta\">"
            f"\n          <div><dt>文号</dt><dd>{escape(doc.doc_no) if doc.doc_no else '—'}</dd></div>"
            f"\n          <div><dt>发布机构</dt><dd>{escape(doc.agency.name)}</dd></div>"
            f'\n          <div><dt>发布日期</dt><dd><time datetime="{day}">{day}</time></dd></div>'
            "\n        </dl>\n      </li>\n    ")
    return mark_safe("".join(out))


@require_GET
@limit("search", when=lambda request: bool(request.GET))  # a search or filtered list, per client address
def library(request):
    data = None
    if request.GET:
        data = request.GET.copy()
        data.setdefault("scope", "full")
    form = LibraryForm(data)
    results = hits = facet_panel = None
    page_nav = None
    sort = "date"
    searched = bool(request.GET)
    if form.is_bound and not form.is_valid():
        searched = False
    else:
        from gongkai.search import index

        if form.is_bound:
            kwargs = form.search_kwargs(law_today.today())
            query = form.cleaned_data.get("q", "").strip()
            sort = form.cleaned_data.get("sort") or ("relevance" if query else "date")
        else:
            kwargs, query, sort = {}, "", "date"
        results = index.search(query, sort=sort, page=_page_number(request), per_page=PER_PAGE, **kwargs)
        facet_panel = library_facets.panel(request, form, query, kwargs)
        last = results.pages if results.total else 0  # (of the results that can be paged through)
        if results.page > last > 0:  # past the end (an old link, a typed number): the last page
            results = index.search(query, sort=sort, page=last, per_page=PER_PAGE, **kwargs)
        # Defence in depth: the index holds public documents only, but never show anything else.
        hits = [h for h in results.hits if h.document.is_public]
        num_pages = results.pages if results.total else 0
        page_nav = pager(results.page, num_pages, results.total)
        page_nav["more"] = results.more
        page_nav["estimated"] = results.estimated  # very common words: an estimated total ("约")
    response = render(request, "publishing/public/library.html", {
        "form": form,
        "results": results,
        "hits": hits,
        "result_items": result_items(hits) if hits else "",
        "searched": searched,
        "pager": page_nav,
        "facets": facet_panel,
        "sort": sort,
        "start": (results.page - 1) * results.per_page + 1 if results else 1,
        "filters_open": bool(form.is_bound and (form.errors or any(
            form.data.get(name) for name in form.fields if name not in ("q", "scope", "page")))),
        "column": _column("政策文件库", "跨机关检索本级政府及其部门公开的政策文件",
                          "政策文件,政策文件库,文件检索,政府信息公开", "政策文件"),
    })
    if facet_panel and facet_panel["stale"]:
        # Counts from before the last change, while the job counts anew: not for the page cache.
        patch_cache_control(response, private=True)
    return response
