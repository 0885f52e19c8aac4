"""Use cases of proactive publication: one transaction, one permission check, one audit entry each.

Workflow (Art. 17; domain.md 6.2): draft → 科室审核 → 保密审查 → approved → published (or scheduled).
The 索引号 is assigned in the publishing transaction from a per-organ, per-year counter, so two
documents published at once can never share one, and it never changes afterwards.
"""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import contextmanager

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongkai.agencies.models import next_number
from gongkai.core.errors import RuleError
from gongkai.holidays.services import current_calendar
from gongkai.law import publication, workflows
from gongkai.law import today as law_today
from gongkai.law.calendar import CalendarMissing
from gongkai.law.docnumber import doc_no_key, parse_doc_no
from gongkai.law.index_no import DEFAULT_TEMPLATE, format_index_no

# Attachment text for search is the search app's work (search.index; jobs in search.tasks).
from gongkai.search.index import extract_attachment_text, extract_pending_attachments  # noqa: F401

from . import access
from .models import DocStatus, DocType, Document, PublicationEvent, Validity

log = logging.getLogger("gongkai.publishing")

PUBLISH_DAYS = publication.PUBLISH_WORKING_DAYS  # Art. 26 (law/publication.py)


class PublishingError(RuleError):
    """A step the rules forbid; the message is Chinese and shown as is."""


EDITABLE_FIELDS = (
    "title", "doc_no", "issuers", "signed_on", "formed_on", "effective_on", "expires_on", "subject", "doc_type",
    "keywords", "summary", "body", "disclosure_attribute", "withheld_reason", "no_interpretation_reason",
)


def _event(doc, kind, actor, note="", **data):
    return PublicationEvent.objects.create(document=doc, kind=kind, actor=actor if actor else None, note=note,
                                           data=data)


WORKFLOW = workflows.PUBLICATION
# The audit entry each step writes: what the separation of duties reads back (who submitted).
STEP_OF_EVENT = {
    PublicationEvent.EDITED: "edit", PublicationEvent.MASKED: "edit", PublicationEvent.SUBMITTED: "submit",
    PublicationEvent.SECTION_APPROVED: "section_approve", PublicationEvent.SECRECY_APPROVED: "secrecy_approve",
    PublicationEvent.RETURNED: "return", PublicationEvent.PUBLISHED: "publish", PublicationEvent.SCHEDULED: "publish",
    PublicationEvent.WITHDRAWN: "withdraw", PublicationEvent.VALIDITY_CHANGED: "validity",
}
STALE = "该信息已被他人修改，请刷新页面后重试"


def last_actors(doc: Document) -> dict[str, int | None]:
    """Who last took each step on ``doc`` (user ids), from its audit trail."""
    out: dict[str, int | None] = {}
    for kind, actor_id in doc.events.order_by("at", "id").values_list("kind", "actor_id"):
        if kind in STEP_OF_EVENT:
            out[STEP_OF_EVENT[kind]] = actor_id
    return out


def available_steps(doc: Document, user) -> list[str]:
    """The steps of law/workflows.PUBLICATION the page offers ``user`` on ``doc`` (the same check
    as the services)."""
    return WORKFLOW.available(doc.status, access.roles(user, doc), actor=user.pk, last_actors=last_actors(doc))


@contextmanager
def _step(doc, actor, name: str, *, expected_version=None):
    """Lock the document, check the version and the step of the table (role, state, separation of
    duties), run the body, bump the version: all in one transaction."""
    with transaction.atomic():
        doc = Document.objects.select_for_update().select_related("agency").get(pk=doc.pk)
        if expected_version not in (None, "") and int(expected_version) != doc.version:
            raise PublishingError(STALE)
        refusal = WORKFLOW.refusal(name, doc.status, access.roles(actor, doc), actor=getattr(actor, "pk", None),
                                   last_actors=last_actors(doc))
        if refusal:
            raise PublishingError(refusal)
        yield doc
        Document.objects.filter(pk=doc.pk).update(version=F("version") + 1)
        doc.version += 1


def _apply_doc_no(doc: Document) -> None:
    parsed = parse_doc_no(doc.doc_no) if doc.doc_no else None
    if doc.doc_no and parsed is None:
        raise PublishingError(f"发文字号无法识别：{doc.doc_no}（应形如 聊政发〔2020〕9号）")
    if parsed:
        doc.doc_no = str(parsed)
        doc.doc_no_prefix, doc.doc_no_year, doc.doc_no_serial = parsed.prefix, parsed.year or None, parsed.serial
        doc.doc_no_key = doc_no_key(doc.doc_no)
    else:
        doc.doc_no_prefix, doc.doc_no_year, doc.doc_no_serial, doc.doc_no_key = "", None, None, ""


