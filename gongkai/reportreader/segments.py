"""Segments: where each report of a text begins and ends (titles, 一、总体情况, statistics tables,
tables starting again) and where its tables 二, 三 and 四 lie."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.law.report_format import TABLE_APPLICATIONS, TABLE_PROACTIVE, TABLE_REVIEW_LITIGATION
from gongkai.reportreader.cells import is_cell_line, value_of
from gongkai.reportreader.labels import CAPTION
from gongkai.reportreader.metadata import DATE_LINE, is_organ, year_of
from gongkai.reportreader.normalise import compact

_TITLE = re.compile(
    r"^(?P<agency>.{0,40}?)(?P<year>(?:19|20)\d{2})年度?(?:本?(?:机关|单位|部门))?(?P<agency2>[^0-9]{0,30}?)"
    r"(?:政[府务])?信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)(?P<interp>解读|的解读|图解|政策解读)?$"
)
# A title without its year ("湘桥区教育局政府信息公开工作年度报告"): it opens a report only after a
# report that is already under way.
_YEARLESS_TITLE = re.compile(
    r"^(?P<agency>[\u4e00-\u9fff()]{2,30}?)政[府务]信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)$"
)
# "一、总体情况", "一、工作基本情况", "一、2019年政府信息公开工作的总体情况", "一、概述".
_SECTION_ONE = re.compile(
    r"^一[、.,:]?(?:\d{4}年度?)?(?:的)?(?:政[府务](?:信息)?公开)?(?:工作)?(?:的)?(?:总体|基本|开展|整体)?"
    r"(?:情况|概述|概况)[。:]?$"
)
# The first sentence of a report: "根据《…条例》…编制", "本报告是根据…", "…现公布…年度报告", "现将…报告如下".
_OPENING = re.compile(
    r"^(?:本(?:年度)?报告(?:是)?)?(?:根据|依据|按照)[^。《]{0,30}《[^。]{0,160}?(?:编制|公布|报告如下|汇报如下|现将)"
)
_TABLE_TWO_CAPTION = "第二十条第(一)项"
_PAGE_META = re.compile(r"^\|?(?:索引号|发布(?:单位|机构|日期|时间)|发文(?:机关|机构|字号)|成文日期|文件编号|有效性|主题分类|"
                        r"公开(?:方式|范围|时限|形式|日期)|生成日期|信息来源|来源|所属机构|文号)[:|]")
_META_KEY = re.compile(r"^(?:标题|名称|题名|题目|文件名称|信息名称)[:|]+")
_YEAR_OPENING = re.compile(r"^\d{4}年度?[,，]")  # "2024年,我局坚持…": the first words of an overview
_SENTENCE = re.compile(r"[。，,；;]|\d件")  # searched only: "\d件" finds what "\d+件" finds, in linear time
_TABLE_THREE_SIGNS = ("本年新收政府信息公开申请数量", "勾稽关系", "上年结转政府信息公开申请数量")
S2 = re.compile(r"^二[、.,]?(?:行政机关)?主动公开政府信息(?:的)?(?:工作)?情况")
S3 = re.compile(r"^三[、.,]?(?:行政机关)?收到和处理政府信息公开申请(?:的)?(?:工作)?情况")
_S4 = re.compile(r"^四[、.,]?.{0,20}(?:行政复议|行政诉讼).{0,12}情况$")
_S_NEXT = re.compile(r"^[五六七八][、.,]\S{2,40}$")
_INTRO = re.compile(r"条例|本报告|年度报告|统计期限|统计时间|编制|现将|报告如下|汇报如下|字号|大中小")
TABLE_SIGNS = ("第二十条第", "本年新收政府信息公开申请数量", "勾稽关系", "上年结转政府信息公开申请数量")


@dataclass
class Chunk:
    start: int
    end: int
    title: str | None = None
    title_agency: str | None = None
    title_year: int | None = None
    interpretation: bool = False
    has_one: bool = False
    has_stats: bool = False
    dated: bool = False
    has_tables: bool = False
    has_table_three: bool = False
    has_caption_one: bool = False


def _title_match(text: str) -> re.Match[str] | None:
    if len(text) > 70:
        return None
    return _TITLE.match(text)


def _walk_back(lines: Sequence[str], anchor: int, floor: int) -> int:
    k = anchor
    while k - 1 > floor and anchor - (k - 1) <= 16:
        c = compact(lines[k - 1])
        if _PAGE_META.match(c):
            k -= 1  # "索引号: | …", "发布单位: | …": the page header of this report
            continue
        if anchor - (k - 1) > 6:
            break
        if c and ("|" in c or "\t" in lines[k - 1] or value_of(c) is not None):
            break  # a cell of the report before
        if not c or len(c) <= 6 or _INTRO.search(c) or _YEAR_OPENING.match(c):
            k -= 1
            continue
        break
    while k < anchor and not lines[k].strip():
        k += 1
    return k


def _walk_back_prose(lines: Sequence[str], anchor: int, floor: int) -> int:
    """The first line of the prose above a table caption (up to the last line of the table before)."""
    k = anchor
    while k - 1 > floor and anchor - (k - 1) <= 40 and not is_cell_line(lines[k - 1]):
        k -= 1
    while k < anchor and not lines[k].strip():
        k += 1
    return k


def split_reports(lines: Sequence[str]) -> list[Chunk]:
    """The reports of a text, each from its first line (a title, the lines above its section one
    or statistics table, the prose above its tables) to the next one's."""
    return _Splitter(lines).split()


