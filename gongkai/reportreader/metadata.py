"""Metadata of a report: its year, agency (and the kind of organ), publication date and table format
(by the labels its tables print, else by its year)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from gongkai.law import report_format as rf
from gongkai.law.report_format import FORMAT_2019, FORMAT_2021
from gongkai.reportreader.model import FORMAT_PRE_2019, FORMAT_UNKNOWN
from gongkai.reportreader.normalise import compact

_ORGAN = re.compile(
    r"^[\u4e00-\u9fff()]{2,30}?(?:人民政府(?:办公室|办公厅)?|人民政府办|管理委员会|委员会|办公室|办公厅|"
    r"管理办|管委会|办事处|服务局|局|厅|委|中心|署|院|所|站|队|处|镇|乡|街道|开发区|苏木)$"
)
DATE_LINE = re.compile(r"^(\d{4})(?:年|\.|-|/)(\d{1,2})(?:月|\.|-|/)(\d{1,2})日?$")
_PUBLISHED = re.compile(r"(?:发布|公开|成文|印发)(?:日期|时间)[:]?(\d{4})(?:年|-|/|\.)(\d{1,2})(?:月|-|/|\.)(\d{1,2})")
OLD_STYLE = re.compile(
    r"政府信息公开(?:工作)?概述|主动公开政府信息以及公开平台建设情况|政府信息公开申请的办理情况|"
    r"主动公开政府信息数|主动公开信息数|统计指标|指标名称|政府信息公开收费及减免情况|"
    r"因政府信息公开(?:申请)?(?:被)?(?:举报)?申请行政复议、提起行政诉讼的情况"
)
_TRIAL_MARKERS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "其他对外管理服务事项",
                  "采购项目数量", "采购总金额", "第二十条第(九)项")
_MODERN_MARKERS = ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正",
                   "逾期未按收费通知")


def is_organ(text: str) -> bool:
    c = compact(text)
    return bool(c) and len(c) <= 32 and bool(_ORGAN.match(c)) and not c.startswith(("我", "本", "各"))


_YEAR_PATTERNS = (
    re.compile(r"统计(?:期限|时限|时间|区间|期间|时段)[^0-9]{0,8}(\d{4})年1月1日"),
    re.compile(r"(\d{4})年度?(?:本?(?:机关|单位|部门))?政府信息公开(?:工作)?(?:年度)?报告"),
    re.compile(r"年度?报告[(（](\d{4})年度?[)）]"),  # "…年度报告(2024年度)"
    re.compile(r"现将(\d{4})年"),
    re.compile(r"(?:^|[。\n])\s*(\d{4})年度?[,，]"),
    re.compile(r"(?:^|[。\n])\s*(\d{4})年度?(?:以来|我|全|本|中心|市|县|区|街道|镇|乡)"),
    # "汇报我镇2023年政府信息公开工作", "2020年七里坪镇严格按照《条例》": the overview names the year.
    re.compile(r"(\d{4})年度?(?:的)?政府信息公开工作"),
    re.compile(r"(?:^|[。\n])(\d{4})年[\u4e00-\u9fff]{2,12}?(?:严格|认真|坚持|深入|按照|围绕|全面|持续|紧紧)"),
    re.compile(r"[,，](\d{4})年度?[,，]我(?:局|委|办|镇|乡|县|区|市|街道|中心|单位|部门)"),
)


def year_of(text: str, head: str) -> int | None:
    for source in (head, text):
        for pattern in _YEAR_PATTERNS:
            for m in pattern.finditer(source):
                year = int(m.group(1))
                if 1990 <= year <= 2100:
                    return year
    return None


_AGENCY_PATTERNS = (
    re.compile(r"结合(?:\d{4}年度?)?(?P<a>[\u4e00-\u9fff]{2,30}?)(?:政府信息公开|政务公开)工作实际"),
    re.compile(r"(?:^|[。\n])\d{4}年度?[,，](?P<a>[\u4e00-\u9fff]{2,30}?)(?:坚持|深入|认真|严格|始终|按照|围绕|全面|持续|紧紧)"),
    re.compile(r"本报告由(?P<a>[\u4e00-\u9fff]{2,30}?)(?:办公室|办公厅)?(?:根据|依据|按照)"),
    re.compile(r"汇总(?P<a>[\u4e00-\u9fff]{2,30}?)\d{4}年"),
)
# Tried line by line after the patterns above: sentences that open a line, a title without its
# year, the contact sentence at the end of 总体情况.
_AGENCY_LINE_PATTERNS = (
    re.compile(
        r"(?:^|[。:])\d{4}年度?[,，](?P<a>[\u4e00-\u9fff()]{2,40}?)"
        r"(?:坚持|深入|认真|严格|始终|按照|围绕|全面|持续|紧紧|政府信息公开工作)"
    ),
    re.compile(r"^(?P<a>[\u4e00-\u9fff()]{2,30}?)\d{4}年度?(?:为|以来|[,，])"),  # "临河区医疗保障局2023年为…"
    re.compile(r"^(?P<a>[\u4e00-\u9fff]{2,30}?)(?:\d{4}年度?)?政[府务]信息公开(?:工作)?(?:年度)?(?:报告|年报)$"),
    re.compile(r"现(?:予)?公布(?P<a>[\u4e00-\u9fff]{2,30}?)\d{4}年"),
    re.compile(r"请(?:与|联系)(?P<a>[\u4e00-\u9fff]{2,30}?)(?:党政办公室|综合办公室|办公室|办公厅)"),
    # "2019年,根据县政府的工作要求和部署,自然资源局认真贯彻落实…"
    re.compile(r"^\d{4}年度?[,，][^。]{0,30}?[,，](?P<a>[\u4e00-\u9fff()]{2,20}?)(?:认真|深入|严格|坚持)"),
)
_PLACE_END = "省市州盟县区旗"
_NAME_STOP = set("由在及和与为的了是将对向从于据按照根据、,，。:;()《》“”\"' \n")


def _refine_agency(agency: str, text: str) -> str:
    """洪泽区人民政府 → 淮安市洪泽区人民政府 when the report names the city in front of it."""
    if re.match(r"^[\u4e00-\u9fff]{1,6}(?:省|市)", agency):
        return agency
    for m in re.finditer(re.escape(agency), text):
        pos = m.start()
        if pos == 0 or text[pos - 1] not in _PLACE_END:
            continue
        for k in (3, 4):
            if pos - k < 0:
                continue
            prefix = text[pos - k : pos]
            before = text[pos - k - 1] if pos - k - 1 >= 0 else "\n"
            if all("\u4e00" <= ch <= "\u9fff" for ch in prefix) and (before in _NAME_STOP or pos - k == 0):
                return prefix + agency
    return agency


def agency_of(
    title_agency: str | None, start: int, lines: Sequence[str], text: str, date_line: int | None
) -> str | None:
    """The agency of a report: named in its title, else above its date line (the signature, no
    higher than line ``start``), else in its text; completed with the city printed in front of it."""
    agency = title_agency
    if agency and not is_organ(agency):
        # "# 烟台市芝罘区行政审批服务局 2019年…" already stripped; keep what the title says.
        agency = agency.strip()
    if not agency and date_line is not None:
        agency = _signature_agency(lines, start, date_line)
    if not agency:
        agency = _agency_in_text(text)
    if not agency:
        return None
    return _refine_agency(agency, compact(text))


def _signature_agency(lines: Sequence[str], start: int, date_line: int) -> str | None:
    for j in range(date_line - 1, max(start, date_line - 4) - 1, -1):
        if is_organ(lines[j]):
            return compact(lines[j])
    return None


def _agency_in_text(text: str) -> str | None:
    flat = compact(text[:4000]) if text else ""
    for pattern in _AGENCY_PATTERNS:
        m = pattern.search(flat)
        if m and is_organ(m["a"]):
            return m["a"]
    if not text:
        return None
    by_line = [compact(line) for line in text[:4000].split("\n")]
    return next(
        (
            m["a"]
            for pattern in _AGENCY_LINE_PATTERNS
            for line in by_line
            if (m := pattern.search(line)) and is_organ(m["a"])
        ),
        None,
    )


def date_of(lines: Sequence[str], start: int, end: int, year: int | None) -> tuple[date | None, int | None]:
    def valid(y: int, mo: int, d: int) -> date | None:
        try:
            found = date(y, mo, d)
        except ValueError:
            return None
        if year is not None and found < date(year, 12, 31):
            return None
        return found

    for i in range(start, end):
        m = _PUBLISHED.search(compact(lines[i]))
        if m:
            found = valid(int(m[1]), int(m[2]), int(m[3]))
            if found:
                return found, i
    for i in range(end - 1, start - 1, -1):
        m = DATE_LINE.match(compact(lines[i]))
        if m:
            found = valid(int(m[1]), int(m[2]), int(m[3]))
            if found:
                return found, i
    return None, None


def organ_kind(agency: str | None) -> str:
    """``government`` for 人民政府, ``township`` for 乡/镇 governments and 街道, else ``department``."""
    name = compact(agency or "")
    if re.search(r"(?:乡|镇)人民政府$|街道办事处$|街道$", name):
        return rf.ORGAN_TOWNSHIP
    if name.endswith("人民政府"):
        return rf.ORGAN_GOVERNMENT
    return rf.ORGAN_DEPARTMENT


# The markers of sub-tables (五)–(九) and of table 三's （六）: they decide how many columns most rows
# have. A report may print the trial headers in sub-table (一) and the 2021 layout everywhere else
# (a 2021 report of 日照市岚山区教育局): the structure wins.
_TRIAL_STRUCTURE = ("上一年项目数量", "本年增/减", "其他对外管理服务事项", "采购项目数量", "采购总金额",
                    "第二十条第(九)项")
_MODERN_STRUCTURE = ("本年收费金额", "逾期不补正", "逾期未按收费通知")


def labels_format(text: str) -> str | None:
    c = compact(text)
    trial = sum(c.count(m) for m in _TRIAL_STRUCTURE)
    modern = sum(c.count(m) for m in _MODERN_STRUCTURE)
    if trial and not modern:
        return FORMAT_2019
    if modern and not trial:
        return FORMAT_2021
    trial = sum(c.count(m) for m in _TRIAL_MARKERS)
    modern = sum(c.count(m) for m in _MODERN_MARKERS)
    if trial > modern:
        return FORMAT_2019
    if modern > trial:
        return FORMAT_2021
    return None


def choose_format(year: int | None, labels: str | None, has_tables: bool, old_style: bool, interp: bool) -> str:
    by_year = rf.format_for_year(year) if year is not None else None
    if has_tables:
        return labels or by_year or FORMAT_2021
    if interp:
        return FORMAT_UNKNOWN
    if old_style or (year is not None and year < rf.FIRST_YEAR[FORMAT_2019]):
        return FORMAT_PRE_2019
    if by_year:
        return by_year
    return FORMAT_UNKNOWN