def _validate(doc: Document) -> None:
    if not doc.title.strip():
        raise PublishingError("标题不能为空")
    if doc.summary and doc.summary.strip() == doc.title.strip():
        raise PublishingError("内容概述不能只是重复标题")
    limit = 500 if len(doc.body) > 5000 else 300
    if len(doc.summary) > limit:
        raise PublishingError(f"内容概述不超过{limit}字")
    if doc.disclosure_attribute == "withheld" and not doc.withheld_reason.strip():
        raise PublishingError("不予公开须写明法定理由")
    if doc.subject:
        from gongkai.law.subjects import normalize_subject

        try:
            doc.subject = normalize_subject(doc.subject)
        except ValueError as e:
            raise PublishingError(str(e))


def _fill(doc: Document, data: dict) -> None:
    for field in EDITABLE_FIELDS:
        if field in data:
            setattr(doc, field, data[field] if data[field] is not None else getattr(doc, field))
    _apply_doc_no(doc)
    _validate(doc)


def save_draft(agency, actor, data: dict, doc: Document | None = None, *, expected_version=None) -> Document:
    """Create a draft, or edit one (step "edit"; a version check, so two editors never silently
    overwrite each other's changes)."""
    if doc is None:
        if workflows.EDITOR not in access.roles(actor, agency):
            raise PublishingError("您无权编辑该机关的信息")
        with transaction.atomic():
            doc = Document(agency=agency, created_by=actor)
            _fill(doc, data)
            doc.save()
            _event(doc, PublicationEvent.CREATED, actor)
    else:
        with _step(doc, actor, "edit", expected_version=expected_version) as doc:
            _fill(doc, data)
            doc.save()
            _event(doc, PublicationEvent.EDITED, actor)
    _reindex(doc)
    return doc


def _transition(doc, actor, name: str, *, to, kind, note="", expected_version=None):
    with _step(doc, actor, name, expected_version=expected_version) as doc:
        doc.status = to
        doc.save(update_fields=["status", "updated_at"])
        _event(doc, kind, actor, note=note)
    return doc


def submit(doc, actor, *, expected_version=None):
    _validate(doc)
    return _transition(doc, actor, "submit", to=DocStatus.SECTION_REVIEW, kind=PublicationEvent.SUBMITTED,
                       expected_version=expected_version)


def section_approve(doc, actor, note="", *, expected_version=None):
    return _transition(doc, actor, "section_approve", to=DocStatus.SECRECY_REVIEW,
                       kind=PublicationEvent.SECTION_APPROVED, note=note, expected_version=expected_version)


def secrecy_approve(doc, actor, note="", *, expected_version=None):
    """保密审查: the reviewer and the time are recorded in the audit entry. The leak guard must pass
    first (issue 16 item 5; gongkai/screening): every attachment inspected, personal data masked or
    accepted with a reason."""
    _screen(doc)
    with _step(doc, actor, "secrecy_approve", expected_version=expected_version) as doc:
        _leak_guard(doc)
        doc.status = DocStatus.APPROVED
        doc.save(update_fields=["status", "updated_at"])
        _event(doc, PublicationEvent.SECRECY_APPROVED, actor, note=note)
    return doc


def _screen(doc) -> None:
    """Screen the attachments the job has not (parsing under the sandbox budgets, before the lock)."""
    from gongkai.screening import runner

    runner.screen_pending(doc)


def _leak_guard(doc) -> None:
    """Under the row lock: refuse while a finding of the leak guard is neither resolved nor accepted."""
    from gongkai.screening import gate

    refusal = gate.refusal(doc)
    if refusal:
        raise PublishingError(refusal)


def return_for_changes(doc, actor, note, *, expected_version=None):
    if not note.strip():
        raise PublishingError("退回须写明修改意见")
    return _transition(doc, actor, "return", to=DocStatus.DRAFT, kind=PublicationEvent.RETURNED, note=note,
                       expected_version=expected_version)


def publish_due(doc: Document) -> dt.date | None:
    """Art. 26 (``law.publication.publish_due``) over the calendar in force; None when the date is not
    recorded or the calendar does not reach it."""
    if not doc.formed_on:
        return None
    try:
        return publication.publish_due(doc.formed_on, current_calendar())
    except CalendarMissing:
        return None


def publish_due_provisional(doc: Document) -> bool:
    """Whether publish_due was counted over a year whose holiday arrangement is not confirmed (3.1)."""
    due = publish_due(doc)
    return bool(due and current_calendar().provisional_years_between(doc.formed_on + dt.timedelta(days=1), due))


def _assign_index_no(doc: Document, year: int) -> None:
    if doc.index_no:
        return  # immutable once assigned
    agency = doc.agency
    template = getattr(agency, "index_no_template", "") or DEFAULT_TEMPLATE
    serial = next_number(agency, "index_no", year)
    doc.index_no = format_index_no(template, uscc=agency.uscc or agency.code.upper(), year=year, serial=serial,
                                   agency_code=agency.code)


