"""The left column tree of an organ's 政府信息公开 pages (issue 15, item 4), and its 历年年报 list.

Every page of an organ's 政府信息公开 column (the column page, the guide, the catalogue and its
columns, documents, the annual reports) shows the same tree: 政府信息公开指南, 政府信息公开制度,
法定主动公开内容 with its sub-columns, 政府信息公开年报 and 依申请公开, the page's own entry marked
``aria-current``.

It is cheap: the tree is rendered once per organ and content generation (``page_cache.generation()``:
every save of a column, document or organ ends it) and kept in the shared cache as HTML in which each
link carries ``data-gk="KEY"`` and each expandable list ``data-gk-open="KEY"``. A request marks its
current entry and opens the lists above it by plain string replacement: once warm, a page costs two
cache reads (the generation, the tree) and no query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.apps import apps
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.ops import page_cache

from .access import public_documents
from .models import CatalogueNode, DocType

TREE_CACHE_SECONDS = 3600  # a bound on memory only: the generation in the key ends a stale tree

# Fixed entries (the node entries are "node:<pk>").
COLUMN, GUIDE, CATALOGUE, REPORTS, APPLY = "column", "guide", "catalogue", "reports", "apply"
APPLY_GUIDE, APPLY_ONLINE, QUERY = "apply-guide", "apply-online", "query"
MAILBOX, MAILBOX_WRITE, MAILBOX_QUERY = "mailbox", "mailbox-write", "mailbox-query"
PROPOSALS_COLUMN = "建议提案办理"  # CatalogueNode.item_code of that column (proposals/publication.py)

# A first-level column (国办公开办函〔2019〕61号) is shown by the page that represents it.
_TOP_KEY = {CatalogueNode.GUIDE: GUIDE, CatalogueNode.STATUTORY: CATALOGUE, CatalogueNode.ANNUAL_REPORTS: REPORTS}


def node_key(node: CatalogueNode) -> str:
    """The tree entry of a catalogue column (a first-level column is the page that stands for it)."""
    if node.parent_id is None and node.section in _TOP_KEY:
        return _TOP_KEY[node.section]
    return f"node:{node.pk}"


@dataclass
class Entry:
    key: str
    title: str
    url: str
    children: list[Entry] = field(default_factory=list)


def _node_entries(parent_id, children_of, seen) -> list[Entry]:
    out = []
    for n in children_of.get(parent_id, []):
        if n.pk in seen:  # (a loop in the tree data must not hang the page)
            continue
        seen.add(n.pk)
        url = reverse("public:catalogue-node", args=[n.agency.code, n.pk])
        if n.item_code == PROPOSALS_COLUMN:  # its page is the searchable 建议提案办理结果 (gongkai/proposals)
            url = reverse("proposals_public:index", args=[n.agency.code])
        out.append(Entry(f"node:{n.pk}", n.title, url, _node_entries(n.pk, children_of, seen)))
    return out


def _entries(agency) -> list[Entry]:
    nodes = list(CatalogueNode.objects.filter(agency=agency).order_by("section", "position", "id"))
    for n in nodes:
        n.agency = agency  # (no query per node for its organ's code)
    children_of: dict = {}
    for n in nodes:
        children_of.setdefault(n.parent_id, []).append(n)
    tops = {n.section: n for n in reversed(children_of.get(None, []))}
    seen: set[int] = set()

    def below(section):
        top = tops.get(section)
        if top is None:
            return []
        seen.add(top.pk)
        return _node_entries(top.pk, children_of, seen)

    code = agency.code
    rules = tops.get(CatalogueNode.RULES)
    entries = [Entry(GUIDE, "政府信息公开指南", reverse("guide", args=[code]), below(CatalogueNode.GUIDE))]
    if rules is not None:
        url = reverse("public:catalogue-node", args=[code, rules.pk])
        entries.append(Entry(f"node:{rules.pk}", "政府信息公开制度", url, below(CatalogueNode.RULES)))
    entries.append(Entry(CATALOGUE, "法定主动公开内容", reverse("public:catalogue", args=[code]),
                         below(CatalogueNode.STATUTORY)))
    entries.append(Entry(REPORTS, "政府信息公开年报", reverse("reports_public:index", args=[code]),
                         below(CatalogueNode.ANNUAL_REPORTS)))
    entries.append(Entry(APPLY, "依申请公开", reverse("guide", args=[code]) + "#apply", [
        Entry(APPLY_GUIDE, "申请指南", reverse("guide", args=[code]) + "#apply"),
        Entry(APPLY_ONLINE, "在线申请", reverse("apply") + f"?agency={code}"),
        Entry(QUERY, "申请查询", reverse("query")),
    ]))
    # 互动交流: the organ's mailbox when it has one (gongkai/mailbox; read by name, no import of that app).
    mailbox = apps.get_model("mailbox", "Mailbox").objects.filter(agency=agency).first()
    if mailbox is not None:
        entries.append(Entry(MAILBOX, "互动交流", reverse("mailbox:organ", args=[code]), [
            Entry(MAILBOX_WRITE, mailbox.name, reverse("mailbox:organ", args=[code])),
            Entry(MAILBOX_QUERY, "来信查询", reverse("mailbox:query")),
        ]))
    return entries


def _parents(entries, parent=None, out=None) -> dict[str, str | None]:
    out = {} if out is None else out
    for e in entries:
        out.setdefault(e.key, parent)
        _parents(e.children, e.key, out)
    return out


def _items(entries) -> str:
    """The nested lists, written directly (a recursive template include took 10–40 ms per organ)."""
    parts = ['<ul class="gk-tree-list">']
    for e in entries:
        link = f'<a href="{escape(e.url)}" data-gk="{escape(e.key)}">{escape(e.title)}</a>'
        if e.children:
            parts.append(f'<li class="has-children">{link}\n<details data-gk-open="{escape(e.key)}"><summary>'
                         f'<span class="visually-hidden">{escape(e.title)}的</span>下级栏目</summary>\n'
                         f'{_items(e.children)}</details></li>')
        else:
            parts.append(f"<li>{link}</li>")
    parts.append("</ul>")
    return "\n".join(parts)


def _build(agency) -> tuple[str, dict]:
    entries = _entries(agency)
    html = render_to_string("publishing/public/_column_tree.html", {
        "agency": agency, "items": mark_safe(_items(entries)),  # noqa: S308 (every value escaped above)
        "column_url": reverse("column", args=[agency.code]), "column_key": COLUMN,
    })
    return html, _parents(entries)


def _cached(agency) -> tuple[str, dict]:
    return page_cache.remember(f"column-tree:{agency.pk}", lambda: _build(agency), TREE_CACHE_SECONDS)


def tree_html(agency, current: str = "") -> SafeString:
    """The organ's column tree with ``current`` (an entry key, e.g. ``node_key(node)``) marked and the
    lists above it opened."""
    html, parents = _cached(agency)
    if current:
        html = html.replace(f'data-gk="{current}"', f'data-gk="{current}" aria-current="page"', 1)
        key, hops = current, 0
        while key is not None and hops < 50:
            html = html.replace(f'data-gk-open="{key}"', f'data-gk-open="{key}" open', 1)
            key, hops = parents.get(key), hops + 1
    return mark_safe(html)  # noqa: S308 (rendered by our own template, autoescaped)


# ------------------------------------------------------------------------------------------- 历年年报

_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年")
_REPORT_TITLE = re.compile(r"政[府务]信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)")
REPORTS_CACHE_SECONDS = 3600


def _report_documents(agency) -> list[dict]:
    """The organ's published documents that are annual reports, whichever column holds them: every
    public document in one of its 政府信息公开年报 columns, and every 报告 whose title names a 政府信息公开
    年度报告 (a report filed elsewhere, e.g. under 法定主动公开内容)."""
    from django.db.models import Q

    docs = public_documents().filter(agency=agency)
    in_column = Q(columns__section=CatalogueNode.ANNUAL_REPORTS)
    rows = list(docs.filter(in_column).values("pk", "title", "published_at").distinct())
    known = {r["pk"] for r in rows}
    for r in docs.filter(doc_type=DocType.REPORT).values("pk", "title", "published_at"):
        if r["pk"] not in known and _REPORT_TITLE.search(r["title"]):
            rows.append(r)
    out = []
    for r in rows:
        m = _YEAR.search(r["title"])
        year = int(m.group(1)) if m else (r["published_at"].year - 1 if r["published_at"] else None)
        out.append({"year": year, "title": r["title"], "url": reverse("public:doc", args=[r["pk"]]),
                    "date": r["published_at"], "kind": "document"})
    return out


def _platform_reports(agency) -> list[dict]:
    from gongkai.reports import access

    out = []
    for r in access.public_reports().filter(agency=agency).order_by("-year", "scope"):
        name = "reports_public:summary" if r.scope == "rollup" else "reports_public:detail"
        out.append({"year": r.year, "title": r.title, "url": reverse(name, args=[agency.code, r.year]),
                    "date": r.published_on, "kind": "platform"})
    return out


def annual_reports(agency) -> list[dict]:
    """Every year's annual report of the organ, newest year first: those published through the
    platform, and the report documents of any column (a year may have both: the platform's page and the
    full text as a document); kept per content generation."""
    def build() -> list[dict]:
        found = _platform_reports(agency) + _report_documents(agency)
        found.sort(key=lambda r: (-(r["year"] or 0), r["kind"] != "platform", r["title"]))
        return found

    return page_cache.remember(f"annual-reports:{agency.pk}", build, REPORTS_CACHE_SECONDS)
