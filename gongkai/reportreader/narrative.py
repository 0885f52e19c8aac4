"""Figures stated in a report's prose (sections 一, 五, 六 …): the application and remedy counts and
shares (:func:`narrative_figures`), and the table cells each figure should equal (for text_vs_table)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gongkai.law import report_format as rf
from gongkai.law.report_format import (
    TABLE_APPLICATIONS,
    TABLE_REVIEW_LITIGATION,
    TOTAL,
    cell_id,
)


@dataclass(frozen=True)
class Figure:
    """A number stated in the narrative: ``key`` names what it counts, ``value`` the number,
    ``percent`` a share printed with it (as text, e.g. ``"2.29"``), ``text`` the words around it."""

    key: str
    value: int
    text: str
    percent: str | None = None


# A count: at most 9 digits (or 1,234,567 style), starting where a run of digits starts. Unbounded,
# "\d+(?:,\d{3})*件" tried at every digit of a 40 000-digit run (pasted into /audit/) cost minutes.
_N = r"(?<!\d)(?P<n>\d{1,9}(?:,\d{3}){0,3})"
_NEW = re.compile(
    r"(?:(?:收到|受理|新收|接收|接到)(?:了)?(?:各类|群众|公民、法人和其他组织)?(?:的)?"
    r"(?:政府信息公开申请|依申请公开(?:申请)?|信息公开申请)|依申请公开申请)"
    r"(?P<carry>和上年(?:度)?结转(?:的)?(?:件|申请)?)?(?:共计?|合计)?" + _N + "件"
)
_INCLUDES_CARRIED = re.compile(r"[(（]?(?:其中)?(?:含|包括|包含)上年(?:度)?结转")
_PROCESSED = re.compile(
    r"(?:办结答复|已办结|已答复|办结|答复|作出答复)(?:了)?(?:各类)?(?:政府信息公开申请|申请)?(?:共计?)?" + _N + "件"
)
_CARRIED_IN = re.compile(r"(?<!和)上年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请|件)?" + _N + "件")
_CARRIED_OUT = (
    re.compile(r"结转(?:到|至)?下(?:一)?年度?(?:继续)?(?:办理)?" + _N + "件"),
    re.compile(_N + r"件(?:申请)?(?:顺延|结转|转入)(?:到|至)?下(?:一)?年度?"),
)
_OUTCOME = re.compile(
    r"(?<!主动)(?P<what>予以公开(?:及|和|与|、)部分公开|予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)"
    r"(?:的)?(?:申请)?" + _N + "件"
    r"(?:[,，]?(?:占|占比|比例为?)(?:总数的|全部的)?(?P<pct>\d{1,3}(?:\.\d{1,4})?)%)?"
)
_REMEDY = re.compile(r"(?P<kind>行政复议|行政诉讼)(?:案件)?(?:共)?" + _N + "件")
_PART = re.compile(r"(?P<part>结果维持|结果纠正|其他结果|尚未审结)" + _N + "件")

_OUTCOME_KEYS = {
    "予以公开及部分公开": "disclosed_and_partial",
    "予以公开和部分公开": "disclosed_and_partial",
    "予以公开与部分公开": "disclosed_and_partial",
    "予以公开、部分公开": "disclosed_and_partial",
    "予以公开": "disclosed",
    "部分公开": "partially_disclosed",
    "不予公开": "withheld",
    "无法提供": "unavailable",
    "不予处理": "not_processed",
    "其他处理": "other_processing",
}
_PART_KEYS = {"结果维持": "upheld", "结果纠正": "corrected", "其他结果": "other", "尚未审结": "pending"}


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _snippet(sentence: str, m: re.Match[str], pad: int = 12) -> str:
    lo = max(0, m.start() - pad)
    hi = min(len(sentence), m.end() + 6)
    return ("…" if lo else "") + sentence[lo:hi] + ("…" if hi < len(sentence) else "")


_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）]|\d+[.、])")


def _flatten(narrative: str) -> str:
    """The narrative as one string of sentences: lines wrapped by PDF extraction (or by a layout of
    boxes) are joined; a heading line (``一、总体情况``, ``（二）…``) ends a sentence."""
    parts: list[str] = []
    for line in narrative.split("\n"):
        compact = re.sub(r"\s+", "", line)
        if not compact:
            continue
        parts.append(compact)
        if compact[-1] in "。!?:;" or (len(compact) < 30 and _HEADING.match(compact)):
            parts.append("。")
    return "".join(parts)


def narrative_figures(narrative: str) -> list[Figure]:
    """The application and remedy counts stated in the narrative (sections 一, 五, 六 …)."""
    flat = _flatten(narrative or "")
    out: list[Figure] = []
    for sentence in re.split(r"[。!?]", flat):
        if not sentence:
            continue
        about_applications = "申请" in sentence or "结转" in sentence
        for m in _NEW.finditer(sentence):
            # "受理申请N件（含上年结转M件）": N counts last year's too.
            carry = m["carry"] or _INCLUDES_CARRIED.match(sentence, m.end())
            key = "new_and_carried_in" if carry else "new"
            out.append(Figure(key, _int(m["n"]), _snippet(sentence, m)))
        if about_applications:
            for m in _PROCESSED.finditer(sentence):
                out.append(Figure("processed", _int(m["n"]), _snippet(sentence, m)))
        for m in _CARRIED_IN.finditer(sentence):
            out.append(Figure("carried_in", _int(m["n"]), _snippet(sentence, m)))
        for pattern in _CARRIED_OUT:
            for m in pattern.finditer(sentence):
                out.append(Figure("carried_out", _int(m["n"]), _snippet(sentence, m)))
        for m in _OUTCOME.finditer(sentence):
            out.append(Figure(_OUTCOME_KEYS[m["what"]], _int(m["n"]), _snippet(sentence, m), m["pct"]))
        mentions = sorted(
            [(m.start(), "kind", m) for m in _REMEDY.finditer(sentence)]
            + [(m.start(), "part", m) for m in _PART.finditer(sentence)],
            key=lambda item: item[0],
        )
        current = None
        for _, what, m in mentions:
            if what == "kind":
                current = "review" if m["kind"] == "行政复议" else "litigation"
                out.append(Figure(f"{current}_total", _int(m["n"]), _snippet(sentence, m)))
            elif current:
                out.append(Figure(f"{current}_{_PART_KEYS[m['part']]}", _int(m["n"]), _snippet(sentence, m)))
    seen: set[tuple[str, int, str | None]] = set()
    unique = []
    for f in out:
        if (f.key, f.value, f.percent) not in seen:
            seen.add((f.key, f.value, f.percent))
            unique.append(f)
    return unique


def _group_rows(schema: rf.TableSchema, group: str) -> list[str]:
    return [r.code for r in schema.rows if r.group == group]


def expected_cells(key: str, tables: Mapping[str, Any], fmt: str) -> tuple[list[str], str] | None:
    """(cell ids whose sum the figure should equal, their name) for a figure key."""
    apps = rf.schema_for(fmt).applications

    def total(row: str) -> str:
        return cell_id(TABLE_APPLICATIONS, row, TOTAL)

    simple = {
        "new": ([total("new")], "“一、本年新收政府信息公开申请数量”总计"),
        "new_and_carried_in": ([total("new"), total("carried_in")], "“一、本年新收”与“二、上年结转”总计之和"),
        "carried_in": ([total("carried_in")], "“二、上年结转政府信息公开申请数量”总计"),
        "processed": ([total("processed_total")], "“（七）总计”"),
        "carried_out": ([total("carried_out")], "“四、结转下年度继续办理”总计"),
        "disclosed": ([total("disclosed")], "“（一）予以公开”总计"),
        "partially_disclosed": ([total("partially_disclosed")], "“（二）部分公开”总计"),
        "disclosed_and_partial": (
            [total("disclosed"), total("partially_disclosed")],
            "“（一）予以公开”与“（二）部分公开”总计之和",
        ),
    }
    if key in simple:
        return simple[key]
    groups = {"withheld": "（三）不予公开", "unavailable": "（四）无法提供", "not_processed": "（五）不予处理"}
    if key in groups:
        return [total(r) for r in _group_rows(apps, key)], f"“{groups[key]}”各小项总计之和"
    if key == "other_processing":
        rows = ["other_processing"] if fmt == rf.FORMAT_2019 else _group_rows(apps, "other_processing")
        return [total(r) for r in rows], "“（六）其他处理”总计"
    m = re.match(r"^(review|litigation)_(total|upheld|corrected|other|pending)$", key)
    if m:
        rows = ["review"] if m[1] == "review" else ["suit_direct", "suit_after_review"]
        column = {"total": TOTAL, "upheld": "upheld", "corrected": "corrected", "other": "other", "pending": "pending"}[
            m[2]
        ]
        label = rf.schema_for(fmt).review_litigation.column(column).label
        name = "行政复议" if m[1] == "review" else "行政诉讼（未经复议直接起诉与复议后起诉之和）"
        return [cell_id(TABLE_REVIEW_LITIGATION, r, column) for r in rows], f"表四{name}“{label}”"
    return None


