"""The reconciliation rules (勾稽关系) of the annual report as data, and the checker (domain.md 5.6).

Pure standard-library module: no Django import. Tables have the JSON shape of
:mod:`gongkai.law.report_format` (``{"proactive": ..., "applications": ..., "review_litigation": ...}``).

Rules (ids shared by the annual-report app and the auditor of published reports)
-------------------------------------------------------------------------------
===============  ====  ========  ==========================================================
id               #     severity  what
===============  ====  ========  ==========================================================
balance          R1    error     一 + 二 = 三（七）总计 + 四, every column of table 三
outcome_sum      R2    error     （七）总计 = the sum of the leaf outcome rows, every column
row_sum          R3    error     总计 = the sum of the six applicant columns, every row of 三
review_total     R4    error     总计 = 维持 + 纠正 + 其他 + 尚未审结, each group of table 四
cross_year       R5    error     this year's 二、上年结转 = last year's 四、结转下年度继续办理
non_negative     R6    error     every count a non-negative integer (the trial format's signed
                                 本年增/减 an integer), the fee or purchase amount a
                                 non-negative number
blank_cells            warning   cells that are None (arithmetic counted them as 0)
in_force_trend         warning   现行有效件数 = last year's + 本年制发 − 本年废止 (plausibility)
===============  ====  ========  ==========================================================

R6 keeps the id ``non_negative`` (the wording of the report app's issue) although it also reports
values that are not integers or not numbers at all; the message says which. R1–R6 are errors: they
block publication (domain 5.6). ``OTHER_RULES`` lists the ids that the report app and the auditor
produce themselves (text_vs_table, missing_table, …) so that every rule id and its severity lives here.

Conventions
-----------
- Arithmetic treats None (blank) as 0 but never writes a value; ``blank_cells`` reports the blanks.
  A value that is not a number is reported by R6 and counts as 0 in the other rules.
- A table that is absent or entirely None is skipped by every rule (the parser reports
  ``missing_table`` itself).
- ``Finding.cells`` names the cells involved (ids like ``applications.new.natural_person``); messages
  are plain Chinese and name the numbers, blanks shown as ``空``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gongkai.law.report_format import (
    APPLICANT_COLUMNS,
    FORMAT_2021,
    KIND_AMOUNT,
    KIND_DELTA,
    REVIEW_PARTS,
    TABLE_APPLICATIONS,
    TABLE_PROACTIVE,
    TABLE_REVIEW_LITIGATION,
    TOTAL,
    TableSchema,
    cell_id,
    get_cell,
    guess_format,
    is_table_missing,
    schema_for,
)

__all__ = [
    "ERROR",
    "WARNING",
    "INFO",
    "SEVERITIES",
    "RULES_VERSION",
    "Rule",
    "RULES",
    "OTHER_RULES",
    "ALL_RULES",
    "RULE_IDS",
    "rule",
    "Finding",
    "check",
    "has_errors",
    "errors",
    "cells_with_findings",
    "TABLE_NAMES",
]

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES: tuple[str, ...] = (ERROR, WARNING, INFO)

# Stored with an approved report's snapshot (domain 5.6): bump when a rule's meaning changes.
RULES_VERSION = "1"

# How messages name the tables.
TABLE_NAMES: dict[str, str] = {
    TABLE_PROACTIVE: "二、主动公开政府信息情况",
    TABLE_APPLICATIONS: "三、收到和处理政府信息公开申请情况",
    TABLE_REVIEW_LITIGATION: "四、政府信息公开行政复议、行政诉讼情况",
}


@dataclass(frozen=True)
class Rule:
    """One rule: ``number`` is R1–R6 of domain 5.6 (empty for other rules); ``blocking`` rules stop
    publication; ``checked_here`` is False for rules the report app or the auditor check themselves."""

    id: str
    number: str
    description: str
    scope: str
    severity: str
    blocking: bool
    checked_here: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "description": self.description,
            "scope": self.scope,
            "severity": self.severity,
            "blocking": self.blocking,
        }


RULES: tuple[Rule, ...] = (
    # The rule printed in the header of table 三 (国办公开办函〔2021〕30号).
    Rule(
        "balance",
        "R1",
        "第一项加第二项之和，等于第三项加第四项之和：一 + 二 = 三（七）总计 + 四",
        "表三每一列",
        ERROR,
        True,
    ),
    Rule("outcome_sum", "R2", "（七）总计等于各项办理结果（小项）之和", "表三每一列", ERROR, True),
    Rule(
        "row_sum",
        "R3",
        "总计等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和",
        "表三每一行",
        ERROR,
        True,
    ),
    Rule(
        "review_total",
        "R4",
        "总计等于结果维持、结果纠正、其他结果、尚未审结之和",
        "表四行政复议及两类行政诉讼",
        ERROR,
        True,
    ),
    Rule(
        "cross_year",
        "R5",
        "本年“二、上年结转”等于上年“四、结转下年度继续办理”",
        "表三每一列，跨年度（含上年为试行格式）",
        ERROR,
        True,
    ),
    Rule(
        "non_negative",
        "R6",
        "件数为非负整数（试行格式“本年增/减”可为负），金额为非负数",
        "全部表格",
        ERROR,
        True,
    ),
    Rule("blank_cells", "", "单元格空白：核对时按 0 计算，但不视为填报了 0", "全部表格", WARNING, False),
    Rule(
        "in_force_trend",
        "",
        "现行有效件数应等于上年现行有效件数 + 本年制发件数 − 本年废止件数",
        "表二第二十条第（一）项，跨年度",
        WARNING,
        False,
    ),
)

# Rule ids produced by the annual-report app or the auditor, not by :func:`check`.
OTHER_RULES: tuple[Rule, ...] = (
    Rule("text_vs_table", "", "正文中的数字与表格不一致", "正文", WARNING, False, False),
    Rule("missing_table", "", "报告缺少表格", "全部表格", WARNING, False, False),
    Rule("incomplete_table", "", "表格不完整（截断或缺少单元格）", "全部表格", WARNING, False, False),
    Rule("label_mismatch", "", "表格标签与规定格式不一致", "全部表格", WARNING, False, False),
    Rule("format_outdated", "", "使用了已废止的报告格式", "全文", WARNING, False, False),
    Rule("late_publication", "", "发布日期晚于法定期限", "全文", WARNING, False, False),
    Rule("copy_paste", "", "正文与上一年度报告高度雷同", "正文", WARNING, False, False),
    Rule("blank_column", "", "整列空白：该列涉及的勾稽核对不进行", "全部表格", WARNING, False, False),
    Rule("unclassified_records", "", "本年办结但未记录办理结果的申请", "表三", WARNING, False, False),
)
ALL_RULES: tuple[Rule, ...] = RULES + OTHER_RULES
RULE_IDS: tuple[str, ...] = tuple(r.id for r in ALL_RULES)
_RULES = {r.id: r for r in ALL_RULES}


def rule(rule_id: str) -> Rule:
    """The rule with this id; KeyError with a Chinese message if unknown."""
    try:
        return _RULES[rule_id]
    except KeyError:
        raise KeyError(f"未知的核对规则：{rule_id}") from None


@dataclass
class Finding:
    """One failed check. ``to_dict()`` is the JSON of the report app and the auditor."""

    rule: str
    severity: str
    message: str
    cells: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"未知的严重程度：{self.severity}")
        self.cells = list(self.cells)

    @property
    def blocking(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "cells": list(self.cells),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        return cls(data["rule"], data["severity"], data["message"], list(data.get("cells") or []))


def _finding(rule_id: str, message: str, cells: Iterable[str], severity: str | None = None) -> Finding:
    return Finding(rule_id, severity or _RULES[rule_id].severity, message, list(cells))


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, Decimal):
        return value.is_finite()
    return False


def _num(value: Any) -> int | Decimal:
    """The value for arithmetic: None and non-numbers count as 0 (reported by blank_cells / R6)."""
    if not _is_number(value):
        return 0
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def _show(value: Any) -> str:
    if value is None:
        return "空"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    if isinstance(value, float) and _is_number(value):
        return _show(Decimal(repr(value)))
    return str(value)


def _invalid_reason(value: Any, kind: str) -> str | None:
    """Why a non-None value breaks R6, or None if it is valid."""
    if not _is_number(value):
        return "不是数值"
    number = _num(value)
    if kind == KIND_AMOUNT:
        return "是负数，金额应为非负数" if number < 0 else None
    if number != int(number):
        return "不是整数"
    if kind != KIND_DELTA and number < 0:
        return "是负数，应为非负整数"
    return None


# ---------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------


def _v(tables: Mapping[str, Any], table: str, row: str, column: str) -> Any:
    return get_cell(tables, cell_id(table, row, column))


def _balance(tables: Mapping[str, Any], t: TableSchema) -> list[Finding]:
    out = []
    for col in t.columns:
        ids = [cell_id(t.code, r, col.code) for r in ("new", "carried_in", "processed_total", "carried_out")]
        new, carried_in, processed, carried_out = (get_cell(tables, i) for i in ids)
        left = _num(new) + _num(carried_in)
        right = _num(processed) + _num(carried_out)
        if left != right:
            out.append(
                _finding(
                    "balance",
                    f"{col.label}列：一（{_show(new)}）+ 二（{_show(carried_in)}）= {_show(left)}，"
                    f"不等于 三（七）总计（{_show(processed)}）+ 四（{_show(carried_out)}）= {_show(right)}",
                    ids,
                )
            )
    return out


def _outcome_sum(tables: Mapping[str, Any], t: TableSchema) -> list[Finding]:
    out = []
    leaves = t.leaf_rows
    for col in t.columns:
        total_id = cell_id(t.code, "processed_total", col.code)
        total = get_cell(tables, total_id)
        leaf_ids = [cell_id(t.code, r.code, col.code) for r in leaves]
        values = [get_cell(tables, i) for i in leaf_ids]
        leaf_sum = sum((_num(v) for v in values), 0)
        if leaf_sum != _num(total):
            nonzero = [f"{r.ref}={_show(v)}" for r, v in zip(leaves, values, strict=True) if _num(v) != 0]
            detail = f"（其中非零项：{'，'.join(nonzero)}）" if nonzero else ""
            out.append(
                _finding(
                    "outcome_sum",
                    f"{col.label}列：三（七）总计（{_show(total)}）不等于 {len(leaves)} 个办理结果小项之和"
                    f"（{_show(leaf_sum)}）{detail}",
                    [total_id, *leaf_ids],
                )
            )
    return out


def _row_sum(tables: Mapping[str, Any], t: TableSchema) -> list[Finding]:
    out = []
    for r in t.rows:
        part_ids = [cell_id(t.code, r.code, c) for c in APPLICANT_COLUMNS]
        total_id = cell_id(t.code, r.code, TOTAL)
        parts = [get_cell(tables, i) for i in part_ids]
        total = get_cell(tables, total_id)
        part_sum = sum((_num(v) for v in parts), 0)
        if part_sum != _num(total):
            out.append(
                _finding(
                    "row_sum",
                    f"{r.full_label}：六类申请人之和 {' + '.join(_show(v) for v in parts)} = {_show(part_sum)}，"
                    f"不等于总计（{_show(total)}）",
                    [*part_ids, total_id],
                )
            )
    return out


def _review_total(tables: Mapping[str, Any], t: TableSchema) -> list[Finding]:
    out = []
    for r in t.rows:
        part_ids = [cell_id(t.code, r.code, c) for c in REVIEW_PARTS]
        total_id = cell_id(t.code, r.code, TOTAL)
        parts = [get_cell(tables, i) for i in part_ids]
        total = get_cell(tables, total_id)
        part_sum = sum((_num(v) for v in parts), 0)
        if part_sum != _num(total):
            name = f"{r.group_label}（{r.label}）" if r.group_label else r.label
            terms = "+ ".join(
                f"{t.column(c).label}（{_show(v)}）" for c, v in zip(REVIEW_PARTS, parts, strict=True)
            )
            out.append(
                _finding(
                    "review_total",
                    f"{name}：{terms}= {_show(part_sum)}，不等于总计（{_show(total)}）",
                    [*part_ids, total_id],
                )
            )
    return out


def _cross_year(
    tables: Mapping[str, Any], t: TableSchema, previous: Mapping[str, Any], previous_format: str
) -> list[Finding]:
    if is_table_missing(previous, TABLE_APPLICATIONS, previous_format):
        return [
            _finding(
                "cross_year",
                "上年报告缺少“三、收到和处理政府信息公开申请情况”表格，无法核对上年结转",
                [cell_id(t.code, "carried_in", c.code) for c in t.columns],
                severity=INFO,
            )
        ]
    out = []
    for col in t.columns:
        this_id = cell_id(t.code, "carried_in", col.code)
        this = get_cell(tables, this_id)
        last = _v(previous, TABLE_APPLICATIONS, "carried_out", col.code)
        if _num(this) != _num(last):
            out.append(
                _finding(
                    "cross_year",
                    f"{col.label}列：本年“二、上年结转政府信息公开申请数量”（{_show(this)}）"
                    f"不等于上年“四、结转下年度继续办理”（{_show(last)}）",
                    [this_id],
                )
            )
    return out


def _non_negative(tables: Mapping[str, Any], t: TableSchema) -> list[Finding]:
    out = []
    for r in t.rows:
        for c in r.columns:
            cid = cell_id(t.code, r.code, c)
            value = get_cell(tables, cid)
            if value is None:
                continue
            column = t.column(c)
            reason = _invalid_reason(value, column.kind)
            if reason:
                out.append(
                    _finding(
                        "non_negative",
                        f"{TABLE_NAMES[t.code]}：{r.full_label}／{column.label} 的值 {_show(value)} {reason}",
                        [cid],
                    )
                )
    return out


_BLANK_LIST_LIMIT = 5


def _blank_cells(tables: Mapping[str, Any], t: TableSchema) -> list[Finding]:
    blanks = [(r, c) for r in t.rows for c in r.columns if _v(tables, t.code, r.code, c) is None]
    if not blanks:
        return []
    names = "；".join(f"{r.full_label}／{t.column(c).label}" for r, c in blanks[:_BLANK_LIST_LIMIT])
    more = f" 等 {len(blanks)} 处" if len(blanks) > _BLANK_LIST_LIMIT else ""
    return [
        _finding(
            "blank_cells",
            f"{TABLE_NAMES[t.code]}有 {len(blanks)} 个空白单元格，核对时按 0 计算，但不视为填报了 0：{names}{more}",
            [cell_id(t.code, r.code, c) for r, c in blanks],
        )
    ]


def _in_force_trend(tables: Mapping[str, Any], t: TableSchema, previous: Mapping[str, Any]) -> list[Finding]:
    out = []
    for row in ("rules", "normative_documents"):
        ids = [cell_id(t.code, row, c) for c in ("in_force", "issued", "repealed")]
        in_force, issued, repealed = (get_cell(tables, i) for i in ids)
        last = _v(previous, TABLE_PROACTIVE, row, "in_force")
        if in_force is None or last is None:
            continue  # nothing to compare
        expected = _num(last) + _num(issued) - _num(repealed)
        if _num(in_force) != expected:
            out.append(
                _finding(
                    "in_force_trend",
                    f"{t.row(row).label}：现行有效件数（{_show(in_force)}）不等于上年现行有效件数（{_show(last)}）"
                    f"+ 本年制发件数（{_show(issued)}）− 本年废止件数（{_show(repealed)}）= {_show(expected)}",
                    ids,
                )
            )
    return out


def check(
    tables: Mapping[str, Any] | None,
    format_version: str,
    *,
    previous: Mapping[str, Any] | None = None,
    previous_format: str | None = None,
) -> list[Finding]:
    """Run every rule of :data:`RULES` and return the findings in rule order.

    ``previous`` are last year's tables (for ``cross_year`` and ``in_force_trend``); ``previous_format``
    defaults to the format guessed from their codes, else ``format_version``. ``in_force_trend`` runs
    only when both years use the 2021 format (the trial format counts documents differently).
    Raises :class:`gongkai.law.report_format.UnknownFormat` for an unknown format.
    """
    schema = schema_for(format_version)
    tables = tables if isinstance(tables, Mapping) else {}
    present = {t.code: not is_table_missing(tables, t.code, format_version) for t in schema.tables}
    apps, review, proactive = schema.applications, schema.review_litigation, schema.proactive

    if previous is not None:
        previous_format = previous_format or guess_format(previous) or format_version
        schema_for(previous_format)

    by_rule: dict[str, list[Finding]] = {r.id: [] for r in RULES}
    if present[TABLE_APPLICATIONS]:
        by_rule["balance"] = _balance(tables, apps)
        by_rule["outcome_sum"] = _outcome_sum(tables, apps)
        by_rule["row_sum"] = _row_sum(tables, apps)
        if previous is not None:
            by_rule["cross_year"] = _cross_year(tables, apps, previous, previous_format)
    if present[TABLE_REVIEW_LITIGATION]:
        by_rule["review_total"] = _review_total(tables, review)
    for t in schema.tables:
        if present[t.code]:
            by_rule["non_negative"] += _non_negative(tables, t)
            by_rule["blank_cells"] += _blank_cells(tables, t)
    if (
        present[TABLE_PROACTIVE]
        and previous is not None
        and format_version == FORMAT_2021
        and previous_format == FORMAT_2021
    ):
        by_rule["in_force_trend"] = _in_force_trend(tables, proactive, previous)
    return [f for r in RULES for f in by_rule[r.id]]


def errors(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that block publication."""
    return [f for f in findings if f.severity == ERROR]


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def cells_with_findings(findings: Iterable[Finding]) -> dict[str, list[str]]:
    """``{cell_id: [rule ids]}`` for marking failing cells in a rendered table."""
    marked: dict[str, list[str]] = {}
    for f in findings:
        for c in f.cells:
            rules = marked.setdefault(c, [])
            if f.rule not in rules:
                rules.append(f.rule)
    return marked
