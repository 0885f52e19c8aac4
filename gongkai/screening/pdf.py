"""PDF: text under filled rectangles (fake redaction), annotations, embedded files, metadata (document
information and XMP), earlier revisions kept by incremental saves.

Fake redaction: a character under a filled shape drawn after it (a black bar or a white-out box), or
on a shape of a colour it does not stand out from, is text the reader cannot see and anyone can copy.
White text drawn on a dark banner stands out and is not reported. ``clean`` flattens: each page rendered to an image by
pdftoppm (poppler-utils, with time and memory ceilings of its own) and a new PDF built from the
images, so nothing survives but what a reader sees; the copy has no selectable text (OCR is off)."""

from __future__ import annotations

import io
import os
import resource
import signal
import subprocess
import tempfile
from pathlib import Path

from gongkai.ops import sandbox

from . import findings as F

METADATA_LABELS = {"/Author": "作者", "/Title": "标题", "/Subject": "主题", "/Keywords": "关键词", "/Creator": "创建程序"}
HARMLESS_METADATA = {"/Producer", "/CreationDate", "/ModDate", "/Trapped"}
ANNOTATION_LABELS = {"/Text": "便笺", "/FreeText": "文本框", "/Highlight": "高亮", "/Underline": "下划线",
                     "/StrikeOut": "删除线", "/Squiggly": "波浪线", "/Popup": "弹出说明", "/Ink": "手绘",
                     "/Stamp": "图章", "/FileAttachment": "附加文件", "/Square": "矩形", "/Circle": "椭圆",
                     "/Line": "线条", "/Polygon": "多边形", "/PolyLine": "折线", "/Caret": "插入符",
                     "/Redact": "待应用的涂黑", "/Widget": "表单域", "/Sound": "声音", "/Movie": "影片"}
FLATTEN_DPI = 150
PDFTOPPM_SECONDS = 180
PDFTOPPM_MEMORY = 2 * 1024**3


def _luminance(color) -> float | None:
    if color is None:
        return 0.0  # the default fill colour is black
    if isinstance(color, int | float):
        color = (color,)
    try:
        values = [float(c) for c in color]
    except (TypeError, ValueError):
        return None  # a pattern: unknown
    if len(values) == 1:
        return values[0]
    if len(values) == 3:
        r, g, b = values
        return 0.299 * r + 0.587 * g + 0.114 * b
    if len(values) == 4:
        c, m, y, k = values
        return (1 - min(1, c + k)) * 0.299 + (1 - min(1, m + k)) * 0.587 + (1 - min(1, y + k)) * 0.114
    return None


def _hidden_chars(page) -> set[int]:
    """Ordinals (in ``page.chars``) of the characters a reader cannot see: covered by a filled shape
    drawn after them (a box over the text, whatever its colour: black bars and white-out alike), or
    lying on a shape of a colour they do not stand out from (black text on a black box). The layout
    keeps the content stream's order; ``page.chars`` is the same characters in the same order."""
    chars, shapes = [], []
    for order, obj in enumerate(page.layout):
        kind = type(obj).__name__
        if kind == "LTChar":
            chars.append((order, obj))
        elif kind in ("LTRect", "LTCurve") and getattr(obj, "fill", False):
            shapes.append((order, obj))
    hidden = set()
    if not shapes:
        return hidden
    for n, (order, char) in enumerate(chars):
        cx, cy = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
        ink = _luminance(getattr(getattr(char, "graphicstate", None), "ncolor", None))
        for drawn, shape in shapes:
            if not (shape.x0 <= cx <= shape.x1 and shape.y0 <= cy <= shape.y1):
                continue
            fill = _luminance(shape.non_stroking_color)
            if drawn > order or (fill is not None and ink is not None and abs(fill - ink) < 0.4):
                hidden.add(n)
                break
    return hidden


def _pages_plumbed(data: bytes, report: F.Report) -> str:
    import pdfplumber

    visible = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sandbox.check_pages(len(pdf.pages))
        for n, page in enumerate(pdf.pages, start=1):
            chars = page.chars
            hidden = {id(chars[k]) for k in _hidden_chars(page) if k < len(chars)}
            if hidden:
                text = "".join(c["text"] for c in chars if id(c) in hidden)
                report.add(F.FAKE_REDACTION, f"第{n}页 色块下的文字", text)
                keep = page.filter(lambda o, hidden=hidden: id(o) not in hidden)
            else:
                keep = page
            visible.append(keep.extract_text() or "")
    return "\n".join(visible)


def _obj(value):
    return value.get_object() if hasattr(value, "get_object") else value


