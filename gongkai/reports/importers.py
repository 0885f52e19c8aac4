"""Imports: historical case records (CSV), past-year figures (JSON in the documented schema, or
CSV/XLSX of table 三) and manual figures of table 二 (CSV/XLSX).

Every importer validates every row first and reports bad rows with their line number; then it
imports everything in one transaction, or nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Counter
from gongkai.applications.models import (
    ApplicantKind,
    Application,
    Channel,
    EventKind,
    OrgType,
    Status,
    TimelineEvent,
)
from gongkai.law import outcomes
from gongkai.law import report_format as rf
from gongkai.law import today as law_today
from gongkai.law.identifiers import new_tracking_code
from gongkai.ops import sandbox


@dataclass
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}" if self.line else self.message


class ImportFailed(Exception):
    """Nothing was imported; ``problems`` lists every bad row."""

    def __init__(self, problems: list[Problem]):
        super().__init__("；".join(str(p) for p in problems[:20]))
        self.problems = problems


# ---------------------------------------------------------------------------------------------
# Reading files
# ---------------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed([Problem(0, "无法识别文件编码，请使用 UTF-8 编码的 CSV 文件")])


def read_rows(data: bytes) -> list[list[Any]]:
    """Rows of a CSV (UTF-8 or GB18030) or of the first sheet of an XLSX file (sniffed by content).

    An XLSX is read within the parsing budget (:mod:`gongkai.ops.sandbox`) after its ZIP directory
    was checked: a bomb, or a sheet that takes too long or too much memory, is refused with the reason.
    """
    if data[:4] == b"PK\x03\x04":
        try:
            sandbox.check_zip(data)
            rows = sandbox.run(_xlsx_rows, data)
        except sandbox.Refused as e:
            raise ImportFailed([Problem(0, e.message)]) from None
        except Exception:  # noqa: BLE001 - any broken workbook is the user's file problem
            raise ImportFailed([Problem(0, "无法读取 XLSX 文件")]) from None
        return rows
    return list(csv.reader(io.StringIO(decode_text(data))))


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    """Runs in the sandbox: any failure is raised (one on the memory ceiling is reported as such)."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    ws = wb.worksheets[0]
    rows = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


# ---------------------------------------------------------------------------------------------
# Historical applications (CLI import_applications)
# ---------------------------------------------------------------------------------------------

APPLICATION_HEADER = ["received_date", "channel", "applicant_type", "outcome", "closed_date", "description"]
CHANNELS = {label: value for value, label in Channel.choices}
APPLICANT_TYPES: dict[str, tuple[str, str]] = {"自然人": (ApplicantKind.NATURAL_PERSON, "")}
APPLICANT_TYPES.update({label: (ApplicantKind.ORGANISATION, value) for value, label in OrgType.choices})
PLACEHOLDER_NAME = "历史数据导入"


@dataclass
class HistoricalRow:
    line: int
    received_on: dt.date
    channel: str
    applicant_kind: str
    org_type: str
    outcome: str
    closed_on: dt.date | None
    description: str


def _date(value: str, what: str) -> dt.date:
    text = value.strip().replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{what}“{value}”不是有效日期（格式：2020-03-15）") from None


def _outcome_names() -> dict[str, str]:
    """Every accepted spelling of a leaf outcome → its code: the code (``3.1``), the schema key of the
    annual-report JSON (``withheld_state_secret``) and the exact labels (``1.属于国家秘密``, the report's
    ``（三）1.属于国家秘密`` and the selection label ``（三）不予公开 / 1.属于国家秘密``), all read from
    :mod:`gongkai.law.outcomes` and :mod:`gongkai.law.report_format`. A spelling that would name two
    outcomes is left out."""
    names: dict[str, set[str]] = {}
    for leaf in outcomes.LEAVES:
        for name in (leaf.code, leaf.key, leaf.label, leaf.choice_label):
            names.setdefault(name, set()).add(leaf.code)
    for fmt in rf.FORMATS:
        for row in rf.schema_for(fmt).applications.rows:
            if row.outcome and row.is_leaf and row.outcome in {o.code for o in outcomes.LEAVES}:
                names.setdefault(row.full_label, set()).add(row.outcome)
    return {name: next(iter(codes)) for name, codes in names.items() if len(codes) == 1}


OUTCOME_NAMES = _outcome_names()


def resolve_outcome(value: str) -> str | None:
    """The leaf code for a code, schema key or exact label; None if it is none of them."""
    return OUTCOME_NAMES.get(value)


