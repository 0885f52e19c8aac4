"""Row labels: matching the label cells of a table against the statutory schema's rows, groups and
sub-table captions, tolerant of labels split across lines or truncated (prefix and suffix fragments)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gongkai.law import report_format as rf
from gongkai.law.report_format import TABLE_APPLICATIONS, TABLE_PROACTIVE, normalize_label
from gongkai.reportreader.cells import Cell
from gongkai.reportreader.normalise import compact

MATCH_PREFIX = "prefix"
MATCH_SUFFIX = "suffix"
_FRAGMENT_MIN = 4
_ENUMERATOR_STOP = re.compile(r"^(\d+)\s*。")
_ROW_ENUMERATOR = re.compile(r"^\s*(?:\d+\s*[.、,)]|\(\s*[一二三四五六七八九十]+\s*\)|[一二三四五六七八九十]+\s*[、.,])")


@dataclass(frozen=True)
class Match:
    code: str
    how: str
    is_group: bool
    label: str
    text: str = ""


class Matcher:
    """Row labels of one table in one format, tolerant of split and truncated labels."""

    def __init__(self, table: str, fmt: str) -> None:
        self.table = table
        self.fmt = fmt
        schema = rf.schema_for(fmt).table(table)
        self.schema = schema
        self.keys = {r.code: normalize_label(r.label) for r in schema.rows}
        for g in schema.groups:
            self.keys.setdefault(g.code, normalize_label(g.label))
        for s in schema.subtables:
            self.keys.setdefault(s.code, normalize_label(s.caption))
        self.groups = {g.code for g in schema.groups} | {s.code for s in schema.subtables}
        self._cache: dict[str, Match | None] = {}
        self.aggregate_group = (
            "other_processing" if table == TABLE_APPLICATIONS and "other_processing" in self.groups else None
        )
        self.column_keys = {normalize_label(c.label) for c in schema.columns}
        for c in schema.columns:
            self.column_keys.update(normalize_label(v) for v in c.label_variants)

    def _is_column_header(self, text: str) -> bool:
        key = normalize_label(text)
        return key in self.column_keys and not _ROW_ENUMERATOR.match(text)

    def match(self, text: str) -> Match | None:
        key = text.strip()
        if key not in self._cache:
            self._cache[key] = self._match(key)
        return self._cache[key]

    def _match(self, text: str) -> Match | None:
        text = _ENUMERATOR_STOP.sub(r"\1.", text)  # "1。属于国家秘密" (a full stop for the dot)
        if not text or self._is_column_header(text):
            return None
        m = self.schema.match_row(text, groups=True)
        if m is not None:
            return Match(m.code, m.how, m.is_group, m.label, text)
        key = normalize_label(text)
        if self.table == TABLE_PROACTIVE:
            caption = caption_code(text)
            if caption:
                return Match(caption, rf.MATCH_NORMALIZED, True, caption, text)
        if len(key) < _FRAGMENT_MIN:
            return None
        for how, test in ((MATCH_PREFIX, str.startswith), (MATCH_SUFFIX, str.endswith)):
            hits = {code for code, full in self.keys.items() if full != key and test(full, key)}
            if len(hits) == 1:
                code = hits.pop()
                return Match(code, how, code in self.groups, code, text)
        return None

    def match_cell(self, cell: Cell) -> tuple[Match | None, list[Match]]:
        """(data-row match, group matches) for a label cell (its tokens tried one by one)."""
        candidates = [cell.text]
        if len(cell.tokens) > 1:
            candidates.append("".join(cell.tokens))
            candidates.extend(reversed(cell.tokens))
            # Drop leading vertical-label characters: "度 4.保护第三方合法权益".
            for i in range(1, len(cell.tokens)):
                candidates.append("".join(cell.tokens[i:]))
        rows: dict[str, Match] = {}
        groups: dict[str, Match] = {}
        for text in candidates:
            m = self.match(text)
            if m is None:
                continue
            target = groups if m.is_group else rows
            target.setdefault(m.code, m)
            if not m.is_group and text in (cell.text, "".join(cell.tokens)):
                break  # the whole label matched: no need to look at its pieces
        if len(rows) == 1:
            return next(iter(rows.values())), list(groups.values())
        if len(rows) > 1:
            # Prefer a whole match over fragments, else give up (never guess a row).
            exact = [m for m in rows.values() if m.how not in (MATCH_PREFIX, MATCH_SUFFIX)]
            if len(exact) == 1:
                return exact[0], list(groups.values())
        return None, list(groups.values())


@cache
def matcher_for(table: str, fmt: str) -> Matcher:
    return Matcher(table, fmt)


# "第二十一条第(一)项" is a misprint seen in real reports (article 21 has no items).
CAPTION = re.compile(r"第二十一?条第?\(?([一二三四五六七八九十])\)?项")
_CAPTIONS = {"一": "art20_1", "五": "art20_5", "六": "art20_6", "八": "art20_8", "九": "art20_9"}


def caption_code(text: str) -> str | None:
    m = CAPTION.search(compact(text))
    return _CAPTIONS.get(m.group(1)) if m else None

