"""The narrative of the report: generated figures, checks of typed figures, copy-paste warning.

Figures and percentages in the text are generated, never typed (domain 5.6, 5.10). The editor
inserts tokens that are replaced by the report's values when the text is shown and frozen with the
snapshot at approval:

- ``{{value:applications.new.total}}`` — a cell; a group code sums its rows
  (``{{value:applications.withheld.total}}`` = （三）不予公开, ``applications.other_processing.total``
  works in both formats);
- ``{{pct:applications.other_processing.total/applications.processed_total.total}}`` — a share,
  rounded half up to 2 places (24 of 1,051 is ``2.28%``, domain 5.10);
- ``{{yoy:applications.new.total}}`` — the change against last year: ``增长12.50%`` / ``下降3.00%`` /
  ``持平``.

Numbers typed by hand are checked against the tables (``text_vs_table`` warnings): a number followed
by 件 is matched to the report line named just before it in the same clause (新收, 上年结转, 办结,
结转下年度, the six outcome groups; 行政复议, 直接起诉, 复议后起诉 with 维持/纠正/其他结果/尚未审结), and
``占x%`` right after it to the share of the relevant total.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings

from gongkai.law import report_format as rf
from gongkai.law.reconciliation import Finding

NARRATIVE_SECTIONS = ("overview", "proactive", "applications", "review_litigation", "problems", "other_matters")
SECTION_TITLE = dict(rf.SECTIONS)

TOKEN = re.compile(r"\{\{\s*(value|pct|yoy)\s*:\s*([A-Za-z0-9_.\s/]+?)\s*\}\}")


def copy_paste_ratio() -> float:
    return float(getattr(settings, "GONGKAI", {}).get("REPORT_COPY_PASTE_RATIO", 0.9))


# ---------------------------------------------------------------------------------------------
# Values and percentages
# ---------------------------------------------------------------------------------------------


def percent(part: Any, whole: Any) -> str:
    """``percent(24, 1051) == '2.28%'`` (half up, 2 places); ``0.00%`` when the whole is 0."""
    part, whole = Decimal(str(part or 0)), Decimal(str(whole or 0))
    if whole == 0:
        return "0.00%"
    return f"{(part * 100 / whole).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def change(current: Any, previous: Any) -> str:
    """Year-over-year change: ``增长12.50%``, ``下降3.00%``, ``持平``; ``上年为0`` when undefined."""
    if previous is None:
        return "（无上年数据）"
    cur, prev = Decimal(str(current or 0)), Decimal(str(previous or 0))
    if prev == 0:
        return "持平" if cur == 0 else "上年为0"
    pct = ((cur - prev) * 100 / prev).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if pct == 0:
        return "持平"
    return f"增长{pct}%" if pct > 0 else f"下降{-pct}%"


def resolve(tables: Mapping[str, Any] | None, fmt: str, expr: str) -> int | Decimal | None:
    """The value of ``table.row.column``; a group code sums its rows. None if unknown."""
    try:
        table, row, column = rf.parse_cell_id(expr.strip())
        t = rf.schema_for(fmt).table(table)
    except (ValueError, KeyError):
        return None
    if t.has_cell(row, column):
        return rf.get_cell(tables, expr.strip())
    try:
        group = t.group(row)
    except KeyError:
        return None
    values = [rf.get_cell(tables, rf.cell_id(table, r, column)) for r in group.rows if t.has_cell(r, column)]
    if row == "outcomes":
        return None
    return sum((v or 0) for v in values)


def _fmt_number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        text = format(value.quantize(Decimal("0.01")), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def render(text: str, tables: Mapping[str, Any] | None, fmt: str, previous: Mapping[str, Any] | None = None,
           previous_format: str | None = None) -> str:
    """Replace the tokens by the values of ``tables`` (unknown tokens become ``【无效数据引用】``)."""

    def sub(m: re.Match) -> str:
        kind, arg = m.group(1), m.group(2)
        if kind == "value":
            v = resolve(tables, fmt, arg)
            return "【无效数据引用】" if v is None and not _known(fmt, arg) else _fmt_number(v)
        if kind == "pct":
            if "/" not in arg:
                return "【无效数据引用】"
            a, b = arg.split("/", 1)
            if not (_known(fmt, a) and _known(fmt, b)):
                return "【无效数据引用】"
            return percent(resolve(tables, fmt, a), resolve(tables, fmt, b))
        if not _known(fmt, arg):
            return "【无效数据引用】"
        prev = resolve(previous, previous_format or fmt, arg) if previous is not None else None
        return change(resolve(tables, fmt, arg), prev)

    return TOKEN.sub(sub, text or "")


def _known(fmt: str, expr: str) -> bool:
    try:
        table, row, column = rf.parse_cell_id(expr.strip())
        t = rf.schema_for(fmt).table(table)
    except (ValueError, KeyError):
        return False
    if t.has_cell(row, column):
        return True
    try:
        g = t.group(row)
    except KeyError:
        return False
    return g.code != "outcomes" and any(t.has_cell(r, column) for r in g.rows)


def render_all(narrative: Mapping[str, str], tables, fmt, previous=None, previous_format=None) -> dict[str, str]:
    return {k: render(narrative.get(k, ""), tables, fmt, previous, previous_format) for k in NARRATIVE_SECTIONS}


# ---------------------------------------------------------------------------------------------
# Proposed facts for 一、总体情况
# ---------------------------------------------------------------------------------------------

OUTCOME_GROUPS = (
    ("disclosed", "予以公开"),
    ("partially_disclosed", "部分公开"),
    ("withheld", "不予公开"),
    ("unavailable", "无法提供"),
    ("not_processed", "不予处理"),
    ("other_processing", "其他处理"),
)


def propose_overview(facts: Mapping[str, Any]) -> str:
    """Paragraphs for 一、总体情况 from data (``services.overview_facts``), with tokens for table cells.

    Facts not in the tables (items published, interpretations, channels) are written as generated
    numbers with generated percentages; the staff member edits the prose around them.
    """
    parts: list[str] = []
    published, prev_published = facts.get("published"), facts.get("published_previous")
    line = f"（一）主动公开。本年度主动公开政府信息{published}条"
    if prev_published is not None:
        line += f"，上年{prev_published}条，{change(published, prev_published)}"
    line += "。"
    interp = facts.get("interpretations") or {}
    total_interp = sum(interp.values())
    if total_interp:
        forms = "、".join(f"{form}解读{n}篇" for form, n in interp.items() if n)
        line += f"发布政策解读{total_interp}篇，其中{forms}"
        leader = facts.get("interpretations_by_leader") or 0
        line += f"，领导干部解读{leader}篇。" if leader else "。"
    parts.append(line)

    app = "applications"
    line = (
        f"（二）依申请公开。本年度新收政府信息公开申请{{{{value:{app}.new.total}}}}件，"
        f"上年结转{{{{value:{app}.carried_in.total}}}}件，办结{{{{value:{app}.processed_total.total}}}}件，"
        f"结转下年度继续办理{{{{value:{app}.carried_out.total}}}}件。"
    )
    if facts.get("has_previous"):
        line += f"新收申请较上年{{{{yoy:{app}.new.total}}}}。"
    channels = facts.get("channels") or {}
    total_channels = sum(channels.values())
    if total_channels:
        line += "从申请方式看，" + "，".join(
            f"{label}{n}件，占{percent(n, total_channels)}" for label, n in channels.items() if n
        ) + "。"
    found = facts.get("suggestions") or {}
    if found.get("shown"):  # issue 15 item 3: asked before applying, and answered by what is published
        line += (f"申请人在线填写申请时，平台提示已主动公开的相关信息{found['shown']}次，"
                 f"申请人直接查看{found.get('opened') or 0}次。")
    results = []
    for code, label in OUTCOME_GROUPS:
        results.append(
            f"{label}{{{{value:{app}.{code}.total}}}}件，"
            f"占{{{{pct:{app}.{code}.total/{app}.processed_total.total}}}}"
        )
    line += "办理结果中，" + "；".join(results) + "。"
    parts.append(line)
    rev = "review_litigation"
    parts.append(
        f"（三）行政复议、行政诉讼。本年度因政府信息公开被申请行政复议{{{{value:{rev}.review.total}}}}件，"
        f"被提起行政诉讼（未经复议直接起诉）{{{{value:{rev}.suit_direct.total}}}}件，"
        f"复议后起诉{{{{value:{rev}.suit_after_review.total}}}}件。"
    )
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------------------------
# Checking typed figures against the tables (text_vs_table)
# ---------------------------------------------------------------------------------------------

_APP = rf.TABLE_APPLICATIONS
_REV = rf.TABLE_REVIEW_LITIGATION
# (pattern, expression or role); earlier entries win at the same position. Longer phrases first.
_KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"结转(?:到|至)?下(?:一)?年度?|顺延(?:到|至)?下(?:一)?年度?", f"{_APP}.carried_out.total"),
    (r"上(?:一)?年度?结转", f"{_APP}.carried_in.total"),
    (r"新收|收到", f"{_APP}.new.total"),
    (r"办结|已答复|答复|办理完毕", f"{_APP}.processed_total.total"),
    (r"部分公开", f"{_APP}.partially_disclosed.total"),
    (r"不予公开", f"{_APP}.withheld.total"),
    (r"予以公开", f"{_APP}.disclosed.total"),
    (r"无法提供", f"{_APP}.unavailable.total"),
    (r"不予处理", f"{_APP}.not_processed.total"),
    (r"其他处理", f"{_APP}.other_processing.total"),
    (r"未经复议直接起诉|直接起诉", "ctx:suit_direct"),
    (r"复议后起诉|复议后提起(?:行政)?诉讼", "ctx:suit_after_review"),
    (r"行政复议", "ctx:review"),
    (r"行政诉讼", "ctx:litigation"),
    (r"结果维持|维持", "part:upheld"),
    (r"结果纠正|纠正", "part:corrected"),
    (r"其他结果", "part:other"),
    (r"尚未审结|未审结", "part:pending"),
)
_KEYWORD_RE = re.compile("|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(_KEYWORDS)))
# Bounded, and starting only where a run of digits starts, so that a long run costs linear time.
_NUMBER_RE = re.compile(r"(?<![\d,])(\d{1,3}(?:,\d{3}){1,3}|\d{1,9})\s{0,3}件")
_PERCENT_RE = re.compile(r"(分别)?占(?:比)?\s{0,3}(\d{1,3}(?:\.\d{1,4})?)\s{0,3}[%％]")
_SENTENCE_RE = re.compile(r"[。！？!?\n]+")
_CLAUSE_RE = re.compile(r"[，,；;：:（）()]")
_OUTCOME_EXPRS = {f"{_APP}.{code}.total" for code, _ in OUTCOME_GROUPS}


def _value(tables, fmt, expr: str) -> int | Decimal | None:
    if expr.startswith("sum:"):
        vals = [resolve(tables, fmt, e) for e in expr[4:].split("+")]
        return sum((v or 0) for v in vals)
    return resolve(tables, fmt, expr)


def _review_expr(ctx: str, part: str) -> str:
    if ctx == "litigation":
        return f"sum:{_REV}.suit_direct.{part}+{_REV}.suit_after_review.{part}"
    return f"{_REV}.{ctx}.{part}"


def _label(expr: str, fmt: str) -> str:
    if expr.startswith("sum:"):
        return "＋".join(_label(e, fmt) for e in expr[4:].split("+"))
    table, row, column = rf.parse_cell_id(expr)
    t = rf.schema_for(fmt).table(table)
    try:
        label = t.row(row).full_label
    except KeyError:
        label = t.group(row).label
    if table == _REV:
        name = t.row(row).label
        return f"{name}（{t.column(column).label}）"
    return label


def text_findings(narrative: Mapping[str, str], tables, fmt: str) -> list[Finding]:
    """Numbers quoted in the (rendered) narrative that differ from the tables: warnings."""
    out: list[Finding] = []
    for section in NARRATIVE_SECTIONS:
        text = narrative.get(section) or ""
        for sentence in _SENTENCE_RE.split(text):
            out.extend(_check_sentence(sentence, tables, fmt, SECTION_TITLE[section]))
    return out


def _check_sentence(sentence: str, tables, fmt: str, section_title: str) -> list[Finding]:
    out: list[Finding] = []
    ctx = None  # the table 四 row named last in the sentence
    last: tuple[str, Any] | None = None  # (expression, value) of the last matched number
    for clause in _CLAUSE_RE.split(sentence):
        pending: list[str] = []
        events: list[tuple[int, str, Any]] = []
        for m in _KEYWORD_RE.finditer(clause):
            idx = int(m.lastgroup[1:])
            events.append((m.start(), "kw", _KEYWORDS[idx][1]))
        for m in _NUMBER_RE.finditer(clause):
            events.append((m.start(), "num", int(m.group(1).replace(",", ""))))
        for m in _PERCENT_RE.finditer(clause):
            events.append((m.start(), "pct", (bool(m.group(1)), m.group(2))))
        events.sort(key=lambda e: (e[0], {"kw": 0, "num": 1, "pct": 2}[e[1]]))
        for _pos, kind, payload in events:
            if kind == "kw":
                if payload.startswith("ctx:"):
                    ctx = payload[4:]
                    pending.append(
                        f"sum:{_REV}.suit_direct.total+{_REV}.suit_after_review.total"
                        if ctx == "litigation" else f"{_REV}.{ctx}.total"
                    )
                elif payload.startswith("part:"):
                    if ctx:
                        pending.append(_review_expr(ctx, payload[5:]))
                else:
                    pending.append(payload)
            elif kind == "num":
                if not pending:
                    last = None
                    continue
                expr = _match_number(pending, payload, tables, fmt)
                expected = _value(tables, fmt, expr)
                if expected is not None and Decimal(str(expected)) != Decimal(payload):
                    out.append(Finding(
                        "text_vs_table", "warning",
                        f"{section_title}：正文写“{_label(expr, fmt)}”{payload}件，表格为{_fmt_number(expected)}件",
                        _cells(expr),
                    ))
                last = (expr, payload)
                pending = []
            elif kind == "pct":
                listed, number = payload
                if listed or last is None:
                    continue
                expr, _n = last
                whole_expr = _whole(expr)
                if whole_expr is None:
                    continue
                expected = percent(_value(tables, fmt, expr), _value(tables, fmt, whole_expr))
                if Decimal(expected.rstrip("%")) != Decimal(number).quantize(Decimal("0.01")):
                    out.append(Finding(
                        "text_vs_table", "warning",
                        f"{section_title}：正文写“{_label(expr, fmt)}”占{number}%，"
                        f"按表格计算应为{expected}（{_fmt_number(_value(tables, fmt, expr))}÷"
                        f"{_fmt_number(_value(tables, fmt, whole_expr))}）",
                        _cells(expr) + _cells(whole_expr),
                    ))
                last = None
    return out


def _match_number(pending: list[str], number: int, tables, fmt: str) -> str:
    """The expression a typed number refers to. A table 四 part or row named last wins (行政复议 …
    维持 N 件); several table 三 lines named before one number may be a sum (收到申请和上年结转 N 件):
    the sum or any one of them that equals the number is accepted, else the last one named is used."""
    last = pending[-1]
    if last.startswith(_REV) or last.startswith(f"sum:{_REV}"):
        return last
    apps = [e for e in pending if e.startswith(_APP)]
    if len(apps) <= 1:
        return last
    total = "sum:" + "+".join(apps)
    for candidate in (total, *apps):
        value = _value(tables, fmt, candidate)
        if value is not None and Decimal(str(value)) == Decimal(number):
            return candidate
    return last


def _whole(expr: str) -> str | None:
    if expr in _OUTCOME_EXPRS:
        return f"{_APP}.processed_total.total"
    if expr.startswith(f"{_REV}.") and not expr.endswith(".total"):
        _t, row, _c = rf.parse_cell_id(expr)
        return f"{_REV}.{row}.total"
    return None


def _cells(expr: str) -> list[str]:
    if expr.startswith("sum:"):
        return [c for e in expr[4:].split("+") for c in _cells(e)]
    return [expr]


# ---------------------------------------------------------------------------------------------
# Copy-paste (雷同) against last year's narrative
# ---------------------------------------------------------------------------------------------

_MIN_LENGTH = 40


def copy_paste_findings(narrative: Mapping[str, str], previous: Mapping[str, str] | None) -> list[Finding]:
    """Warn when a section is very similar to last year's (difflib ratio above the setting)."""
    if not previous:
        return []
    threshold = copy_paste_ratio()
    out = []
    for section in NARRATIVE_SECTIONS:
        a, b = (narrative.get(section) or "").strip(), (previous.get(section) or "").strip()
        if len(a) < _MIN_LENGTH or len(b) < _MIN_LENGTH:
            continue
        matcher = difflib.SequenceMatcher(None, a, b)
        if matcher.real_quick_ratio() <= threshold or matcher.quick_ratio() <= threshold:
            continue
        ratio = matcher.ratio()
        if ratio > threshold:
            out.append(Finding(
                "copy_paste", "warning",
                f"{SECTION_TITLE[section]}：与上年报告相似度为{ratio:.0%}，请避免照搬上年内容（雷同）",
                [],
            ))
    return out
