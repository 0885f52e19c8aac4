"""What the leak guard reports: one :class:`Finding` per hidden part of a file (issue 16 item 5).

Plain Python, no Django: the inspectors (docx.py, xlsx.py, pdf.py, image.py) run in the sandbox's
child process and return a :class:`Report`; services.py stores it and adds the personal-data check of
the visible text and of every hidden part's text. A finding's ``key`` is stable for the same file, so
a decision recorded on it (accepted with a reason) holds until the file changes."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

from gongkai.law.privacy import mask_text

COMMENT = "comment"
TRACKED_INSERTION = "tracked_insertion"
TRACKED_DELETION = "tracked_deletion"
HIDDEN_TEXT = "hidden_text"
PROPERTIES = "properties"
EMBEDDED_OBJECT = "embedded_object"
HIDDEN_SHEET = "hidden_sheet"
VERY_HIDDEN_SHEET = "very_hidden_sheet"
HIDDEN_ROW = "hidden_row"
HIDDEN_COLUMN = "hidden_column"
PIVOT_CACHE = "pivot_cache"
EXTERNAL_LINK = "external_link"
DEFINED_NAME = "defined_name"
FAKE_REDACTION = "fake_redaction"
ANNOTATION = "annotation"
EMBEDDED_FILE = "embedded_file"
METADATA = "metadata"
EARLIER_REVISION = "earlier_revision"
EXIF = "exif"
GPS = "gps"
PERSONAL_DATA = "personal_data"
UNREADABLE = "unreadable"

LABELS = {
    COMMENT: "批注", TRACKED_INSERTION: "修订记录（插入）", TRACKED_DELETION: "修订记录（已删除的文字）",
    HIDDEN_TEXT: "隐藏文字", PROPERTIES: "文档属性", EMBEDDED_OBJECT: "嵌入对象", HIDDEN_SHEET: "隐藏工作表",
    VERY_HIDDEN_SHEET: "深度隐藏工作表", HIDDEN_ROW: "隐藏行", HIDDEN_COLUMN: "隐藏列",
    PIVOT_CACHE: "数据透视表缓存", EXTERNAL_LINK: "外部链接", DEFINED_NAME: "定义的名称",
    FAKE_REDACTION: "伪遮盖（色块下仍有文字）", ANNOTATION: "注释", EMBEDDED_FILE: "嵌入文件",
    METADATA: "元数据", EARLIER_REVISION: "增量保存的早期版本", EXIF: "图片拍摄信息", GPS: "拍摄地点坐标",
    PERSONAL_DATA: "个人信息", UNREADABLE: "无法完成检查",
}

HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITY_LABELS = {HIGH: "高", MEDIUM: "中", LOW: "低"}
EXCERPT = 120


def excerpt(text: str | None) -> str:
    """A short excerpt of hidden text, personal data masked (the findings page is staff-only, but the
    point of the guard is not to spread what it found)."""
    text = mask_text(" ".join((text or "").split()))  # masked before it is cut: no half number left bare
    return text[:EXCERPT] + ("…" if len(text) > EXCERPT else "")


@dataclass(frozen=True)
class Finding:
    kind: str
    place: str  # where, in Chinese: "批注 第1条（作者：张三）", "工作表“附表”隐藏第5行"
    excerpt: str = ""
    severity: str = HIGH
    cleanable: bool = True  # the clean copy removes it

    @property
    def key(self) -> str:
        raw = f"{self.kind}\x00{self.place}\x00{self.excerpt}"
        return hashlib.sha256(raw.encode()).hexdigest()[:24]

    def as_dict(self) -> dict:
        return {**asdict(self), "key": self.key, "label": LABELS.get(self.kind, self.kind)}


def make(kind: str, place: str, text: str = "", *, severity: str = HIGH, cleanable: bool = True) -> Finding:
    return Finding(kind, place, excerpt(text), severity, cleanable)


@dataclass
class Report:
    """An inspector's answer: what it found, the visible text, and the text of each hidden part (the
    personal-data check reads both)."""

    findings: list[Finding] = field(default_factory=list)
    visible_text: str = ""
    hidden_texts: list[tuple[str, str]] = field(default_factory=list)  # (place, text)
    # Whether a clean copy can mask personal data in the visible text (DOCX, XLSX: yes; PDF, images: no).
    masks_visible: bool = False

    def add(self, kind: str, place: str, text: str = "", *, severity: str = HIGH, cleanable: bool = True,
            hidden: bool = True) -> None:
        self.findings.append(make(kind, place, text, severity=severity, cleanable=cleanable))
        if hidden and text.strip():
            self.hidden_texts.append((place, text))