# Only the description may span lines (a quoted multi-line text), and only if no continuation line
# looks like a record of its own: that is what an unclosed quote does.
def _looks_like_record(line: str) -> bool:
    return line.count(",") >= len(APPLICATION_HEADER) - 1 or bool(re.match(r"\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*,", line))


def _merged_records(raw: list[str], first: int, last: int) -> str | None:
    """A message if this record (physical lines ``first``..``last``) swallowed other records: a field
    other than the description spans lines, or the description holds lines that look like records."""
    spans = [(APPLICATION_HEADER[i] if i < len(APPLICATION_HEADER) else f"第{i + 1}列")
             for i, value in enumerate(raw) if "\n" in value]
    if first == last or not spans:
        return None
    if (len(raw) == len(APPLICATION_HEADER) and spans == ["description"]
            and not any(_looks_like_record(line) for line in raw[-1].splitlines()[1:])):
        return None  # a quoted multi-line description
    return (f"引号未闭合：字段 {spans[0]} 以引号开始，直到第{last}行才结束，第{first}—{last}行共 {last - first + 1} 行"
            f"被合并成了一条记录；请补上缺少的引号（字段内的引号写作两个引号 \"\"）")


def parse_applications_csv(text: str, *, on: dt.date | None = None) -> list[HistoricalRow]:
    """Validate every row; raise :class:`ImportFailed` listing every bad row with its (physical) line
    number. CSV is read strictly: a stray quote that would merge several lines into one record is an
    error, never a silent merge (see :func:`_merged_records`)."""
    on = on or law_today.today()
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=None), strict=True)
    problems: list[Problem] = []
    rows: list[HistoricalRow] = []
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise ImportFailed([Problem(1, "文件为空")]) from None
    except csv.Error as e:
        raise ImportFailed([Problem(reader.line_num or 1, f"CSV 格式错误（{e}）")]) from None
    if header != APPLICATION_HEADER:
        raise ImportFailed([Problem(1, f"表头应为 {','.join(APPLICATION_HEADER)}")])
    while True:
        line = reader.line_num + 1  # the record's first physical line
        try:
            raw = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            # The reader cannot resynchronise after this: report it and stop reading.
            problems.append(Problem(line, f"CSV 格式错误：本行起有未闭合的引号或引号后多出字符（{e}），"
                                             f"其后的内容未能读取"))
            break
        if not any(c.strip() for c in raw):
            continue
        merged = _merged_records(raw, line, reader.line_num)
        if merged:
            problems.append(Problem(line, merged))
            continue
        if len(raw) != len(APPLICATION_HEADER):
            problems.append(Problem(line, f"应有{len(APPLICATION_HEADER)}列，实有{len(raw)}列"))
            continue
        received, channel, applicant, outcome, closed, description = (c.strip() for c in raw)
        errors = []
        try:
            received_on = _date(received, "收到日期")
            if received_on > on:
                errors.append("收到日期不能晚于今天")
        except ValueError as e:
            errors.append(str(e))
            received_on = None
        if channel not in CHANNELS:
            errors.append(f"申请方式“{channel}”无效（应为：{' / '.join(CHANNELS)}）")
        if applicant not in APPLICANT_TYPES:
            errors.append(f"申请人类型“{applicant}”无效（应为：{' / '.join(APPLICANT_TYPES)}）")
        code = ""
        if outcome:
            code = resolve_outcome(outcome) or ""
            if not code:
                errors.append(f"办理结果“{outcome}”无效（应为代码如 3.1、标识如 withheld_state_secret，"
                              f"或年度报告格式中的标签如 1.属于国家秘密）")
        closed_on = None
        if closed:
            try:
                closed_on = _date(closed, "办结日期")
                if received_on and closed_on < received_on:
                    errors.append("办结日期不能早于收到日期")
                if closed_on > on:
                    errors.append("办结日期不能晚于今天")
            except ValueError as e:
                errors.append(str(e))
        if outcome and not closed:
            errors.append("有办理结果的申请须填写办结日期")
        if closed and not outcome:
            errors.append("已办结的申请须填写办理结果")
        if errors:
            problems.append(Problem(line, "；".join(errors)))
            continue
        kind, org = APPLICANT_TYPES[applicant]
        rows.append(HistoricalRow(line, received_on, CHANNELS[channel], kind, org, code, closed_on, description))
    if problems:
        raise ImportFailed(problems)
    return rows


