"""The leak guard's gate (issue 16 item 5): what still stands between a document and 保密审查 or
publication. Every finding of every attachment (runner.py stored them) and every piece of personal
data in the document's own title, summary and body is an item; an item is resolved when it is gone
(the clean copy, masking, a new upload) or accepted by the 保密审查员 with a reason (models.Decision).

Reads the database only: the parsing (runner.screen_pending) is done before the row lock is taken."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from gongkai.law.privacy import find_personal_data
from gongkai.publishing.models import DocumentAttachment

from . import findings as F
from .models import AttachmentScreening, Decision

TEXT_FIELDS = (("title", "标题"), ("summary", "内容概述"), ("body", "正文"))


@dataclass
class Item:
    source: str  # "附件“名单.xlsx”" or "正文"
    kind: str
    label: str
    place: str
    excerpt: str
    severity: str
    cleanable: bool
    key: str
    attachment: DocumentAttachment | None = None
    digest: str = ""
    decision: Decision | None = None

    @property
    def severity_label(self) -> str:
        return F.SEVERITY_LABELS.get(self.severity, self.severity)


def _text_items(doc) -> list[Item]:
    out = []
    for field, name in TEXT_FIELDS:
        for f in find_personal_data(getattr(doc, field) or ""):
            key = hashlib.sha256(f"pd\x00{field}\x00{f.kind}\x00{f.value}".encode()).hexdigest()[:24]
            out.append(Item(name, F.PERSONAL_DATA, F.LABELS[F.PERSONAL_DATA], f.label, f.masked, F.HIGH,
                            False, key))
    return out


def items(doc) -> list[Item]:
    """Every item of ``doc``, each with the decision that accepted it (or None)."""
    out = _text_items(doc)
    screenings = {s.attachment_id: s for s in AttachmentScreening.objects.filter(attachment__document=doc)}
    for att in DocumentAttachment.objects.filter(document=doc).order_by("pk"):
        source = f"附件“{att.original_name}”"
        screening = screenings.get(att.pk)
        if screening is None:
            out.append(Item(source, F.UNREADABLE, "尚未检查", "整个文件：尚未完成保密检查", "", F.HIGH, False,
                            "unscreened", att))
            continue
        for f in screening.findings:
            out.append(Item(source, f["kind"], f["label"], f["place"], f["excerpt"], f["severity"], f["cleanable"],
                            f["key"], att, screening.digest))
    decisions = {}
    for d in Decision.objects.filter(document=doc).select_related("actor"):
        decisions[(d.attachment_id, d.digest, d.key)] = d
    for item in out:
        if item.key != "unscreened":
            item.decision = decisions.get((item.attachment.pk if item.attachment else None, item.digest, item.key))
    return out


def open_items(doc) -> list[Item]:
    return [i for i in items(doc) if i.decision is None]


def refusal(doc) -> str | None:
    """The Chinese reason 保密审查 or publication is refused, or None."""
    left = open_items(doc)
    if not left:
        return None
    labels = "、".join(dict.fromkeys(i.label for i in left))
    where = "；".join(f"{i.source} {i.place}" for i in left[:3]) + ("等" if len(left) > 3 else "")
    return (f"发布前保密检查尚有{len(left)}项未处理（{labels}）：{where}。"
            "请生成清理副本、脱敏或重新上传，或由保密审查员逐项填写理由后接受")
