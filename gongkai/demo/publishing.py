"""Demo publications for 示例市: ≥ 2,000 documents across organs, types and years 2019 to this year, with
interpretations, repealed and replaced documents, gazette issues and consultations. Deterministic
(random.Random(2019)) and idempotent: nothing happens when the government already has documents."""

from __future__ import annotations

import datetime as dt
import random
import time

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership, next_number
from gongkai.demo.catalogue_docs import complete_catalogue
from gongkai.demo.documents import build_documents
from gongkai.demo.interpretations import add_interpretations
from gongkai.law import today as law_today
from gongkai.law.index_no import DEFAULT_TEMPLATE, format_index_no
from gongkai.publishing.models import (
    Comment,
    Consultation,
    DocStatus,
    Document,
    GazetteIssue,
    PublicationEvent,
    Validity,
)


def _published_at(day: dt.date, rnd) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rnd.randint(8, 17), rnd.choice((0, 15, 30, 45)))))


def grant_publishing_roles(stdout=None):
    """Demo staff also work on publication: handlers edit, reviewers review, and each organ has a
    secrecy reviewer (the government's is a separate person)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    for agency in Agency.objects.all():
        for user in User.objects.filter(memberships__agency=agency, memberships__role=Membership.HANDLER):
            Membership.objects.get_or_create(user=user, agency=agency, role=Membership.EDITOR)
        for user in User.objects.filter(memberships__agency=agency, memberships__role=Membership.REVIEWER):
            if agency.code != "shi":
                Membership.objects.get_or_create(user=user, agency=agency, role=Membership.SECRECY)
    shi = Agency.objects.filter(code="shi").first()
    if shi and not User.objects.filter(username="shi_secrecy").exists():
        user = User.objects.create_user("shi_secrecy", password="demo12345", first_name="许文博")
        Membership.objects.create(user=user, agency=shi, role=Membership.SECRECY)


def publish_document(agency: Agency, *, title: str, body: str, published_at: dt.datetime, doc_type: str,
                     subject: str = "", keywords: str = "", summary: str = "", signed_on: dt.date | None = None,
                     columns=()) -> Document:
    """One published document made the way :func:`load_documents` makes them (索引号 from the organ's
    per-year counter, a PublicationEvent noted 演示数据), for the demo data of other apps."""
    day = timezone.localtime(published_at).date()
    serial = next_number(agency, "index_no", day.year)
    doc = Document.objects.create(
        agency=agency, title=title, issuers=agency.name, signed_on=signed_on or day, formed_on=signed_on or day,
        published_at=published_at, subject=subject, doc_type=doc_type, keywords=keywords,
        status=DocStatus.PUBLISHED, summary=summary, body=body, disclosure_attribute="proactive",
        validity=Validity.IN_FORCE,
        index_no=format_index_no(DEFAULT_TEMPLATE, uscc=agency.uscc or agency.code.upper(), year=day.year,
                                 serial=serial),
    )
    if columns:
        doc.columns.add(*columns)
    PublicationEvent.objects.create(document=doc, kind=PublicationEvent.PUBLISHED, note="演示数据",
                                    data={"index_no": doc.index_no})
    return doc


@transaction.atomic
def load_documents(stdout=None, *, count=2100) -> dict | None:
    """Load the demo publications; None (and no change) if the government already has documents."""
    shi = Agency.objects.filter(code="shi").first()
    if shi is None or Document.objects.filter(agency=shi).exists():
        return None
    started = time.monotonic()
    grant_publishing_roles()
    rnd = random.Random(2019)
    today = law_today.today()
    docs, texts = build_documents(rnd, today, count)
    _replace_old(docs, rnd)
    changed = sum(d.validity != Validity.IN_FORCE for d in docs)  # replaced, amended, expired
    interpretations = add_interpretations(docs, texts, rnd, today)
    filled = complete_catalogue(publish_document, rnd, today)
    issues = _gazette(shi, docs, today)
    _consultations(shi, today, rnd)
    from gongkai.search import index

    transaction.on_commit(index.rebuild)
    return {"documents": len(docs) + filled, "validity_changed": changed, "interpretations": interpretations,
            "gazette_issues": issues, "seconds": round(time.monotonic() - started, 1)}


def _replace_old(docs: list[Document], rnd) -> int:
    # Old documents replaced by newer ones on the same topic (有效性 banners).
    by_topic: dict[tuple, list[Document]] = {}
    for d in docs:
        if d.doc_type in ("规章", "行政规范性文件") and d.validity == Validity.IN_FORCE:
            by_topic.setdefault((d.agency_id, d.keywords), []).append(d)
    changed = 0
    for group in by_topic.values():
        group.sort(key=lambda d: d.published_at)
        if len(group) >= 2 and rnd.random() < 0.6:
            old, new = group[0], group[-1]
            old.validity = rnd.choice([Validity.REPEALED, Validity.REPEALED, Validity.AMENDED, Validity.EXPIRED])
            old.validity_changed_on = timezone.localtime(new.published_at).date()
            old.replaced_by = new if old.validity != Validity.EXPIRED else None
            old.save(update_fields=["validity", "validity_changed_on", "replaced_by"])
            PublicationEvent.objects.create(document=old, kind=PublicationEvent.VALIDITY_CHANGED, note="演示数据",
                                            data={"old": "in_force", "new": old.validity})
            changed += 1
    return changed


def _gazette(shi: Agency, docs: list[Document], today: dt.date) -> int:
    # Monthly gazette of the city government, 2024 onwards.
    gov_docs = [d for d in docs if d.agency_id == shi.pk and d.doc_type in ("规章", "行政规范性文件", "意见", "通知")]
    cumulative = 200
    issues = 0
    for year in range(2024, today.year + 1):
        for month in range(1, 13):
            day = dt.date(year, month, 20)
            if day > today:
                break
            cumulative += 1
            issue = GazetteIssue.objects.create(agency=shi, year=year, issue_no=month, cumulative_no=cumulative,
                                                published_on=day)
            month_docs = [d for d in gov_docs if timezone.localtime(d.published_at).date().replace(day=1)
                          == dt.date(year, month, 1)]
            issue.documents.set(month_docs[:12])
            issues += 1
    return issues


def _consultations(shi: Agency, today: dt.date, rnd) -> None:
    # Consultations: one open now, one finished with feedback, one finished awaiting feedback.
    c1 = Consultation.objects.create(
        agency=shi, title="《示例市城市更新条例（草案）》公开征求意见", starts_on=today - dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=20), published_at=_published_at(today - dt.timedelta(days=10), rnd),
        body="为规范城市更新活动，市住房和城乡建设局起草了《示例市城市更新条例（草案）》，现向社会公开征求意见。",
        how_to_submit="可通过本页面提交意见，或发送电子邮件至 gk@zjj.shili.example。",
    )
    Comment.objects.create(consultation=c1, name="市民李先生", body="建议明确老旧小区加装电梯的资金分担办法。",
                           status=Comment.APPROVED)
    Comment.objects.create(consultation=c1, name="匿名", body="待审核的意见示例。")
    closed = today - dt.timedelta(days=250)  # consulted, then answered 20 days after it closed
    Consultation.objects.create(
        agency=shi, title="《示例市生活垃圾分类管理办法（征求意见稿）》公开征求意见",
        starts_on=closed, ends_on=closed + dt.timedelta(days=30), published_at=_published_at(closed, rnd),
        body="现将《示例市生活垃圾分类管理办法（征求意见稿）》全文公布，征求社会各界意见。",
        feedback="共收到意见46条，采纳18条。未采纳的主要是超出本办法调整范围或已有其他规定的意见。",
        opinions_received=46, opinions_adopted=18, feedback_published_at=_published_at(closed + dt.timedelta(days=50), rnd),
    )
    Consultation.objects.create(
        agency=shi, title="《示例市养老服务条例（草案）》公开征求意见", starts_on=today - dt.timedelta(days=60),
        ends_on=today - dt.timedelta(days=30), published_at=_published_at(today - dt.timedelta(days=60), rnd),
        body="为促进养老服务发展，起草了本条例草案，现公开征求意见。",
    )
