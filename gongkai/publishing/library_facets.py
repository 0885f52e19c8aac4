"""The facet panel and the active-filter chips of the policy library (issue 15 item 5).

Counts come from ``gongkai.search.facets`` (cached per content generation); this module turns them
into links that narrow the current search: each link keeps the other filters and the query, drops
the page number, and a selected value links to its own removal. Server-rendered, no script.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Values shown before 「更多」 in each facet.
SHOWN = 8
# Filters shown as removable chips: (form field(s), label); dates are one chip per range.
_CHIPS = (
    (("issuer",), "发文机关"), (("agency",), "发布机构"), (("l1", "l2"), "主题分类"), (("l2",), "二级分类"),
    (("doc_type",), "文种"), (("validity",), "有效性"), (("pub_range",), "发布时间"),
    (("pub_from", "pub_to"), "发布日期"), (("signed_from", "signed_to"), "成文日期"), (("doc_no",), "发文字号"),
)


def _href(request, *, drop=(), **values) -> str:
    """The current URL without ``page`` and ``drop``, with ``values`` set (after the other parameters):
    what ``request.GET.copy()``, ``pop``, ``__setitem__`` and ``urlencode()`` give, from the request's
    parameters encoded once (a page has ~50 of these links)."""
    encoded = getattr(request, "_gk_encoded_get", None)
    if encoded is None:
        encoded = request._gk_encoded_get = [(name, _encode(name, value)) for name, value in _pairs(request.GET)]
    gone = ("page", *drop, *values)
    parts = [part for name, part in encoded if name not in gone]
    parts += [_encode(name, value) for name, value in values.items()]
    return f"{request.path}?{'&'.join(parts)}" if parts else request.path


def _pairs(params: QueryDict):
    for name, values in params.lists():
        for value in values:
            yield name, value


def _encode(name: str, value) -> str:
    return urlencode({name.encode(): str(value).encode()})


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
    """Template data: the facets with their links, whether counts are capped, the active chips, and the
    panel's HTML (``panel_html``)."""
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
    out = {"groups": groups, "capped": result.capped, "cap": COUNT_CAP, "counted": result.counted,
           "stale": result.stale, "chips": chips(request, form) if form.is_bound else []}
    out["html"] = panel_html(out) if groups else ""
    return out


def _items(facets: dict, items: list[dict]) -> str:
    plus = "+" if facets["capped"] else ""
    return "".join(
        f'<li><a href="{escape(item["href"])}"{_ACTIVE if item["active"] else ""}>{escape(item["label"])} '
        f'<span class="facet-count">({item["count"]}{plus})</span>{_SELECTED if item["active"] else ""}</a></li>' for item in items)


_ACTIVE = ' aria-current="true" class="active"'
_SELECTED = ' <span aria-hidden="true">✕</span><span class="visually-hidden">（已选，点击取消）</span>'


def panel_html(facets: dict) -> str:
    """The facet panel of ``panel()``, written out in Python: through the template engine its ~50 links
    cost ~2 ms of every library page (``test_library_speed`` keeps the template and compares)."""
    out = ['<details class="facet-panel" open>\n  <summary id="h-facets">分类筛选（主题分类、发文机关、年份、文种、有效性）'
           "</summary>\n  "]
    if facets["stale"]:
        out.append('<p class="small muted">文件刚有更新，分类数量正在重新统计，可能稍有滞后。</p>')
    out.append("\n  ")
    if facets["capped"]:
        out.append(f'<p class="small muted">符合条件的文件超过 {facets["counted"]} 个，以下数量按其中 '
                   f'{facets["counted"]} 个文件统计（样本），标“+”的实际数量可能更多。</p>')
    out.append("\n  ")
    for group in facets["groups"]:
        key, label = escape(group["key"]), escape(group["label"])
        out.append(f'\n  <div class="facet">\n    <h3 id="facet-{key}">{label}</h3>\n'
                   f'    <ul aria-labelledby="facet-{key}">{_items(facets, group["shown"])}</ul>\n    ')
        if group["more"]:
            out.append(f'<details class="facet-more"><summary>更多{label}（{len(group["more"])}）</summary>\n'
                       f'    <ul aria-labelledby="facet-{key}">{_items(facets, group["more"])}</ul></details>')
        out.append("\n  </div>\n  ")
    out.append("\n</details>\n")
    return mark_safe("".join(out))
