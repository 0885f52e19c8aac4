"""The text of the 年报解读 (issue 17 item 1), generated from frozen figures: no database access.

``generate(source)`` tells the report section by section in plain Chinese. Every figure in the text is
a *marker* ``【label：value】`` tied to a figure (``figures[label]``: a cell id or sum of cells of the
frozen tables, a share of two cells, a change against last year, or a frozen fact of 一、总体情况) —
visible to the officer who edits the text, shown as the bare value to the public. ``expected(source,
figures)`` recomputes every figure from the frozen source: interp_check.py flags any marker whose value
differs (an edited number, or a snapshot replaced after the text was generated).

The source is an approved report's snapshot (``ReportSnapshot``: tables, facts, narrative) or the
published figures of a year before the platform (``PastReport``); last year's figures come from the
organ's previous frozen report or its entered past figures, and are frozen with the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.law import report_format as rf

from . import yoy as wording
from .narrative import OUTCOME_GROUPS, _known, percent, resolve

APP, REV, PRO = rf.TABLE_APPLICATIONS, rf.TABLE_REVIEW_LITIGATION, rf.TABLE_PROACTIVE
LITIGATION = f"{REV}.suit_direct.total+{REV}.suit_after_review.total"
MARKER = re.compile(r"【([^【】：:\n]{1,40})[：:]([^【】\n]{0,40})】")
YOY_SUFFIX, SHARE_SUFFIX = "同比", "占比"

# The headline figures: shown as key figures at the top and each told with its change against last year.
HEADLINES = (
    ("本年新收申请", f"{APP}.new.total", "件"),
    ("办结申请", f"{APP}.processed_total.total", "件"),
    ("予以公开", f"{APP}.disclosed.total", "件"),
    ("行政复议", f"{REV}.review.total", "件"),
    ("行政诉讼", LITIGATION, "件"),
    ("制发行政规范性文件", f"{PRO}.normative_documents.issued", "件"),
    ("行政许可决定", f"{PRO}.licensing.decisions", "件"),
    ("行政处罚决定", f"{PRO}.penalties.decisions", "件"),
)
FACT_HEADLINE = ("主动公开政府信息", "overview.published", "条")


@dataclass
class Source:
    """What a 解读 is made from: frozen figures only."""

    agency_name: str
    year: int
    format_version: str
    tables: dict
    facts: dict = field(default_factory=dict)  # snapshot facts: "series", "overview" (一 at approval)
    narrative: dict = field(default_factory=dict)
    previous: dict | None = None  # {"tables", "format", "label"} of last year, frozen with the text
    report_title: str = ""

    @property
    def overview(self) -> dict:
        return self.facts.get("overview") or {}


# ---------------------------------------------------------------------------------------------
# Figures and their values
# ---------------------------------------------------------------------------------------------


def number(value: Any) -> str:
    """A figure as written in the text: ``128``, ``1.5`` (万元, no trailing zeros); ``—`` if blank."""
    if value is None:
        return "—"
    if isinstance(value, Decimal | float):
        text = format(Decimal(str(value)).quantize(Decimal("0.01")), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def _cells(tables: dict | None, fmt: str, expr: str, blank_is_zero: bool = False) -> int | Decimal | None:
    """A cell or a sum of cells (``a+b``); a blank cell of the report is 0 (as in its table)."""
    if tables is None or not all(_known(fmt, e) for e in expr.split("+")):
        return None
    parts = [resolve(tables, fmt, e) for e in expr.split("+")]
    if all(p is None for p in parts) and not blank_is_zero:
        return None
    return sum((p or 0) for p in parts)


def _fact(source: Source, expr: str, previous: bool = False) -> Any:
    """``overview.published`` or ``overview.channels.信函``; last year's ``published_previous``."""
    _, _, rest = expr.partition(".")
    data = source.overview
    if previous:
        return data.get(f"{rest}_previous") if rest == "published" else None
    if rest == "interpretations_total":  # derived: every form together
        return sum((data.get("interpretations") or {}).values()) if data else None
    for key in rest.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def raw_value(source: Source, expr: str) -> Any:
    if expr.startswith("overview."):
        return _fact(source, expr)
    return _cells(source.tables, source.format_version, expr, blank_is_zero=True)


def previous_value(source: Source, expr: str) -> Any:
    if expr.startswith("overview."):
        return _fact(source, expr, previous=True)
    if not source.previous:
        return None
    return _cells(source.previous["tables"], source.previous["format"], expr)


def value_of(source: Source, figure: dict) -> str | None:
    """The text a figure must show, recomputed from the frozen source; None if it cannot be."""
    kind, expr = figure["kind"], figure["expr"]
    if kind == "value":
        v = raw_value(source, expr)
        return None if v is None else number(v)
    if kind == "yoy":
        return wording.yoy(raw_value(source, expr), previous_value(source, expr))
    if kind == "pct":
        part, whole = expr.split("/", 1)
        return percent(raw_value(source, part), raw_value(source, whole))
    return None


