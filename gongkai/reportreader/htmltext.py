"""HTML pages as text: paragraphs become lines, tables tab-separated lines on a grid that honours
rowspan and colspan (:func:`html_to_text`)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from gongkai.reportreader.cells import value_of

_BLOCK_TAGS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "article",
               "header", "footer", "title", "dd", "dt", "blockquote", "pre", "hr"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}


class _Flattener(HTMLParser):
    """HTML → lines; tables → tab-separated lines on a grid that honours rowspan and colspan."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.buf: list[str] = []
        self.skip = 0
        self.tables: list[dict[str, Any]] = []

    # Text outside tables
    def _flush(self) -> None:
        text = "".join(self.buf).strip()
        self.buf = []
        if text:
            self.out.append(" ".join(text.split()) if "\n" in text else text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if tag == "table":
            if not self.tables:
                self._flush()
            self.tables.append({"rows": [], "row": None, "cell": None, "caption": None, "captions": []})
            return
        if self.tables:
            t = self.tables[-1]
            if tag == "caption":
                t["caption"] = []
            elif tag == "tr":
                t["row"] = []
            elif tag in ("td", "th"):
                a = dict(attrs)
                t["cell"] = {"text": [], "rowspan": _span(a.get("rowspan")), "colspan": _span(a.get("colspan"))}
            elif tag == "br" and t["cell"] is not None:
                t["cell"]["text"].append(" ")
            return
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if self.tables:
            t = self.tables[-1]
            if tag == "caption" and t["caption"] is not None:
                # A table's caption is a line before its rows (table 二 printed as captioned
                # sub-tables: 第二十条第（一）项 …).
                text = " ".join("".join(t["caption"]).split())
                if text:
                    t["captions"].append(text)
                t["caption"] = None
            elif tag in ("td", "th") and t["cell"] is not None:
                if t["row"] is None:
                    t["row"] = []
                t["row"].append(t["cell"])
                t["cell"] = None
            elif tag == "tr" and t["row"] is not None:
                t["rows"].append(t["row"])
                t["row"] = None
            elif tag == "table":
                done = self.tables.pop()
                if done["row"]:
                    done["rows"].append(done["row"])
                lines = done["captions"] + _grid_lines(done["rows"])
                if self.tables and self.tables[-1]["cell"] is not None:
                    self.tables[-1]["cell"]["text"].append(" ".join(lines))
                else:
                    self.out.extend(lines)
            return
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.tables:
            t = self.tables[-1]
            if t["cell"] is not None:
                t["cell"]["text"].append(data)
            elif t["caption"] is not None:
                t["caption"].append(data)
            return
        self.buf.append(data)

    def close(self) -> None:
        super().close()
        while self.tables:
            done = self.tables.pop()
            self.out.extend(done["captions"] + _grid_lines(done["rows"]))
        self._flush()


def _span(value: str | None) -> int:
    try:
        return max(1, min(50, int(str(value).strip())))
    except (TypeError, ValueError):
        return 1


def _grid_lines(rows: list[list[dict[str, Any]]]) -> list[str]:
    """One tab-separated line per table row.

    A cell spanning columns is one cell (a number in a merged cell is one number, a merged label one
    label); a label spanning rows is repeated in every row it covers (三、本年度办理结果 and the group
    cells of table 三); a blank or a number spanning rows belongs to its first row only.
    """
    grid: dict[tuple[int, int], tuple[int, str, bool]] = {}
    serial = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            text = " ".join("".join(cell["text"]).split()).replace("\t", " ")
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    grid[(r + dr, c + dc)] = (serial, text, dr == 0)
            serial += 1
            c += cell["colspan"]
    out = []
    for r in range(len(rows)):
        cells: list[str] = []
        seen: set[int] = set()
        for c in sorted(col for (row, col) in grid if row == r):
            sid, text, first = grid[(r, c)]
            if sid in seen:
                continue
            seen.add(sid)
            if not first and (not text or value_of(text) is not None):
                continue
            cells.append(text)
        if any(cells):
            out.append("\t".join(cells) if len(cells) > 1 else cells[0] + "\t")
    return out


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<table" in text.lower() or "<body" in head or "<!doctype html" in head


def html_to_text(html: str) -> str:
    """Flatten an HTML page: paragraphs → lines, tables → tab-separated lines (rowspan/colspan honoured)."""
    parser = _Flattener()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.out)

