"""Layout: how the lines of a table region are written (one cell per line, or PDF-like rows) and the
rewriting of odd layouts into plain lines: tables flattened onto one line, a blank line after every
line, one cell per line with pipes, rows ended by a pipe, rows of zeros glued together, prose that
strayed into a table."""

from __future__ import annotations

import re
from collections.abc import Sequence

from gongkai.reportreader.cells import ZEROS, is_blank, value_of
from gongkai.reportreader.normalise import compact
from gongkai.reportreader.segments import S2, S3


def region_mode(lines: Sequence[str]) -> str:
    """``cell`` (one cell per line, blank lines are blank cells) or ``space`` (PDF-like lines).

    One cell per line: no line holds two numbers, some line holds a lone number or blank marker, and
    few lines are pipe- or tab-separated.
    """
    single = multi = separated = filled = 0
    for line in lines:
        if not line.strip():
            continue
        filled += 1
        if "|" in line or "\t" in line:
            separated += 1
            continue
        tokens = line.split()
        numbers = sum(1 for t in tokens if value_of(t) is not None)
        if numbers >= 2:
            multi += 1
        elif len(tokens) == 1 and (numbers == 1 or is_blank(tokens[0])):
            single += 1
    return "cell" if single >= 1 and multi == 0 and separated * 5 < filled else "space"


def is_markdown(lines: Sequence[str]) -> bool:
    piped = [line.strip() for line in lines if "|" in line]
    framed = sum(1 for line in piped if line.startswith("|") and line.endswith("|"))
    return bool(piped) and framed * 5 >= len(piped) * 4


_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_PROSE_YEAR = re.compile(r"^\d{4}\s*年")
_SENTENCE_END = re.compile(r"[\u4e00-\u9fff）)”]。")  # "。" ending a sentence, not "1。" as an enumerator


def table_lines(lines: Sequence[str], lo: int, hi: int, table: str) -> list[tuple[int, str]]:
    """The lines of a table region, without prose (narrative sentences that strayed in)."""
    out: list[tuple[int, str]] = []
    for i in range(lo, hi):
        text = lines[i]
        c = compact(text)
        if c and "|" not in text and "\t" not in text:
            cjk = sum(1 for ch in c if "\u4e00" <= ch <= "\u9fff")
            sentence = _SENTENCE_END.search(c) and cjk >= 10
            # A label may carry a long explanation in brackets (the Hubei template: "规范性文件（行政
            # 机关制定发布的决定、公告…）"): only the text outside brackets makes a line prose.
            bare = _BRACKETED.sub("", c)
            long = sum(1 for ch in bare if "\u4e00" <= ch <= "\u9fff") > 40
            if sentence or _PROSE_YEAR.match(text.strip()) or (long and "第二十条" not in c):
                continue
        out.append((i, text))
    return _unglue_zeros(_unterminate(_unpipe(out)))