def _allocate(agency: Agency, year: int, n: int) -> int:
    """Reserve ``n`` serials of the organ's application counter for ``year``; returns the first."""
    counter, _ = Counter.objects.get_or_create(agency=agency, name="application", year=year)
    counter = Counter.objects.select_for_update().get(pk=counter.pk)
    first = counter.value + 1
    counter.value += n
    counter.save(update_fields=["value"])
    return first


def _tracking_codes(n: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < n:
        codes.update(new_tracking_code() for _ in range(n - len(codes)))
        taken = set(Application.objects.filter(tracking_code__in=list(codes)).values_list("tracking_code", flat=True))
        codes -= taken
    return list(codes)


def import_applications(agency: Agency, rows: list[HistoricalRow], *, source: str = "", actor=None) -> list[int]:
    """Create the historical applications (all or none) with a 'registered' timeline event noting the
    import. Applicant fields are placeholders: historical CSV files do not hold them."""
    from gongkai.applications.services import refresh_clock

    if not rows:
        return []
    tz = timezone.get_default_timezone()
    with transaction.atomic():
        by_year: dict[int, list[HistoricalRow]] = {}
        for row in rows:
            by_year.setdefault(row.received_on.year, []).append(row)
        serial: dict[int, int] = {y: _allocate(agency, y, len(rs)) for y, rs in by_year.items()}
        codes = _tracking_codes(len(rows))
        apps = []
        for i, row in enumerate(rows):
            year = row.received_on.year
            reference = f"{year}-{serial[year]:05d}"
            serial[year] += 1
            closed = bool(row.outcome)
            apps.append(Application(
                agency=agency, reference=reference, tracking_code=codes[i], channel=row.channel,
                submitted_at=dt.datetime.combine(row.received_on, dt.time(9, 0), tzinfo=tz),
                submitted_on=row.received_on, received_on=row.received_on,
                applicant_kind=row.applicant_kind, org_type=row.org_type, name=PLACEHOLDER_NAME,
                id_number="", phone="", address="",
                description=row.description or "（历史数据未记录申请内容）",
                status=Status.CLOSED if closed else Status.IN_PROGRESS,
                outcome=row.outcome, decided_on=row.closed_on, concluded_on=row.closed_on,
            ))
        created = Application.objects.bulk_create(apps, batch_size=1000)
        if any(a.pk is None for a in created):  # backends that do not return ids
            by_code = dict(Application.objects.filter(tracking_code__in=codes).values_list("tracking_code", "id"))
            for a in created:
                a.pk = a.id = by_code[a.tracking_code]
        label = f"“{source}”" if source else ""
        events = []
        for app, row in zip(created, rows, strict=True):
            events.append(TimelineEvent(
                application=app, kind=EventKind.REGISTERED, occurred_on=row.received_on,
                actor=actor if actor and actor.is_authenticated else None,
                note=f"历史数据导入{label}第{row.line}行（申请人信息未随历史数据迁移）",
                data={"import": source, "line": row.line, "channel": row.channel},
            ))
            if row.outcome:
                oc = outcomes.by_code(row.outcome)
                events.append(TimelineEvent(
                    application=app, kind=EventKind.CLOSED, occurred_on=row.closed_on,
                    note=f"历史数据导入：已办结，办理结果为{oc.choice_label}",
                    data={"import": source, "outcome": row.outcome},
                ))
        TimelineEvent.objects.bulk_create(events, batch_size=2000)
        for app in created:
            if app.status == Status.IN_PROGRESS:
                refresh_clock(app)
    return [a.pk for a in created]


# ---------------------------------------------------------------------------------------------
# Past-year figures
# ---------------------------------------------------------------------------------------------


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    text = _text(value).replace(",", "")
    if not text:
        return False
    try:
        float(text.lstrip("+-"))
        return True
    except ValueError:
        return False


def parse_table3(rows: list[list[Any]], fmt: str) -> dict:
    """Table 三 from CSV/XLSX rows (e.g. the XLSX this app exports, or a simple CSV with a header
    ``行,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计``). Labels are matched with the
    schema's label matching (full/half width, variants); blank or ``/`` cells are None."""
    t = rf.schema_for(fmt).applications
    tables = rf.empty_tables(fmt)
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    seen = 0
    for line, row in enumerate(rows, start=1):
        cells = list(row)
        if not any(_text(c) for c in cells):
            continue
        numeric = any(_is_number(c) for i, c in enumerate(cells) if i in columns)
        if not numeric:
            for i, c in enumerate(cells):
                code = t.match_column_label(_text(c)) if i > 0 and _text(c) else None
                if code and i not in columns:
                    columns[i] = code
            continue
        first_value = min(columns)
        labels = [_text(c) for c in cells[:first_value] if _text(c)]
        if not labels:
            problems.append(Problem(line, "缺少行标签"))
            continue
        code = None
        for label in reversed(labels):
            code = t.match_row_label(label)
            if code:
                break
        if code is None:
            if any(t.match_row(label, groups=True) for label in labels):
                continue
            problems.append(Problem(line, f"无法识别的行：“{labels[-1]}”"))
            continue
        seen += 1
        for i, col in columns.items():
            value = cells[i] if i < len(cells) else ""
            text = _text(value)
            if text in ("", "/", "／"):
                continue
            try:
                number = float(str(value).replace(",", "")) if not isinstance(value, int | float) else value
            except ValueError:
                problems.append(Problem(line, f"“{text}”不是数值"))
                continue
            if number != int(number):
                problems.append(Problem(line, f"“{text}”不是整数"))
                continue
            tables[rf.TABLE_APPLICATIONS][code][col] = int(number)
    if not columns:
        problems.append(Problem(0, "没有找到表头（自然人、商业企业……总计）"))
    elif not seen:
        problems.append(Problem(0, "没有找到数据行"))
    if problems:
        raise ImportFailed(problems)
    return tables


def parse_report_json(data: bytes) -> dict:
    """A report in the documented JSON schema: agency, year, format, tables (findings are ignored:
    they are recomputed)."""
    try:
        doc = json.loads(decode_text(data))
    except json.JSONDecodeError as e:
        raise ImportFailed([Problem(e.lineno, f"JSON 格式错误：{e.msg}")]) from None
    if not isinstance(doc, dict) or "tables" not in doc:
        raise ImportFailed([Problem(0, "JSON 应包含 tables（以及 year、format）")])
    return doc


# ---------------------------------------------------------------------------------------------
# Manual figures of table 二
# ---------------------------------------------------------------------------------------------

_CELL_HEADERS = ("单元格", "cell", "cell_id")
_ROW_HEADERS = ("行", "信息内容", "row")
_COLUMN_HEADERS = ("列", "column")
_VALUE_HEADERS = ("数值", "value", "数据")
_SOURCE_HEADERS = ("来源", "来源说明", "数据来源", "source")


def parse_manual_figures(rows: list[list[Any]], fmt: str, default_source: str = "") -> list[tuple[str, Any, str]]:
    """(cell id, raw value, source note) per data row. Header: ``单元格,数值,来源说明`` with cell ids, or
    ``行,列,数值,来源说明`` with labels of table 二 (e.g. ``行政许可,本年处理决定数量,1234,某系统``)."""
    t = rf.schema_for(fmt).proactive
    problems: list[Problem] = []
    out: list[tuple[str, Any, str]] = []
    if not rows:
        raise ImportFailed([Problem(1, "文件为空")])
    header = [_text(h).lower() for h in rows[0]]

    def find(names):
        for i, h in enumerate(header):
            if h in names:
                return i
        return None

    i_cell, i_row, i_col = find(_CELL_HEADERS), find(_ROW_HEADERS), find(_COLUMN_HEADERS)
    i_value, i_source = find(_VALUE_HEADERS), find(_SOURCE_HEADERS)
    if i_value is None or (i_cell is None and (i_row is None or i_col is None)):
        raise ImportFailed([Problem(1, "表头应为“单元格,数值,来源说明”或“行,列,数值,来源说明”")])
    for line, row in enumerate(rows[1:], start=2):
        cells = list(row) + [""] * len(header)
        if not any(_text(c) for c in row):
            continue
        if i_cell is not None and _text(cells[i_cell]):
            cell = _text(cells[i_cell])
        else:
            r = t.match_row_label(_text(cells[i_row]))
            c = t.match_column_label(_text(cells[i_col]))
            if r is None or c is None or not t.has_cell(r, c):
                problems.append(Problem(line, f"无法识别的单元格：“{_text(cells[i_row])}／{_text(cells[i_col])}”"))
                continue
            cell = rf.cell_id(rf.TABLE_PROACTIVE, r, c)
        source = _text(cells[i_source]) if i_source is not None else ""
        out.append((cell, cells[i_value], source or default_source))
    if problems:
        raise ImportFailed(problems)
    if not out:
        raise ImportFailed([Problem(0, "没有数据行")])
    return out
