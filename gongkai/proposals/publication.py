"""Publication of a proposal's result (复文 full text or a summary) "like any publication": the
result becomes a publishing ``Document`` (文种 函) filed in the organ's 建议提案办理 column under 法定主动
公开内容, submitted into the normal workflow (draft → 科室审核 → 保密审查 → 发布; publishing/services.py),
so the personal-data check, the review and the separation of duties apply; the proposal shows the
publication state read from that document. The public column lists a proposal only once the document
is public (``access.public_results``).

The column is created through the ORM here when the organ lacks it (no publishing migration: a
column is data, as the demo's 年报 columns are)."""

from __future__ import annotations

from gongkai.law import proposals as rule
from gongkai.law.docnumber import parse_doc_no
from gongkai.publishing import services as publishing
from gongkai.publishing.models import CatalogueNode, DocStatus, DocType

# CatalogueNode.item_code of the column: the public tree links it to the searchable results page.
from gongkai.publishing.public_tree import PROPOSALS_COLUMN as COLUMN_CODE

from . import access
from .actions import _day, _event, _Step
from .errors import ProposalError
from .models import ProposalEvent

COLUMN_TITLE = "建议提案办理"
NOT_SUBMITTED = "未提交公开"


def ensure_column(agency) -> CatalogueNode:
    """The organ's 建议提案办理 column under 法定主动公开内容, created when missing."""
    node = CatalogueNode.objects.filter(agency=agency, item_code=COLUMN_CODE).first()
    if node is not None:
        return node
    from gongkai.publishing.catalogue import seed_catalogue

    seed_catalogue(agency)
    parent = CatalogueNode.objects.filter(agency=agency, parent=None, section=CatalogueNode.STATUTORY).first()
    return CatalogueNode.objects.create(
        agency=agency, parent=parent, section=CatalogueNode.STATUTORY, item_code=COLUMN_CODE, title=COLUMN_TITLE,
        description="人大代表建议和政协委员提案办理结果", position=90, update_kind=CatalogueNode.OTHER)


def document_title(p) -> str:
    return f"关于{p.session}{p.number}{p.kind_short}的答复"


def _document_data(p, mode: str, summary: str) -> dict:
    body = p.reply_text if mode == rule.FULL_TEXT else summary
    parsed = parse_doc_no(p.reply_no) if p.reply_no else None
    label = dict(rule.CLASSIFICATIONS).get(p.classification, "")
    return {
        "title": document_title(p)[:300], "doc_type": DocType.LETTER, "issuers": p.lead.name,
        "signed_on": p.answered_on, "formed_on": p.answered_on, "doc_no": str(parsed) if parsed else "",
        "keywords": f"建议提案办理,{p.kind_short}", "body": access.public_text(body),
        "summary": f"{p.get_kind_display()}《{p.title[:200]}》的办理结果（{label}）",
    }


def submit_publication(proposal, actor, mode: str, summary: str = "", *, on=None, expected_version=None):
    """Make (or, after 退回修改, update) the result document and submit it to 科室审核."""
    if mode not in dict(rule.PUBLICATION_MODES):
        raise ProposalError("请选择公开方式（复文全文或摘要）")
    summary = (summary or "").strip()
    if mode == rule.SUMMARY and not summary:
        raise ProposalError("公开摘要不能为空")
    with _Step(proposal, actor, "publish", expected_version) as p:
        doc = p.document
        if doc is not None and doc.status != DocStatus.DRAFT:
            raise ProposalError(f"办理结果的公开信息当前为“{doc.get_status_display()}”，不能重复提交")
        if mode == rule.FULL_TEXT and not p.reply_text and not p.reply_file:
            raise ProposalError("复文没有内容，不能公开全文")
        try:
            doc = publishing.save_draft(p.lead, actor, _document_data(p, mode, summary), doc=doc,
                                        expected_version=doc.version if doc else None)
            doc.columns.add(ensure_column(p.lead))
            if mode == rule.FULL_TEXT and p.reply_file and not doc.attachments.exists():
                with p.reply_file.open("rb") as f:
                    content = f.read()
                publishing.add_attachment(doc, actor, name=p.reply_file_name or "复文", content=content,
                                          alt_text=document_title(p))
                doc.refresh_from_db()
            doc = publishing.submit(doc, actor)
        except publishing.PublishingError as e:
            raise ProposalError(str(e)) from None
        p.document, p.publication_mode, p.public_summary = doc, mode, summary
        p.save(update_fields=["document", "publication_mode", "public_summary", "updated_at"])
        _event(p, ProposalEvent.SUBMITTED, actor, _day(on, "日期"), note=dict(rule.PUBLICATION_MODES)[mode],
               document=doc.pk, mode=mode)
    return p


def publication_state(p) -> str:
    """The result's publication state, read from its document."""
    doc = p.document
    return doc.get_status_display() if doc is not None else NOT_SUBMITTED