def _unterminate(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Pipe rows that all end with a pipe ("信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |"): that
    last pipe ends the row and opens no cell, so "行政许可 | 106 | 2939 | |" is 106, 2939 and one blank.
    Only when (almost) every row is written so: elsewhere a line ending in "| " has a blank last cell."""
    rows = [s for _, text in lines if (s := text.strip()).count("|") >= 2 and not s.startswith("|")]
    ended = sum(1 for s in rows if s.endswith("|"))
    if len(rows) < 3 or ended * 5 < len(rows) * 4:
        return lines
    out: list[tuple[int, str]] = []
    for i, text in lines:
        s = text.strip()
        if s.count("|") >= 2 and not s.startswith("|") and s.endswith("|"):
            text = s[:-1]
        out.append((i, text))
    return out



def _unglue_zeros(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A line holding only "0000000": a row of zeros printed without separators (no number is
    written with a leading zero, so the only reading is one 0 per cell), as one cell per line."""
    out: list[tuple[int, str]] = []
    for i, text in lines:
        s = text.strip()
        if ZEROS.match(s):
            out.extend((i, "0") for _ in s)
        else:
            out.append((i, text))
    return out


_LEADING_PIPE = re.compile(r"^\s*\|+\s*(?=[^|\s][^|]*$)")


def _unpipe(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """One cell per line with pipes, as some web pages copy: rewritten as plain one-cell lines.

    Two conventions: every cell ends with ``|`` (``0 |``; a line ``|`` is a blank cell, ``||`` ends a
    row), or cells stand alone and lines of pipes separate them (``规章`` / ``|`` / ``0`` / ``|``).
    Ordinary pipe rows (several pipes between texts) are left alone.
    """
    if not any("|" in text for _, text in lines):
        return lines
    # ``| 规章``: a label opened by the row's grid line, the rest of its cells on the lines below.
    lines = [(i, _LEADING_PIPE.sub("", text)) for i, text in lines]
    content = [text.strip() for _, text in lines if text.strip().strip("|").strip()]
    if not content:
        return lines
    # A cell followed only by pipes (``0 | ||``: the cell, then the empty grid cells of its row) is
    # one cell too.
    single = sum(1 for t in content if "|" not in t or not t.split("|", 1)[1].strip(" |"))
    if single * 5 < len(content) * 4:
        return lines
    terminated = sum(1 for t in content if t.endswith("|")) * 5 >= len(content) * 4
    out: list[tuple[int, str]] = []
    for i, text in lines:
        s = text.strip()
        if not s:
            if not terminated:
                out.append((i, ""))
            continue
        if not s.strip("|").strip():
            if terminated and s == "|":
                out.append((i, "/"))  # a blank cell, marked so that it counts as one
            continue
        if terminated and s.endswith("|"):
            head, _, rest = s.partition("|")
            s = head.rstrip() if not rest.strip(" |") else s[:-1].rstrip()
        out.append((i, s))
    return out


_FLAT_NUMBER = re.compile(r"^[+\-]?\d[\d,]*(?:\.\d+)?$")
_ONE_HAN = re.compile(r"^[\u4e00-\u9fff]$")


def unflatten(lines: list[str]) -> list[str]:
    """Tables copied as one line, every cell separated by a space ("… 第二十条第(一)项 信息内容 本年制发件数
    … 规 章 0 0 0 行政规范性文件 0 0 0 第二十条第(五)项 …"): the line becomes one cell per line, from the
    first table heading on; a label spaced out character by character ("规 章") is joined again."""
    out: list[str] = []
    for line in lines:
        tokens = line.split()
        if len(line) < 200 or len(tokens) < 30 or ("第二十条第" not in line and "勾稽关系" not in line):
            out.append(line)
            continue
        numbers = sum(1 for t in tokens if _FLAT_NUMBER.match(t))
        if numbers < 8:
            out.append(line)
            continue
        first = min(
            (k for k, t in enumerate(tokens) if S2.match(t) or S3.match(t) or t.startswith("第二十条第")),
            default=0,
        )
        if first:
            out.append(" ".join(tokens[:first]))
        previous = ""
        for token in tokens[first:]:
            if _ONE_HAN.match(token) and _ONE_HAN.match(previous):
                out[-1] += token  # "规 章": one label spaced out
            else:
                out.append(token)
            previous = token
    return out


def undouble(lines: list[str]) -> list[str]:
    """Text copied with a blank line after every line (each table cell a paragraph): the single blank
    lines are separators, not blank cells. A blank cell is then a run of three blank lines (separator,
    empty paragraph, separator): a run of k blank lines keeps (k − 1) // 2 of them.

    Some converters write a blank cell as a single extra line instead (a run of k blank lines is then
    k − 1 blank cells): runs of even length cannot come from the first way, so when they are many the
    second is used.

    Only when almost no two filled lines touch: in the layout where blank lines are blank cells, the
    filled cells of a row sit on consecutive lines.
    """
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 20:
        return lines
    touching = sum(1 for a, b in zip(filled, filled[1:], strict=False) if b == a + 1)
    if touching * 8 > len(filled):
        # The page's header and narrative may be single-spaced while its tables are not: look again
        # at the tables alone.
        start = next((i for i, line in enumerate(lines) if "第二十条第" in line or "勾稽关系" in line), 0)
        tables = undouble(lines[start:]) if start else lines[start:]
        return lines if tables == lines[start:] else lines[:start] + tables
    runs = [b - a - 1 for a, b in zip(filled, filled[1:], strict=False) if b - a - 1 >= 2]
    even = sum(1 for k in runs if k % 2 == 0)
    single = even >= 3 and 2 * even >= len(runs)

    def kept(blanks: int) -> int:
        if not blanks:
            return 0
        return blanks - 1 if single else (blanks - 1) // 2

    out: list[str] = []
    blanks = 0
    for line in lines:
        if line.strip():
            out.extend([""] * kept(blanks))
            blanks = 0
            out.append(line)
        else:
            blanks += 1
    out.extend([""] * kept(blanks))
    return out


