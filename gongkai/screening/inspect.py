"""One door to the inspectors: by content type, under the parsing budget of gongkai.ops.sandbox (a
child process with time and memory ceilings; the ZIP directory of a DOCX or XLSX checked first), then
the personal-data check (law/privacy) over the visible text and the text of every hidden part."""

from __future__ import annotations

import logging

from gongkai.law.privacy import find_personal_data
from gongkai.ops import sandbox
from gongkai.publishing.attachments import DOCX, IMAGES, PDF, XLSX

from . import docx, image, pdf, xlsx
from . import findings as F

log = logging.getLogger("gongkai.screening")

INSPECTORS = {DOCX: docx.inspect, XLSX: xlsx.inspect, PDF: pdf.inspect, **{t: image.inspect for t in IMAGES}}
CLEANERS = {DOCX: docx.clean, XLSX: xlsx.clean, PDF: pdf.clean, **{t: image.clean for t in IMAGES}}
UNREADABLE = "文件无法在限定的时间和内存内完成检查"


def _run_inspector(content: bytes, content_type: str) -> F.Report:
    func = INSPECTORS.get(content_type)
    if func is None:
        return F.Report()
    try:
        if content_type in (DOCX, XLSX):
            sandbox.check_zip(content)
        return sandbox.run(func, content)
    except sandbox.Refused as e:
        reason = e.message
    except Exception as e:  # noqa: BLE001 - a malformed file is a finding, not a crash
        log.warning("screening: inspector failed: %s", e, extra={"content_type": content_type})
        reason = "文件格式异常，无法读取其中的隐藏内容"
    report = F.Report()
    # Not cleanable: what could not be read cannot be shown clean; re-upload, or accept with a reason.
    report.findings.append(F.make(F.UNREADABLE, f"整个文件：{reason}", severity=F.HIGH, cleanable=False))
    return report


def personal_data(text: str, place: str, *, cleanable: bool) -> list[F.Finding]:
    """One finding per piece of personal data, its masked form as the excerpt."""
    out = []
    for f in find_personal_data(text or ""):
        out.append(F.Finding(F.PERSONAL_DATA, f"{place}：{f.label}", f.masked, F.HIGH, cleanable))
    return out


def inspect(content: bytes, content_type: str) -> F.Report:
    """The report of one file: hidden parts, then personal data in its text and in each hidden part."""
    report = _run_inspector(content, content_type)
    extra = personal_data(report.visible_text, "附件正文", cleanable=report.masks_visible)
    for place, text in report.hidden_texts:
        extra += personal_data(text, place, cleanable=True)
    report.findings.extend(extra)
    seen, unique = set(), []
    for f in report.findings:
        if f.key not in seen:
            seen.add(f.key)
            unique.append(f)
    report.findings = unique
    return report


def clean(content: bytes, content_type: str) -> bytes:
    """The clean copy (the PDF flattener drives pdftoppm itself, with its own ceilings)."""
    func = CLEANERS[content_type]
    if content_type in (DOCX, XLSX):
        sandbox.check_zip(content)
    if content_type == PDF:
        return func(content)
    return sandbox.run(func, content)
