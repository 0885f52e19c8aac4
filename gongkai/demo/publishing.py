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
from gongkai.law import today as law_today
from gongkai.law.docnumber import doc_no_key
from gongkai.law.index_no import DEFAULT_TEMPLATE, format_index_no
from gongkai.publishing.models import (
    CatalogueNode,
    Comment,
    Consultation,
    DocStatus,
    Document,
    GazetteIssue,
    Interpretation,
    PublicationEvent,
    Validity,
)

# (topic, subject path, Art. 20 item code, typical document kind)
TOPICS = [
    ("户籍制度改革", "公安、安全、司法\\公安", "（一）", "行政规范性文件"),
    ("居民身份证和户籍业务办理", "公安、安全、司法\\公安", "（五）", "通知"),
    ("城乡居民基本医疗保险", "劳动、人事、监察\\社会保障", "（十一）", "行政规范性文件"),
    ("职工基本养老保险", "劳动、人事、监察\\社会保障", "（十一）", "通知"),
    ("养老服务体系建设", "民政、乡村振兴、救灾\\社会福利", "（十一）", "意见"),
    ("最低生活保障", "民政、乡村振兴、救灾\\社会福利", "（十一）", "行政规范性文件"),
    ("住房公积金缴存和提取", "城乡建设、环境保护\\城乡建设(含住房)", "（一）", "行政规范性文件"),
    ("老旧小区改造", "城乡建设、环境保护\\城乡建设(含住房)", "（十）", "通知"),
    ("城市更新", "城乡建设、环境保护\\城市规划", "（三）", "意见"),
    ("国有土地上房屋征收与补偿", "国土资源、能源\\土地", "（一）", "行政规范性文件"),
    ("征地补偿标准", "国土资源、能源\\土地", "（一）", "公告"),
    ("优化营商环境", "综合政务\\政务公开", "（一）", "意见"),
    ("政务服务“一网通办”", "综合政务\\电子政务", "（五）", "通知"),
    ("安全生产专项整治", "市场监管、安全生产监管\\安全生产监管", "（十三）", "通知"),
    ("食品安全抽检", "市场监管、安全生产监管\\食品药品监管", "（十三）", "通告"),
    ("义务教育招生入学", "科技、教育\\教育", "（十一）", "通知"),
    ("学前教育普惠发展", "科技、教育\\教育", "（十一）", "意见"),
    ("生活垃圾分类", "城乡建设、环境保护\\环境监测、保护与治理", "（一）", "行政规范性文件"),
    ("大气污染防治", "城乡建设、环境保护\\环境监测、保护与治理", "（十三）", "通知"),
    ("河湖长制", "农业、林业、水利\\水利", "（三）", "意见"),
    ("防汛抗旱应急预案", "综合政务\\应急管理", "（十二）", "通知"),
    ("突发事件总体应急预案", "综合政务\\应急管理", "（十二）", "通知"),
    ("就业创业补贴", "劳动、人事、监察\\劳动就业", "（十一）", "行政规范性文件"),
    ("高校毕业生就业", "劳动、人事、监察\\劳动就业", "（十一）", "通知"),
    ("政府集中采购目录及标准", "财政、金融、审计\\财政", "（九）", "通知"),
    ("部门预算", "财政、金融、审计\\财政", "（七）", "报告"),
    ("部门决算", "财政、金融、审计\\财政", "（七）", "报告"),
    ("行政事业性收费目录清单", "国民经济管理、国有资产监管\\物价", "（八）", "公告"),
    ("国民经济和社会发展统计公报", "国民经济管理、国有资产监管\\统计", "（四）", "公报"),
    ("重大建设项目批准和实施", "国民经济管理、国有资产监管\\重大建设项目", "（十）", "批复"),
    ("公务员考试录用", "劳动、人事、监察\\人事工作", "（十四）", "公告"),
    ("事业单位公开招聘", "劳动、人事、监察\\人事工作", "（十四）", "公告"),
    ("行政许可事项清单", "综合政务\\政务公开", "（五）", "通知"),
    ("行政处罚裁量基准", "市场监管、安全生产监管\\工商", "（六）", "行政规范性文件"),
    ("农村危房改造", "民政、乡村振兴、救灾\\扶贫", "（十一）", "通知"),
    ("耕地保护", "国土资源、能源\\土地", "（三）", "意见"),
    ("文物保护单位管理", "文化、广电、新闻出版\\文物", "（十五）", "通知"),
    ("全民健身", "卫生、体育\\体育", "（十一）", "意见"),
    ("基层医疗卫生服务", "卫生、体育\\卫生", "（十一）", "意见"),
    ("药品集中带量采购", "卫生、体育\\医药管理", "（十一）", "通知"),
]
FORMS = [
    ("关于印发《示例市{t}管理办法》的通知", "规章"),
    ("关于印发《{t}实施细则》的通知", "行政规范性文件"),
    ("关于进一步做好{t}工作的通知", "通知"),
    ("关于加强{t}的实施意见", "意见"),
    ("关于{t}有关事项的公告", "公告"),
    ("关于{t}情况的通报", "通报"),
    ("关于{t}的批复", "批复"),
    ("{y}年{t}工作要点", "通知"),
    ("关于开展{t}专项行动的通知", "通知"),
    ("关于调整{t}标准的通知", "行政规范性文件"),
]
PREFIXES = {"shi": ("示政发", "示政办发", "示政字"), "zrzy": ("示自然资规", "示自然资发"),
            "zjj": ("示住建规", "示住建发"), "sthj": ("示环发", "示环规"), "scjg": ("示市监规", "示市监发"),
            "xian": ("示县政发", "示县政办发")}