def expected(source: Source, figures: dict[str, dict]) -> dict[str, str | None]:
    return {label: value_of(source, f) for label, f in figures.items()}


def known(source: Source, expr: str) -> bool:
    if expr.startswith("overview."):
        return _fact(source, expr) is not None
    return all(_known(source.format_version, e) for e in expr.split("+"))


# ---------------------------------------------------------------------------------------------
# The text
# ---------------------------------------------------------------------------------------------


class _Writer:
    """Collects the figures while the sentences are written."""

    def __init__(self, source: Source):
        self.source = source
        self.figures: dict[str, dict] = {}

    def fig(self, label: str, expr: str, unit: str = "") -> str:
        self.figures[label] = {"kind": "value", "expr": expr, "unit": unit}
        return f"【{label}：{value_of(self.source, self.figures[label])}】{unit}"

    def change(self, label: str, expr: str) -> str:
        name = label + YOY_SUFFIX
        self.figures[name] = {"kind": "yoy", "expr": expr, "unit": ""}
        return f"【{name}：{value_of(self.source, self.figures[name])}】"

    def share(self, label: str, part: str, whole: str) -> str:
        name = label + SHARE_SUFFIX
        self.figures[name] = {"kind": "pct", "expr": f"{part}/{whole}", "unit": ""}
        return f"【{name}：{value_of(self.source, self.figures[name])}】"

    def with_change(self, label: str, expr: str, unit: str) -> str:
        return f"{self.fig(label, expr, unit)}，{self.change(label, expr)}"


def _excerpt(text: str, limit: int = 160) -> str:
    """The first sentences of a section of the report, up to about ``limit`` characters; the items'
    numbers and short headings (（一）收取信息处理费情况。) are left out."""
    out = ""
    for line in (text or "").split("\n"):
        line = " ".join(line.split())
        numbered = re.match(r"^[（(][一二三四五六七八九十]+[）)]", line)
        sentences = re.findall(r"[^。！？]+[。！？]?", line[numbered.end():] if numbered else line)
        if numbered and sentences and len(sentences[0]) <= 20:
            sentences = sentences[1:]  # the item's heading
        for sentence in sentences:
            if out and len(out) + len(sentence) > limit:
                return out.strip()
            out += sentence.strip()
    return out.strip()


def _overview(w: _Writer) -> list[str]:
    s = w.source
    paras = [f"{s.year}年，{s.agency_name}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、"
             f"不公开为例外，扎实推进政府信息公开工作。现将{s.report_title or '本年度政府信息公开工作年度报告'}"
             f"的主要内容解读如下。"]
    key = []
    if known(s, FACT_HEADLINE[1]):
        key.append(f"主动公开政府信息{w.with_change(*FACT_HEADLINE)}")
        interps = s.overview.get("interpretations") or {}
        if sum(interps.values()):
            key.append(f"发布政策解读{w.fig('政策解读', 'overview.interpretations_total', '篇')}")
    key.append(f"新收政府信息公开申请{w.with_change('本年新收申请', f'{APP}.new.total', '件')}")
    key.append(f"办结{w.fig('办结申请', f'{APP}.processed_total.total', '件')}")
    key.append(f"因政府信息公开被申请行政复议{w.fig('行政复议', f'{REV}.review.total', '件')}、"
               f"被提起行政诉讼{w.fig('行政诉讼', LITIGATION, '件')}")
    paras.append(f"全年{'；'.join(key)}。")
    return paras


def _proactive(w: _Writer) -> list[str]:
    s = w.source
    parts = []
    if known(s, f"{PRO}.rules.issued"):
        parts.append(f"制发规章{w.fig('制发规章', f'{PRO}.rules.issued', '件')}，"
                     f"现行有效规章{w.fig('现行有效规章', f'{PRO}.rules.in_force', '件')}")
    if known(s, f"{PRO}.normative_documents.issued"):
        parts.append(f"制发行政规范性文件{w.with_change('制发行政规范性文件', f'{PRO}.normative_documents.issued', '件')}，"
                     f"废止{w.fig('废止行政规范性文件', f'{PRO}.normative_documents.repealed', '件')}，"
                     f"现行有效{w.fig('现行有效行政规范性文件', f'{PRO}.normative_documents.in_force', '件')}")
    paras = [f"{s.year}年，{'；'.join(parts)}。"] if parts else []
    acts = []
    for label, row in (("行政许可决定", "licensing"), ("行政处罚决定", "penalties"), ("行政强制决定", "enforcement")):
        if known(s, f"{PRO}.{row}.decisions"):
            acts.append(f"作出{label}{w.with_change(label, f'{PRO}.{row}.decisions', '件')}")
    if known(s, f"{PRO}.fees.amount_10k_yuan"):
        acts.append(f"收取行政事业性收费{w.with_change('行政事业性收费', f'{PRO}.fees.amount_10k_yuan', '万元')}")
    if acts:
        paras.append(f"按照条例第二十条的要求公开执法和收费信息：全年{'；'.join(acts)}。")
    return paras