def publish(doc, actor, *, at: dt.datetime | None = None, backdate_reason: str = "", expected_version=None) -> Document:
    """Publish now, schedule for later, or (with an audit reason) record an earlier publication date."""
    now = law_today.now()
    _screen(doc)
    with _step(doc, actor, "publish", expected_version=expected_version) as doc:
        _leak_guard(doc)
        if doc.disclosure_attribute != "proactive":
            raise PublishingError("公开属性不是“主动公开”的信息不能在网站发布")
        if doc.doc_type == DocType.NORMATIVE and not doc.interpretations.exists() \
                and not doc.no_interpretation_reason.strip():
            raise PublishingError("行政规范性文件须关联政策解读，或记录不需解读的理由")
        when = at or now
        if when > now + dt.timedelta(minutes=1):
            doc.status, doc.scheduled_for = DocStatus.SCHEDULED, when
            doc.save(update_fields=["status", "scheduled_for", "updated_at"])
            _event(doc, PublicationEvent.SCHEDULED, actor, scheduled_for=when.isoformat())
            return doc
        if when < now - dt.timedelta(hours=1):
            # Forged publication dates are an inspection veto (国办秘函〔2019〕19号): only with a reason.
            if not backdate_reason.strip():
                raise PublishingError("发布日期早于当前时间，须填写补录理由并留痕")
            _event(doc, PublicationEvent.BACKDATED, actor, note=backdate_reason, published_at=when.isoformat())
        doc.published_at = when
        doc.status = DocStatus.PUBLISHED
        _assign_index_no(doc, timezone.localtime(when).year)
        doc.save(update_fields=["published_at", "status", "index_no", "updated_at"])
        # 同步发布: interpretations prepared with the document go out with it.
        doc.interpretations.filter(published_at__isnull=True).update(published_at=when)
        due = publish_due(doc)
        late = bool(due and timezone.localtime(when).date() > due)
        _event(doc, PublicationEvent.PUBLISHED, actor, index_no=doc.index_no, late=late,
               publish_due=due.isoformat() if due else None)
    _reindex(doc)
    return doc


def publish_scheduled(now: dt.datetime | None = None) -> int:
    """Publish scheduled documents whose time has come (the schedule runs it every minute). Each under
    its row lock, the state checked again: run twice or by two workers, a document is published once."""
    now = now or law_today.now()
    n = 0
    for doc in Document.objects.filter(status=DocStatus.SCHEDULED, scheduled_for__lte=now):
        try:
            _screen(doc)
            with _step(doc, None, "publish_scheduled") as d:
                _leak_guard(d)
                _publish_at_schedule(d)
        except PublishingError as e:  # no longer scheduled (withdrawn or published meanwhile), or held
            log.warning("scheduled document %s not published: %s", doc.pk, e)
            continue
        _reindex(doc)
        n += 1
    return n


def _publish_at_schedule(d: Document) -> None:
    d.status, d.published_at = DocStatus.PUBLISHED, d.scheduled_for
    _assign_index_no(d, timezone.localtime(d.scheduled_for).year)
    d.save(update_fields=["status", "published_at", "index_no", "updated_at"])
    _event(d, PublicationEvent.PUBLISHED, None, note="定时发布", index_no=d.index_no)


def withdraw(doc, actor, reason: str, *, expected_version=None) -> Document:
    if not reason.strip():
        raise PublishingError("撤回须写明理由")
    doc = _transition(doc, actor, "withdraw", to=DocStatus.WITHDRAWN, kind=PublicationEvent.WITHDRAWN, note=reason,
                      expected_version=expected_version)
    _reindex(doc)
    return doc


def change_validity(doc, actor, validity: str, *, on: dt.date, replaced_by: Document | None = None,
                    note: str = "", expected_version=None) -> Document:
    """有效性 change: logged; the original page shows a banner linking the replacement."""
    if validity not in Validity.values:
        raise PublishingError("有效性取值无效")
    with _step(doc, actor, "validity", expected_version=expected_version) as doc:
        if replaced_by is not None and replaced_by.pk == doc.pk:
            raise PublishingError("替代文件不能是本文件")
        old = doc.validity
        doc.validity, doc.validity_changed_on, doc.replaced_by = validity, on, replaced_by
        doc.save(update_fields=["validity", "validity_changed_on", "replaced_by", "updated_at"])
        _event(doc, PublicationEvent.VALIDITY_CHANGED, actor, note=note, old=old, new=validity,
               replaced_by=replaced_by.pk if replaced_by else None)
    _reindex(doc)
    return doc