class _Splitter:
    """Reads the lines in order; each kind of line (title, title without a year, opening sentence,
    section one, date, statistics table, table line) has a handler that may open a new report."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self.chunks: list[Chunk] = []
        self.current: Chunk | None = None

    def split(self) -> list[Chunk]:
        handlers = (self._title, self._yearless_title, self._opening, self._section_one, self._date,
                    self._statistics)
        for i, line in enumerate(self.lines):
            c = compact(line)
            if not c:
                continue
            # A title copied as a table row ("… 年度报告 | ||") or as page metadata ("标题: …").
            c = _META_KEY.sub("", c.strip("|")) if _META_KEY.match(c) else c
            if not any(handler(i, c) for handler in handlers):
                self._tables(i, line, c)
        for a, b in zip(self.chunks, self.chunks[1:], strict=False):
            a.end = b.start
        return self.chunks

    def _under_way(self) -> bool:
        """The current report has begun its body: a section one or a table."""
        current = self.current
        return current is not None and (current.has_one or current.has_stats or current.has_tables)

    def _open_at(self, start: int) -> Chunk:
        self.current = Chunk(start, len(self.lines))
        self.chunks.append(self.current)
        return self.current

    def _floor(self) -> int:
        return self.chunks[-1].start if self.chunks else -1

    def _title(self, i: int, c: str) -> bool:
        title = _title_match(c.strip("|"))
        if not title:
            return False
        lines, current = self.lines, self.current
        agency = (title["agency"] or title["agency2"] or "").strip(" :,、")
        start = i
        if not agency and i > 0:
            j = i - 1
            while j > 0 and not lines[j].strip():
                j -= 1
            if is_organ(lines[j]) and (current is None or j > current.start):
                agency, start = compact(lines[j]), j
        same = current is not None and not self._under_way() and current.title_year == int(title["year"])
        if not same or current is None:
            current = self._open_at(start)
        current.title = current.title or c
        current.title_agency = current.title_agency or agency or None
        current.title_year = int(title["year"])
        current.interpretation = current.interpretation or bool(title["interp"])
        return True

    def _yearless_title(self, i: int, c: str) -> bool:
        yearless = _YEARLESS_TITLE.match(c) if len(c) <= 50 else None
        if not (yearless and self._under_way() and is_organ(yearless["agency"])):
            return False
        current = self._open_at(i)
        current.title = c
        current.title_agency = yearless["agency"]
        return True

    def _opening(self, i: int, c: str) -> bool:
        if not (_OPENING.match(c) and self.current is not None and self.current.has_tables):
            return False
        self._open_at(i)
        return True

    def _section_one(self, i: int, c: str) -> bool:
        if not _SECTION_ONE.match(c):
            return False
        current = self.current
        if current is None or current.has_one or current.has_tables:
            current = self._open_at(_walk_back(self.lines, i, self._floor()))
        current.has_one = True
        return True

    def _date(self, i: int, c: str) -> bool:
        if not (DATE_LINE.match(c) and self.current is not None):
            return False
        self.current.dated = True
        return True

    def _statistics(self, i: int, c: str) -> bool:
        if not (("统计指标" in c or "指标名称" in c) and "单位" in c):
            return False
        # A statistics table opens a new (pre-2019) report unless it is the appendix of the
        # report being read: one that is not yet signed and dated.
        current = self.current
        if current is None or current.has_stats or (current.has_one and current.dated):
            current = self._open_at(_walk_back(self.lines, i, self._floor()))
        current.has_stats = True
        return True

    def _tables(self, i: int, line: str, c: str) -> None:
        current = self.current
        if _TABLE_TWO_CAPTION in c and current is not None and (current.has_table_three or current.has_caption_one):
            # The tables start again: the next report, copied without a title or section one.
            current = self._open_at(_walk_back_prose(self.lines, i, current.start))
        # A label or a header, not a sentence ("全年新收政府信息公开申请数量0件,上年结转…").
        tabular = "|" in line or "\t" in line or "勾稽关系" in c or not _SENTENCE.search(c)
        if current is not None and tabular and any(sign in c for sign in TABLE_SIGNS):
            current.has_tables = True
            current.has_table_three = current.has_table_three or any(s in c for s in _TABLE_THREE_SIGNS)
            current.has_caption_one = current.has_caption_one or _TABLE_TWO_CAPTION in c


_PROACTIVE_HEADS = ("本年制发件数", "本年新制作数量", "本年处理决定数量", "处理决定数量", "上一年项目数量", "本年收费金额")
_ROW_ONE = re.compile(r"^(?:一[、.,]?)?本年新收政府信息公开申请数量")


def table_regions(lines: Sequence[str], start: int, end: int) -> dict[str, tuple[int, int]]:
    """Line ranges of tables 二, 三 and 四 inside a report (absent tables are missing)."""
    texts = [compact(lines[i]).strip("|") for i in range(start, end)]

    def find(pred, lo: int = 0) -> int | None:
        for k in range(lo, len(texts)):
            if texts[k] and pred(texts[k]):
                return k
        return None

    s2 = find(lambda c: bool(S2.match(c)))
    s3 = find(lambda c: bool(S3.match(c)))
    s4 = find(lambda c: bool(_S4.match(c)), s3 or 0)
    t2 = find(lambda c: (c.startswith("第二十条第") or bool(CAPTION.match(c))) and len(c) < 60)
    t3 = find(lambda c: "勾稽关系" in c or bool(_ROW_ONE.match(c)) or c.startswith("申请人情况"))
    lo4 = t3 if t3 is not None else (s3 or 0)
    t4 = find(lambda c: c.startswith("行政复议") and len(c) < 200, lo4)
    start2 = s2 if s2 is not None and (t2 is None or s2 <= t2) else t2
    start3 = s3 if s3 is not None and (t3 is None or s3 <= t3) else t3
    start4 = s4 if s4 is not None and (t4 is None or s4 <= t4) else t4
    out: dict[str, tuple[int, int]] = {}
    anchors = [(TABLE_PROACTIVE, start2), (TABLE_APPLICATIONS, start3), (TABLE_REVIEW_LITIGATION, start4)]
    present = [(code, k) for code, k in anchors if k is not None]
    present.sort(key=lambda item: item[1])
    for n, (code, k) in enumerate(present):
        stop = present[n + 1][1] if n + 1 < len(present) else None
        if stop is None:
            nxt = find(lambda c: bool(_S_NEXT.match(c)) and not c.startswith("四、结转"), k + 1)
            stop = nxt if nxt is not None else len(texts)
        if code == TABLE_PROACTIVE and t2 is None and not any(
            c.startswith("信息内容") and any(m in c for m in _PROACTIVE_HEADS) for c in texts[k:stop]
        ):
            continue  # a section title without any caption or column header: no table
        if code == TABLE_APPLICATIONS and t3 is None and not any(
            "本年新收" in c or "予以公开" in c for c in texts[k:stop]
        ):
            continue
        out[code] = (start + k, start + stop)
    return out


def report_segments(raw_lines: list[str]) -> list[tuple[int, int]]:
    """Where each report of the text begins, on the lines as given: a title, 一、总体情况 after a
    finished report, a statistics table. Text with tables before the first of them is a report of
    its own (a report copied without its title, then the next one with it)."""
    chunks = merge_stats_pages(split_reports(raw_lines), raw_lines)
    if not chunks:
        return [(0, len(raw_lines))]
    starts = [c.start for c in chunks]
    head = compact("\n".join(raw_lines[: starts[0]]))
    if starts[0] > 0 and any(sign in head for sign in TABLE_SIGNS):
        starts.insert(0, 0)
    starts[0] = 0
    starts = [starts[0], *(_after_last_cell(raw_lines, s, floor) for floor, s in zip(starts, starts[1:], strict=False))]
    return list(zip(starts, [*starts[1:], len(raw_lines)], strict=True))


def _after_last_cell(lines: Sequence[str], start: int, floor: int) -> int:
    """A report cut off inside its tables and followed by the next one's page header ("【打印】
    【字体:", "商务局 政府信息公开"): those few lines above the next title go with it, not into the
    table being read. Only when a table cell comes right above them."""
    k = start
    while k - 1 > floor and start - (k - 1) <= 8:
        line = lines[k - 1]
        if is_cell_line(line):
            return k
        if len(compact(line)) > 40:
            break
        k -= 1
    return start


def merge_stats_pages(chunks: list[Chunk], lines: Sequence[str]) -> list[Chunk]:
    """A pre-2019 statistics page without a year belongs to the report that follows it."""
    out: list[Chunk] = []
    for chunk in chunks:
        if out and out[-1].has_stats and not out[-1].has_one and out[-1].title is None:
            prev = out[-1]
            text = "\n".join(lines[prev.start : prev.end])
            if year_of(text, text) is None and (chunk.has_one or chunk.has_stats) and chunk.title is None:
                chunk.start = prev.start
                chunk.has_stats = True
                out[-1] = chunk
                continue
        out.append(chunk)
    return out