def _applications(w: _Writer) -> list[str]:
    s = w.source
    new, done = f"{APP}.new.total", f"{APP}.processed_total.total"
    paras = [f"全年新收政府信息公开申请{w.fig('本年新收申请', new, '件')}，{w.change('本年新收申请', new)}；"
             f"上年结转{w.fig('上年结转申请', f'{APP}.carried_in.total', '件')}。"]
    schema = rf.schema_for(s.format_version).table(APP)
    people = []
    for code in rf.APPLICANT_COLUMNS:
        expr = f"{APP}.new.{code}"
        if (raw_value(s, expr) or 0) > 0:
            label = f"{schema.column(code).label}申请"
            people.append(f"{schema.column(code).label}{w.fig(label, expr, '件')}，占{w.share(label, expr, new)}")
    if people:
        paras.append(f"从申请人类型看，{'；'.join(people)}。")
    channels = {k: v for k, v in (s.overview.get("channels") or {}).items() if v}
    if channels:
        total = sum(channels.values())
        paras.append("从申请方式看，" + "；".join(
            f"通过{label}方式{w.fig(f'{label}方式申请', f'overview.channels.{label}', '件')}，"
            f"占{percent(n, total)}"
            for label, n in channels.items()) + "。")
    results = []
    for code, label in OUTCOME_GROUPS:
        expr = f"{APP}.{code}.total"
        if (raw_value(s, expr) or 0) > 0 or code == "disclosed":
            results.append(f"{label}{w.fig(label, expr, '件')}，占{w.share(label, expr, done)}"
                           + (f"，{w.change(label, expr)}" if code == "disclosed" else ""))
    paras.append(f"全年办结申请{w.with_change('办结申请', done, '件')}。其中，{'；'.join(results)}。"
                 f"结转下年度继续办理{w.fig('结转下年度', f'{APP}.carried_out.total', '件')}。")
    return paras


def _review(w: _Writer) -> list[str]:
    s = w.source
    names = dict(zip(rf.REVIEW_PARTS, ("结果维持", "结果纠正", "其他结果", "尚未审结"), strict=False))
    review = [f"{names[p]}{w.fig(f'行政复议{names[p]}', f'{REV}.review.{p}', '件')}"
              for p in rf.REVIEW_PARTS if (raw_value(s, f"{REV}.review.{p}") or 0) > 0]
    text = f"全年因政府信息公开被申请行政复议{w.with_change('行政复议', f'{REV}.review.total', '件')}"
    text += f"，其中{'、'.join(review)}。" if review else "。"
    text += (f"被提起行政诉讼{w.with_change('行政诉讼', LITIGATION, '件')}，其中未经复议直接起诉"
             f"{w.fig('直接起诉', f'{REV}.suit_direct.total', '件')}，复议后起诉"
             f"{w.fig('复议后起诉', f'{REV}.suit_after_review.total', '件')}。")
    corrected = LITIGATION.replace("total", "corrected")
    paras = [text]
    if (raw_value(s, f"{REV}.review.corrected") or 0) + (raw_value(s, corrected) or 0) > 0:
        paras.append("对被纠正的案件，已逐件分析原因，改进答复的说理和程序。")
    return paras


def _from_report(w: _Writer, key: str, fallback: str) -> list[str]:
    text = _excerpt(w.source.narrative.get(key, ""))
    return [text] if text else [fallback]


def generate(source: Source) -> dict:
    """``{"figures": {label: {kind, expr, unit}}, "sections": [{"key", "title", "text"}]}``: paragraphs
    separated by blank lines, figures as markers."""
    w = _Writer(source)
    bodies = {
        "overview": _overview(w),
        "proactive": _proactive(w),
        "applications": _applications(w),
        "review_litigation": _review(w),
        "problems": _from_report(w, "problems", "报告对存在的主要问题及改进情况作了说明，详见报告原文。"),
        "other_matters": _from_report(w, "other_matters", "其他需要报告的事项详见报告原文。"),
    }
    sections = [{"key": key, "title": title, "text": "\n\n".join(bodies[key])} for key, title in rf.SECTIONS]
    return {"figures": w.figures, "sections": sections}


def headline_labels(figures: dict[str, dict]) -> list[str]:
    """The headline figures present in ``figures``, in display order."""
    wanted = [FACT_HEADLINE[0], *(label for label, _e, _u in HEADLINES)]
    return [label for label in wanted if label in figures and figures[label]["kind"] == "value"]