BODY = [
    "为深入贯彻落实党中央、国务院关于{t}的决策部署，进一步提升{t}工作水平，结合本市实际，现就有关事项通知如下。",
    "一、总体要求。坚持以人民为中心的发展思想，以{t}为重点，推动各项政策措施落地见效，切实增强群众获得感。",
    "二、主要任务。（一）完善{t}制度体系，明确责任分工；（二）优化办理流程，压减办理时限，推行“一网通办”；"
    "（三）加强信息公开，及时发布政策文件、办理结果和监督检查情况。",
    "三、保障措施。各区县人民政府、市政府各部门要加强组织领导，落实工作经费，建立工作台账，定期报送进展情况。",
    "四、本{k}自印发之日起施行，有效期五年。此前有关规定与本{k}不一致的，以本{k}为准。",
]


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
    docs = _bulk_documents(rnd, today, count)
    changed = _replace_old(docs, rnd)
    interpretations = _interpretations(docs, rnd)
    issues = _gazette(shi, docs, today)
    _consultations(shi, today, rnd)
    from gongkai.search import index

    transaction.on_commit(index.rebuild)
    return {"documents": len(docs), "validity_changed": changed, "interpretations": interpretations,
            "gazette_issues": issues, "seconds": round(time.monotonic() - started, 1)}


def _bulk_documents(rnd, today: dt.date, count: int) -> list[Document]:
    """The published documents of the demo organs, with their columns and publication events."""
    agencies = list(Agency.objects.filter(code__in=PREFIXES))
    weights = [4 if a.code == "shi" else 2 for a in agencies]
    columns = {}
    for node in CatalogueNode.objects.filter(agency__in=agencies, section=CatalogueNode.STATUTORY):
        code = node.item_code.replace("第二十条", "")
        columns[(node.agency_id, code)] = node
    docs, plan = [], []
    serials: dict[tuple, int] = {}
    # More documents in recent years: weight 1 for 2019–2021, 2 for 2022–2023, 3 from 2024 up to this year.
    years = range(2019, today.year + 1)
    year_weights = [1 if y <= 2021 else 2 if y <= 2023 else 3 for y in years]
    for _ in range(count):
        agency = rnd.choices(agencies, weights)[0]
        topic, subject, item, kind = rnd.choice(TOPICS)
        template, form_kind = rnd.choice(FORMS)
        year = rnd.choices(years, year_weights)[0]
        signed = dt.date(year, 1, 1) + dt.timedelta(days=rnd.randint(0, 360))
        if signed >= today:
            signed = today - dt.timedelta(days=rnd.randint(3, 60))
        published = signed + dt.timedelta(days=rnd.randint(1, 12))
        if published > today:
            published = today
        doc_type = form_kind if rnd.random() < 0.7 else kind
        if doc_type == "规章" and agency.kind != "government":
            doc_type = "行政规范性文件"
        title = template.format(t=topic, y=year)
        doc_no = ""
        if rnd.random() < 0.8:
            prefix = rnd.choice(PREFIXES[agency.code])
            serials[(prefix, year)] = serials.get((prefix, year), 0) + 1
            doc_no = f"{prefix}〔{year}〕{serials[(prefix, year)]}号"
        kword = "办法" if "办法" in title else "通知" if doc_type == "通知" else "意见" if doc_type == "意见" else "文件"
        body = "\n\n".join(p.format(t=topic, k=kword) for p in BODY)
        issuers = agency.name
        if rnd.random() < 0.05:
            other = rnd.choice([a for a in agencies if a != agency])
            issuers = f"{agency.name}、{other.name}"
        serial = next_number(agency, "index_no", published.year)
        doc = Document(
            agency=agency, title=title, doc_no=doc_no, doc_no_key=doc_no_key(doc_no) if doc_no else "",
            issuers=issuers, signed_on=signed, formed_on=signed, published_at=_published_at(published, rnd),
            subject=subject, doc_type=doc_type, keywords=topic, status=DocStatus.PUBLISHED,
            summary=f"明确了{topic}的适用范围、主要措施、职责分工和保障措施。",
            body=body, disclosure_attribute="proactive", validity=Validity.IN_FORCE,
            index_no=format_index_no(DEFAULT_TEMPLATE, uscc=agency.uscc or agency.code.upper(), year=published.year,
                                     serial=serial),
        )
        if doc_no:
            prefix, rest = doc_no.split("〔", 1)
            doc.doc_no_prefix, doc.doc_no_year = prefix, int(rest[:4])
            doc.doc_no_serial = int(rest.split("〕", 1)[1].rstrip("号"))
        docs.append(doc)
        plan.append((agency.pk, item))
    Document.objects.bulk_create(docs, batch_size=500)
    docs = list(Document.objects.filter(agency__in=agencies).order_by("id"))
    through = Document.columns.through
    links = [through(document_id=d.pk, cataloguenode_id=columns[key].pk)
             for d, key in zip(docs, plan, strict=True) if key in columns]
    through.objects.bulk_create(links, batch_size=1000)
    PublicationEvent.objects.bulk_create(
        [PublicationEvent(document=d, kind=PublicationEvent.PUBLISHED, note="演示数据", data={"index_no": d.index_no})
         for d in docs], batch_size=1000)
    return docs


