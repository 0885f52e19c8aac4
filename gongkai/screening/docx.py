"""DOCX: comments, tracked changes (deleted text), hidden text, document properties, embedded objects.

Read straight from the package's XML with lxml (no entity resolution, no network): python-docx shows
what Word shows, and the leak is what it does not. ``inspect`` reports; ``clean`` makes the copy
the reviewer publishes: comments removed, tracked changes accepted (deleted text gone, insertions
kept), hidden text removed, people and company properties cleared, embedded objects dropped, and
personal data in the remaining text masked (domain.md 6.6)."""

from __future__ import annotations

import posixpath
import re

from gongkai.law.privacy import find_personal_data, mask_text

from . import findings as F
from .ooxml import clear_properties, drop_parts, dump, local, property_findings, read_parts, write_parts, xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STORY = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
COMMENT_PARTS = {"word/comments.xml", "word/commentsExtended.xml", "word/commentsIds.xml",
                 "word/commentsExtensible.xml", "word/people.xml"}
DELETED = {"del", "moveFrom"}
INSERTED = {"ins", "moveTo"}
CHANGE_MARKS = {"rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                "tblGridChange", "numberingChange", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                "moveToRangeEnd", "commentRangeStart", "commentRangeEnd"}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _on(el) -> bool:
    return el.get(_w("val"), "true") not in ("0", "false", "off")


def _vanished(run) -> bool:
    rpr = run.find(_w("rPr"))
    return rpr is not None and any(_on(v) for v in rpr if local(v.tag) in ("vanish", "specVanish"))


def _hidden_styles(parts: dict[str, bytes]) -> set[str]:
    """Styles that hide their text (a run or paragraph style with w:vanish): hidden text by style."""
    if "word/styles.xml" not in parts:
        return set()
    out = set()
    for style in xml(parts["word/styles.xml"]).iter(_w("style")):
        rpr = style.find(_w("rPr"))
        if rpr is not None and any(local(v.tag) == "vanish" and _on(v) for v in rpr):
            out.add(style.get(_w("styleId")))
    return out


def _mark_style_hidden(root, styles: set[str]) -> None:
    """Give each run hidden by its own or its paragraph's style an explicit w:vanish (in this parse)."""
    if not styles:
        return
    for run in root.iter(_w("r")):
        rpr = run.find(_w("rPr"))
        own = rpr.find(_w("rStyle")) if rpr is not None else None
        p = next(run.iterancestors(_w("p")), None)
        ppr = p.find(_w("pPr")) if p is not None else None
        para = ppr.find(_w("pStyle")) if ppr is not None else None
        if (own is not None and own.get(_w("val")) in styles) or (para is not None and para.get(_w("val")) in styles):
            if rpr is None:
                rpr = run.makeelement(_w("rPr"), {})
                run.insert(0, rpr)
            rpr.append(rpr.makeelement(_w("vanish"), {}))


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter() if local(t.tag) in ("t", "delText", "instrText"))


def _story_name(name: str) -> str:
    base = posixpath.basename(name).removesuffix(".xml")
    if base == "document":
        return "正文"
    kind = {"header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注"}
    stem = base.rstrip("0123456789")
    return kind.get(stem, base) + base[len(stem):]


def _paragraphs(root) -> dict:
    return {p: n for n, p in enumerate(root.iter(_w("p")), start=1)}


def _where(el, numbers: dict, story: str) -> str:
    p = next((a for a in el.iterancestors(_w("p"))), None)
    n = numbers.get(p) if p is not None else numbers.get(el)
    return f"{story}第{n}段" if n else story


