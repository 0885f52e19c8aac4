"""The facet panel and the active-filter chips of the policy library (issue 15 item 5).

Counts come from ``gongkai.search.facets`` (cached per content generation); this module turns them
into links that narrow the current search: each link keeps the other filters and the query, drops
the page number, and a selected value links to its own removal. Server-rendered, no script.
"""

from __future__ import annotations

import datetime as dt

from django.http import QueryDict

# Values shown before 「更多」 in each facet.
SHOWN = 8
# Filters shown as removable chips: (form field(s), label); dates are one chip per range.
_CHIPS = (
    (("issuer",), "发文机关"), (("agency",), "发布机构"), (("l1", "l2"), "主题分类"), (("l2",), "二级分类"),
    (("doc_type",), "文种"), (("validity",), "有效性"), (("pub_range",), "发布时间"),
    (("pub_from", "pub_to"), "发布日期"), (("signed_from", "signed_to"), "成文日期"), (("doc_no",), "发文字号"),
)


def _href(request, *, drop=(), **values) -> str:
    params: QueryDict = request.GET.copy()
    for name in ("page", *drop, *values):
        params.pop(name, None)
    for name, value in values.items():
        params[name] = value
    encoded = params.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _selected_year(data: dict) -> str:
    lo, hi = data.get("pub_from"), data.get("pub_to")
    if lo and hi and not data.get("pub_range") and (lo, hi) == _year_bounds(lo.year):
        return str(lo.year)
    return ""


def _link(request, key: str, value: str, active: bool) -> str:
    """The link of one facet value: select it (keeping the other filters) or, if selected, remove it."""
    if key == "year":
        if active:
            return _href(request, drop=("pub_from", "pub_to"))
        lo, hi = _year_bounds(int(value))
        return _href(request, drop=("pub_range",), pub_from=lo.isoformat(), pub_to=hi.isoformat())
    param = "l1" if key == "subject" else key
    if active:
        return _href(request, drop=(param, "l2") if key == "subject" else (param,))
    return _href(request, drop=("l2",) if key == "subject" else (), **{param: value})


def _chip_value(form, names: tuple[str, ...]) -> str:
    data = form.cleaned_data
    if names[0] in ("pub_from", "signed_from"):
        lo, hi = data.get(names[0]), data.get(names[1])
        if not (lo or hi):
            return ""
        return f"{lo.isoformat() if lo else '不限'} 至 {hi.isoformat() if hi else '不限'}"
    value = data.get(names[0]) or ""
    if not value:
        return ""
    field = form.fields[names[0]]
    for option, label in getattr(field, "choices", ()):
        if isinstance(label, (list, tuple)):  # an optgroup (二级分类)
            label = dict(label).get(value)
            if label:
                return label.strip("　")
        elif option == value:
            return str(label).strip("　")
    return value


def chips(request, form) -> list[dict]:
    out = []
    for names, label in _CHIPS:
        value = _chip_value(form, names)
        if value:
            out.append({"label": label, "value": value, "href": _href(request, drop=names)})
    if form.cleaned_data.get("scope") == "title":
        out.append({"label": "检索范围", "value": "标题", "href": _href(request, drop=("scope",))})
    return out


def panel(request, form, query: str, kwargs: dict) -> dict:
    """Template data: the facets with their links, whether counts are capped, the active chips."""
    from gongkai.search import facets as search_facets
    from gongkai.search.index import COUNT_CAP

    result = search_facets.facets(query, **kwargs)
    data = form.cleaned_data if form.is_bound else {}
    selected = {
        "subject": data.get("l1") or "", "agency": data.get("agency") or "", "year": _selected_year(data),
        "doc_type": data.get("doc_type") or "", "validity": data.get("validity") or "",
    }
    groups = []
    for facet in result.facets:
        items = [{"label": v.label, "count": v.count, "active": v.value == selected[facet.key],
                  "href": _link(request, facet.key, v.value, v.value == selected[facet.key])}
                 for v in facet.values]
        if items:
            groups.append({"key": facet.key, "label": facet.label, "shown": items[:SHOWN], "more": items[SHOWN:]})
    return {"groups": groups, "capped": result.capped, "cap": COUNT_CAP, "counted": result.counted, "stale": result.stale,
            "chips": chips(request, form) if form.is_bound else []}
