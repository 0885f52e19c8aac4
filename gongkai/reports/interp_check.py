"""Checks of an edited 年报解读 against its frozen figures (issue 17 item 1): no database access.

The officer edits the generated text freely; every figure stays a marker ``【label：value】`` tied to a
figure of the frozen source (interp_text.py). A finding here blocks publication until fixed:

- a marker whose value differs from the frozen figure (the number was edited, or the report was
  approved again after the text was generated and the figure changed);
- a marker whose label is not one of the 解读's figures (typed by hand or mistyped);
- a number typed outside the markers that contradicts the tables: right after a figure's name
  (``本年新收申请130件`` while the snapshot says 128), in the report's own wording (新收 … 件, 办结 …
  件, 行政复议 … 件, 占x%: ``narrative.text_findings``), or a change ``同比增长x%`` that is not one of the
  changes computed from the frozen figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .interp_text import MARKER
from .narrative import SECTION_TITLE, text_findings

_TYPED_CHANGE = re.compile(r"同比(增长|下降)\s{0,2}(\d{1,6}(?:\.\d{1,3})?)\s{0,2}[%％]")
_NUMBER_AFTER = r"[^\d【】。；;，,]{0,4}?(\d{1,3}(?:,\d{3})+|\d{1,12}(?:\.\d{1,4})?)(?![\d.])"


@dataclass(frozen=True)
class Flag:
    section: str  # the section's title
    message: str
    label: str = ""

    def to_dict(self) -> dict:
        return {"section": self.section, "message": self.message, "label": self.label}


def segments(text: str) -> list[tuple[str, str, str]]:
    """``[("text", "全年新收", ""), ("figure", "128", "本年新收申请"), …]``."""
    out, pos = [], 0
    for m in MARKER.finditer(text or ""):
        if m.start() > pos:
            out.append(("text", text[pos:m.start()], ""))
        out.append(("figure", m.group(2).strip(), m.group(1).strip()))
        pos = m.end()
    if pos < len(text or ""):
        out.append(("text", text[pos:], ""))
    return out


def plain(text: str) -> str:
    """The text as the public reads it: every marker replaced by its value."""
    return MARKER.sub(lambda m: m.group(2).strip(), text or "")


def _markers(title: str, text: str, figures: dict, expected: dict) -> list[Flag]:
    out = []
    for m in MARKER.finditer(text):
        label, typed = m.group(1).strip(), m.group(2).strip()
        if label not in figures:
            out.append(Flag(title, f"“{label}”不是本解读的数据项，请删除该标记或改用页面列出的数据项", label))
            continue
        want = expected.get(label)
        if want is None:
            out.append(Flag(title, f"“{label}”在冻结数据中已不存在，请删除该数据或重新生成解读", label))
        elif typed != want:
            out.append(Flag(title, f"“{label}”写为{typed or '（空）'}，与冻结数据{want}不符", label))
    return out


def _typed_numbers(title: str, text: str, figures: dict, expected: dict) -> list[Flag]:
    """Numbers typed by hand (outside markers) right after a figure's name."""
    bare = MARKER.sub("【】", text)
    out = []
    for label, figure in figures.items():
        if figure["kind"] != "value" or expected.get(label) is None:
            continue
        for m in re.finditer(re.escape(label) + _NUMBER_AFTER, bare):
            typed = m.group(1).replace(",", "")
            if typed != expected[label]:
                out.append(Flag(title, f"正文写“{label}”{typed}，与冻结数据{expected[label]}不符", label))
    changes = {v for f, v in ((figures[k], expected.get(k)) for k in figures) if f["kind"] == "yoy" and v}
    for m in _TYPED_CHANGE.finditer(bare):
        phrase = f"同比{m.group(1)}{m.group(2)}%"
        if phrase not in changes:
            out.append(Flag(title, f"正文中的“{phrase}”不是按冻结数据计算的同比变化，请改用数据标记"))
    return out


def check(sections: list[dict], figures: dict, expected: dict, tables: dict | None = None,
          fmt: str | None = None) -> list[Flag]:
    """Every finding of the edited ``sections`` against the frozen ``expected`` values (and, when
    given, the frozen ``tables`` for numbers typed in the report's wording)."""
    out: list[Flag] = []
    for section in sections:
        title = section.get("title") or SECTION_TITLE.get(section.get("key"), "")
        text = section.get("text") or ""
        out += _markers(title, text, figures, expected)
        out += _typed_numbers(title, text, figures, expected)
    if tables is not None and fmt:
        # Markers count as their frozen values here: only the numbers typed by hand are checked.
        def frozen(m: re.Match) -> str:
            return expected.get(m.group(1).strip()) or m.group(2)

        rendered = {s["key"]: MARKER.sub(frozen, s.get("text") or "") for s in sections
                    if s.get("key") in SECTION_TITLE}
        for f in text_findings(rendered, tables, fmt):
            section, _, message = f.message.partition("：")
            out.append(Flag(section, message or f.message))
    return out