def _replace_old(docs: list[Document], rnd) -> int:
    # Old documents replaced by newer ones on the same topic (有效性 banners).
    by_topic: dict[tuple, list[Document]] = {}
    for d in docs:
        by_topic.setdefault((d.agency_id, d.keywords), []).append(d)
    changed = 0
    for group in by_topic.values():
        group.sort(key=lambda d: d.published_at)
        if len(group) >= 3 and rnd.random() < 0.6:
            old, new = group[0], group[-1]
            old.validity = rnd.choice([Validity.REPEALED, Validity.REPEALED, Validity.AMENDED, Validity.EXPIRED])
            old.validity_changed_on = timezone.localtime(new.published_at).date()
            old.replaced_by = new if old.validity != Validity.EXPIRED else None
            old.save(update_fields=["validity", "validity_changed_on", "replaced_by"])
            PublicationEvent.objects.create(document=old, kind=PublicationEvent.VALIDITY_CHANGED, note="演示数据",
                                            data={"old": "in_force", "new": old.validity})
            changed += 1
    return changed


def _interpretations(docs: list[Document], rnd) -> int:
    # Interpretations for normative documents (谁起草、谁解读), some by leaders, in every form.
    forms = [f for f, _ in Interpretation.FORM_CHOICES]
    interpretations = 0
    for d in docs:
        if d.doc_type in ("行政规范性文件", "规章") or (d.doc_type == "意见" and rnd.random() < 0.3):
            if rnd.random() < 0.85:
                form = rnd.choice(forms)
                interp = Interpretation.objects.create(
                    agency=d.agency, title=f"《{d.title.replace('关于印发', '').replace('的通知', '').strip('《》')}》政策解读",
                    form=form, by_leader=rnd.random() < 0.2, published_at=d.published_at,
                    body=(f"一、出台背景。为落实{d.keywords}相关要求，回应群众关切，制定本文件。\n\n"
                          f"二、主要内容。文件明确了{d.keywords}的适用范围、办理条件和程序，细化了部门职责。\n\n"
                          "三、与原政策相比的变化。简化了申报材料，压缩了办理时限，增加了监督和公开要求。\n\n"
                          "四、关键词释义。本文件所称“办理时限”，是指自受理之日起的工作日。"),
                )
                interp.documents.add(d)
                interpretations += 1
            else:
                d.no_interpretation_reason = "内容为程序性调整，不涉及公众权利义务的实质变化"
                d.save(update_fields=["no_interpretation_reason"])
    return interpretations


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
    Consultation.objects.create(
        agency=shi, title="《示例市生活垃圾分类管理办法（征求意见稿）》公开征求意见",
        starts_on=dt.date(2025, 3, 1), ends_on=dt.date(2025, 3, 31), published_at=_published_at(dt.date(2025, 3, 1), rnd),
        body="现将《示例市生活垃圾分类管理办法（征求意见稿）》全文公布，征求社会各界意见。",
        feedback="共收到意见46条，采纳18条。未采纳的主要是超出本办法调整范围或已有其他规定的意见。",
        opinions_received=46, opinions_adopted=18, feedback_published_at=_published_at(dt.date(2025, 4, 20), rnd),
    )
    Consultation.objects.create(
        agency=shi, title="《示例市养老服务条例（草案）》公开征求意见", starts_on=today - dt.timedelta(days=60),
        ends_on=today - dt.timedelta(days=30), published_at=_published_at(today - dt.timedelta(days=60), rnd),
        body="为促进养老服务发展，起草了本条例草案，现公开征求意见。",
    )