def inspect(data: bytes) -> F.Report:
    parts = read_parts(data)
    report = F.Report(masks_visible=True)
    if "word/comments.xml" in parts:
        for n, c in enumerate(xml(parts["word/comments.xml"]).iter(_w("comment")), start=1):
            author = c.get(_w("author"), "")
            report.add(F.COMMENT, f"批注 第{n}条" + (f"（作者：{author}）" if author else ""), _text(c) or author)
    visible, styles = [], _hidden_styles(parts)
    for name in sorted(parts):
        if not STORY.match(name):
            continue
        root, story = xml(parts[name]), _story_name(name)
        _mark_style_hidden(root, styles)
        numbers = _paragraphs(root)
        for el in root.iter():
            tag = local(el.tag)
            if tag in DELETED and el.getparent() is not None and local(el.getparent().tag) != "rPr":
                report.add(F.TRACKED_DELETION, f"{_where(el, numbers, story)} 修订删除（{el.get(_w('author'), '')}）",
                           _text(el) or "（格式或段落标记）")
            elif tag in INSERTED and local(el.getparent().tag) != "rPr":
                report.add(F.TRACKED_INSERTION, f"{_where(el, numbers, story)} 修订插入（{el.get(_w('author'), '')}）",
                           _text(el), severity=F.LOW, hidden=False)
            elif tag == "r" and _vanished(el):
                report.add(F.HIDDEN_TEXT, f"{_where(el, numbers, story)} 隐藏文字", _text(el) or "（空）")
            elif tag == "object":
                report.add(F.EMBEDDED_OBJECT, f"{_where(el, numbers, story)} 嵌入对象", severity=F.MEDIUM)
        for p in numbers:
            visible.append(_visible_text(p))
    for name in sorted(parts):
        if name.startswith("word/embeddings/"):
            report.add(F.EMBEDDED_OBJECT, f"嵌入对象文件（{posixpath.basename(name)}）", severity=F.MEDIUM)
    property_findings(parts, report)
    report.visible_text = "\n".join(v for v in visible if v)
    return report


def _visible_runs(p):
    for t in p.iter(_w("t")):
        if any(local(a.tag) in DELETED for a in t.iterancestors()):
            continue
        run = next(t.iterancestors(_w("r")), None)
        if run is not None and _vanished(run):
            continue
        if next(t.iterancestors(_w("p")), None) is not p:
            continue  # a nested paragraph (text box) is its own
        yield t


def _visible_text(p) -> str:
    return "".join(t.text or "" for t in _visible_runs(p))


def _mask_paragraph(p) -> None:
    """Mask personal data over the paragraph's text (a number may be split over runs); the masked
    forms keep the length, so each text node takes back its own slice."""
    nodes = list(_visible_runs(p))
    text = "".join(t.text or "" for t in nodes)
    if not find_personal_data(text):
        return
    masked, pos = mask_text(text), 0
    for t in nodes:
        n = len(t.text or "")
        t.text = masked[pos:pos + n]
        pos += n


def _unwrap(el) -> None:
    parent, index = el.getparent(), el.getparent().index(el)
    for child in reversed(list(el)):
        parent.insert(index, child)
    parent.remove(el)


def _clean_story(root) -> None:
    for el in list(root.iter()):
        if el.getparent() is None:
            continue
        tag = local(el.tag)
        if tag in DELETED or tag in CHANGE_MARKS or tag == "object":
            el.getparent().remove(el)
        elif tag in INSERTED and local(el.getparent().tag) == "rPr":
            el.getparent().remove(el)  # the paragraph mark's insertion: the paragraph stays
        elif tag == "r" and (_vanished(el) or el.find(_w("commentReference")) is not None):
            el.getparent().remove(el)
        elif tag in ("vanish", "specVanish"):
            el.getparent().remove(el)  # a paragraph mark's hidden flag
    for el in [e for e in root.iter() if local(e.tag) in INSERTED]:
        _unwrap(el)
    for p in list(root.iter(_w("p"))):
        _mask_paragraph(p)


def clean(data: bytes) -> bytes:
    parts = read_parts(data)
    styles = _hidden_styles(parts)
    for name in [n for n in parts if STORY.match(n)]:
        root = xml(parts[name])
        _mark_style_hidden(root, styles)
        _clean_story(root)
        parts[name] = dump(root)
    drop_parts(parts, COMMENT_PARTS | {n for n in parts if n.startswith("word/embeddings/")})
    clear_properties(parts)
    return write_parts(parts)