def _metadata(reader, report: F.Report) -> None:
    info = reader.metadata or {}
    for key in info:
        if key in HARMLESS_METADATA:
            continue
        value = str(info.get(key) or "").strip()
        if value:
            report.add(F.METADATA, f"元数据：{METADATA_LABELS.get(key, '其他（' + key.lstrip('/') + '）')}", value,
                       severity=F.MEDIUM)
    root = reader.trailer["/Root"]
    if "/Metadata" in root:
        from lxml import etree

        raw = _obj(root["/Metadata"]).get_data()
        try:
            text = " ".join(t.strip() for t in etree.fromstring(raw, etree.XMLParser(resolve_entities=False,
                                                                                      no_network=True)).itertext()
                            if t.strip())
        except etree.XMLSyntaxError:
            text = ""
        report.add(F.METADATA, "扩展元数据", text or "（扩展元数据）", severity=F.MEDIUM)


def _annotations(reader, report: F.Report) -> None:
    for n, page in enumerate(reader.pages, start=1):
        for ref in _obj(page.get("/Annots")) or []:
            annot = _obj(ref)
            subtype = str(annot.get("/Subtype", ""))
            if subtype in ("/Link", "/Popup"):  # a popup shows its parent's text, reported with the parent
                continue
            text = " ".join(str(annot.get(k, "")) for k in ("/T", "/Contents") if annot.get(k))
            kind = F.EMBEDDED_FILE if subtype == "/FileAttachment" else F.ANNOTATION
            label = ANNOTATION_LABELS.get(subtype, "其他")
            report.add(kind, f"第{n}页 注释（{label}）", text or label)


def _revisions(data: bytes) -> list[int]:
    """End offsets of each revision (after each %%EOF); a linearized file's first one is not an edit."""
    ends, start = [], 0
    while (i := data.find(b"%%EOF", start)) != -1:
        ends.append(i + 5)
        start = i + 5
    if b"/Linearized" in data[:2048] and len(ends) >= 2:
        ends = ends[1:]
    return ends


def _earlier(data: bytes, ends: list[int], current: str, report: F.Report) -> None:
    from pypdf import PdfReader

    if len(ends) < 2:
        return
    now_lines = {line.strip() for line in current.splitlines()}
    for n, end in enumerate(ends[:-1], start=1):
        try:
            old = PdfReader(io.BytesIO(data[:end]), strict=False)
            text = "\n".join(p.extract_text() or "" for p in old.pages[:50])
        except Exception:  # noqa: BLE001 - an earlier revision that does not parse alone
            text = ""
        gone = "\n".join(line for line in text.splitlines() if line.strip() and line.strip() not in now_lines)
        report.add(F.EARLIER_REVISION, f"增量保存前的第{n}个版本（共{len(ends)}个版本）", gone or "（早期版本）",
                   severity=F.MEDIUM)


def inspect(data: bytes) -> F.Report:
    from pypdf import PdfReader

    report = F.Report(masks_visible=False)
    reader = PdfReader(io.BytesIO(data), strict=False)
    sandbox.check_pages(len(reader.pages))
    _metadata(reader, report)
    _annotations(reader, report)
    for name in (reader.attachments or {}):
        content = b"".join(reader.attachments[name])[:2000]
        report.add(F.EMBEDDED_FILE, f"嵌入文件：{name}", content.decode("utf-8", "ignore"))
    report.visible_text = _pages_plumbed(data, report)
    _earlier(data, _revisions(data), report.visible_text, report)
    return report


def _limits() -> None:  # pragma: no cover - runs in the forked child before exec
    os.setsid()
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = PDFTOPPM_MEMORY if hard == resource.RLIM_INFINITY else min(PDFTOPPM_MEMORY, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    resource.setrlimit(resource.RLIMIT_CPU, (PDFTOPPM_SECONDS, PDFTOPPM_SECONDS + 1))


def clean(data: bytes) -> bytes:
    """Flatten: pages rendered by pdftoppm, a new PDF of those images (no text, no metadata, no
    annotations, no embedded files, one revision)."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="gk-flatten-") as d:
        src = Path(d) / "in.pdf"
        src.write_bytes(data)
        proc = subprocess.Popen(["pdftoppm", "-r", str(FLATTEN_DPI), "-jpeg", "-jpegopt", "quality=85", str(src),
                                 str(Path(d) / "page")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                preexec_fn=_limits)
        try:
            proc.wait(timeout=PDFTOPPM_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise sandbox.BudgetExceeded("PDF 转换为图像超时，无法生成清理副本") from None
        pages = sorted(Path(d).glob("page*.jpg"), key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
        if proc.returncode != 0 or not pages:
            raise ValueError("PDF 无法转换为图像（文件可能已损坏或加密）")
        sandbox.check_pages(len(pages))
        first, rest = Image.open(pages[0]), (Image.open(p) for p in pages[1:])
        out = io.BytesIO()
        first.save(out, format="PDF", save_all=True, append_images=rest, resolution=FLATTEN_DPI)
        return out.getvalue()