def _reindex(doc: Document) -> None:
    """Keep the search index in step through the job queue (the search app owns the index). Should
    the job be lost (a process killed after the commit), the daily repair reconciles the index with
    the published documents (``search.index.repair``)."""
    from gongkai.jobs import enqueue_on_commit
    from gongkai.search.tasks import index_document

    enqueue_on_commit(index_document, doc.pk)


VALIDITY_LABELS = {label: value for value, label in Validity.choices}


def import_published(agency, record: dict, *, actor=None) -> Document:
    """Import one already-published document (migration from an old site). The original publication
    date is kept and the import is recorded in the audit trail; a 索引号 is assigned for that year.
    Raises PublishingError with a Chinese message for bad records."""
    def need(key):
        value = record.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise PublishingError(f"缺少字段 {key}")
        return value

    def date_of(key, required=True):
        value = record.get(key)
        if not value:
            if required:
                raise PublishingError(f"缺少字段 {key}")
            return None
        try:
            return dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            raise PublishingError(f"{key} 日期格式无效：{value!r}（应为 YYYY-MM-DD）")

    title = str(need("title")).strip()
    validity_label = str(need("validity")).strip()
    if validity_label not in VALIDITY_LABELS:
        raise PublishingError(f"validity 须为 有效/已修改/已废止/已失效：{validity_label!r}")
    written, published = date_of("written_date", required=False), date_of("published_date")
    if written and written > published:
        raise PublishingError("成文日期晚于发布日期")
    doc_type = str(record.get("doc_type") or DocType.NOTICE).strip()
    if doc_type not in DocType.values:
        raise PublishingError(f"doc_type 无效：{doc_type!r}")
    doc = Document(
        agency=agency, title=title, doc_no=str(record.get("doc_no") or "").strip(),
        issuers=str(need("issuing_agency")).strip(), signed_on=written, body=str(record.get("body") or ""),
        subject=str(record.get("category") or "").strip(), doc_type=doc_type,
        keywords=str(record.get("keywords") or "").strip(), summary=str(record.get("summary") or "").strip(),
        validity=VALIDITY_LABELS[validity_label], created_by=actor,
    )
    _apply_doc_no(doc)
    _validate(doc)
    with transaction.atomic():
        published_at = timezone.make_aware(dt.datetime.combine(published, dt.time(9, 0)))
        doc.published_at, doc.status = published_at, DocStatus.PUBLISHED
        if doc.validity != Validity.IN_FORCE:
            doc.validity_changed_on = published
        doc.save()
        _assign_index_no(doc, published.year)
        doc.save(update_fields=["index_no"])
        _event(doc, PublicationEvent.PUBLISHED, actor, note="批量导入已发布信息（保留原发布日期）",
               index_no=doc.index_no, imported=True)
    _reindex(doc)
    return doc


def mask_personal_data(doc, actor) -> Document:
    """Mask ID numbers, mobile numbers and bank cards in a draft (domain.md 6.6); the change is audited."""
    from gongkai.law.privacy import find_personal_data, mask_text

    with _step(doc, actor, "edit") as doc:
        found = sum(len(find_personal_data(getattr(doc, f))) for f in ("title", "summary", "body"))
        if not found:
            raise PublishingError("未发现需要脱敏的个人信息")
        for field in ("title", "summary", "body"):
            setattr(doc, field, mask_text(getattr(doc, field)))
        doc.save(update_fields=["title", "summary", "body", "updated_at"])
        _event(doc, PublicationEvent.MASKED, actor, count=found)
    _reindex(doc)
    return doc


def add_attachment(doc, actor, *, name: str, content: bytes, alt_text: str = ""):
    """Attach a file to a draft; its text is extracted for full-text search by a job
    (``extract_attachment_text``), not in the request: a 500-page PDF takes a while."""
    from django.core.files.base import ContentFile

    from gongkai.jobs import enqueue_on_commit
    from gongkai.screening.tasks import screen_attachment as screen_job
    from gongkai.search.tasks import extract_attachment_text as extract_job

    from .attachments import IMAGES, AttachmentError, check
    from .models import DocumentAttachment

    try:
        ctype = check(content, alt_text=alt_text)
    except AttachmentError as e:
        raise PublishingError(str(e))
    with _step(doc, actor, "edit") as doc:
        att = DocumentAttachment(document=doc, original_name=name[:200], content_type=ctype, size=len(content),
                                 alt_text=alt_text.strip(), text_pending=ctype not in IMAGES)
        att.file.save(name.rsplit("/", 1)[-1][:100] or "attachment", ContentFile(content), save=False)
        att.save()
        _event(doc, PublicationEvent.EDITED, actor, note=f"添加附件：{att.original_name}")
        if att.text_pending:
            enqueue_on_commit(extract_job, att.pk)
        enqueue_on_commit(screen_job, att.pk)  # the leak guard (gongkai/screening)
    _reindex(doc)
    return att
