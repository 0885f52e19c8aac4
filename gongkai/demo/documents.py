"""The bulk of the demo publications: each organ's documents on its own topics, with distinct titles
and bodies (doc_text.py), 文号 numbered per organ in date order, effective and expiry dates, and
their Art. 20 and Art. 21 columns. Nothing is dated after yesterday (see :func:`plan_day`)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.agencies.models import Agency, next_number
from gongkai.law.docnumber import doc_no_key, parse_doc_no
from gongkai.law.index_no import DEFAULT_TEMPLATE, format_index_no
from gongkai.publishing.models import CatalogueNode, DocStatus, Document, PublicationEvent, Validity

from .doc_text import OTHER_KINDS, SPECIAL, Writer
from .doc_topics import TOPICS

# 机关代字 per organ: (规范性文件, 其他发文, 函/批复)
PREFIXES = {"shi": ("示政规", ("示政发", "示政办发"), "示政函"),
            "zrzy": ("示自然资规", ("示自然资发",), "示自然资函"),
            "zjj": ("示住建规", ("示住建发",), "示住建函"),
            "sthj": ("示环规", ("示环发",), "示环函"),
            "scjg": ("示市监规", ("示市监发",), "示市监函"),
            "xian": ("示县政规", ("示县政发", "示县政办发"), "示县政函")}


def _topics_of(agency: Agency) -> list:
    if agency.kind == Agency.GOVERNMENT:
        return list(TOPICS)
    return [t for t in TOPICS if agency.code in t.owners]


def _kind(rnd, topic, agency) -> str:
    if topic.name in SPECIAL:
        return topic.kind
    kind = topic.kind if rnd.random() < 0.6 else rnd.choice(OTHER_KINDS)
    if kind == "行政规范性文件" and agency.code == "shi" and rnd.random() < 0.15:
        return "规章"  # only the city government makes 规章 (a 设区的市)
    return kind


def plan_day(rnd, years, year_weights, today: dt.date) -> dt.date:
    """A signing day in a weighted year, at least a day before today (publication follows it)."""
    year = rnd.choices(years, year_weights)[0]
    signed = dt.date(year, 1, 1) + dt.timedelta(days=rnd.randint(0, 360))
    latest = today - dt.timedelta(days=2)
    if signed > latest:
        signed = latest - dt.timedelta(days=rnd.randint(0, 60))
    return signed


def _doc_no(agency: Agency, kind: str, year: int, rnd, serials: dict) -> str:
    if kind == "规章":
        serials["令"] = serials.get("令", 0) + 1
        return f"示例市人民政府令第{serials['令']}号"
    normative, others, letters = PREFIXES[agency.code]
    prefix = normative if kind == "行政规范性文件" else letters if kind == "批复" else rnd.choice(others)
    serials[(prefix, year)] = serials.get((prefix, year), 0) + 1
    return f"{prefix}〔{year}〕{serials[(prefix, year)]}号"


def _plan(rnd, agencies, today: dt.date, count: int) -> tuple[list[dict], Writer]:
    """What to write: organ, topic, kind, title, signing day (unique titles; sorted by day)."""
    writer = Writer(rnd)
    weights = [4 if a.code == "shi" else 2 for a in agencies]
    topics = {a.pk: _topics_of(a) for a in agencies}
    years = range(2019, today.year + 1)
    year_weights = [1 if y <= 2021 else 2 if y <= 2023 else 3 for y in years]
    plan = []
    while len(plan) < count:
        agency = rnd.choices(agencies, weights)[0]
        topic = rnd.choice(topics[agency.pk])
        kind = _kind(rnd, topic, agency)
        signed = plan_day(rnd, years, year_weights, today)
        title = writer.title(topic, kind, agency, signed.year)
        if title is None:
            continue
        plan.append({"agency": agency, "topic": topic, "kind": kind, "title": title, "signed": signed})
    plan.sort(key=lambda p: (p["signed"], p["title"]))
    return plan, writer


def build_documents(rnd, today: dt.date, count: int) -> tuple[list[Document], dict]:
    """Create the documents (bulk), their columns and publication events; returns the documents
    and, per document id, what the interpretations need (measures, regulation name, years)."""
    agencies = list(Agency.objects.filter(code__in=PREFIXES).order_by("path"))
    plan, writer = _plan(rnd, agencies, today, count)
    serials: dict = {}
    docs, texts = [], []
    for p in plan:
        agency, topic, kind, signed = p["agency"], p["topic"], p["kind"], p["signed"]
        issuers = agency.name
        if rnd.random() < 0.05 and agency.kind != Agency.GOVERNMENT:
            other = rnd.choice([a for a in agencies if a != agency and a.kind != Agency.GOVERNMENT])
            issuers = f"{agency.name}、{other.name}"
        text = writer.body(topic, kind, agency, p["title"], signed, issuers)
        published = min(signed + dt.timedelta(days=rnd.randint(1, 12)), today - dt.timedelta(days=1))
        numbered = kind != "公报" and rnd.random() < 0.9
        doc_no = _doc_no(agency, kind, signed.year, rnd, serials) if numbered else ""
        parsed = parse_doc_no(doc_no) if doc_no else None
        doc = Document(
            agency=agency, title=p["title"], doc_no=doc_no, doc_no_key=doc_no_key(doc_no) if doc_no else "",
            doc_no_prefix=parsed.prefix if parsed else "", doc_no_year=(parsed.year or None) if parsed else None,
            doc_no_serial=parsed.serial if parsed else None,
            issuers=issuers, signed_on=signed, formed_on=signed, published_at=_at(published, rnd),
            subject=topic.subject, doc_type=kind, keywords=topic.name, status=DocStatus.PUBLISHED,
            summary=text.summary, body=text.body, disclosure_attribute="proactive", validity=Validity.IN_FORCE,
            index_no=format_index_no(DEFAULT_TEMPLATE, uscc=agency.uscc or agency.code.upper(),
                                     year=published.year, serial=next_number(agency, "index_no", published.year)),
        )
        if kind in ("规章", "行政规范性文件"):
            doc.effective_on = min(signed + dt.timedelta(days=rnd.choice((0, 15, 30))), published)
            if text.valid_years:
                doc.expires_on = _years_after(doc.effective_on, text.valid_years)
                if doc.expires_on <= today:  # 有效期届满: 已失效
                    doc.validity, doc.validity_changed_on = Validity.EXPIRED, doc.expires_on
        docs.append(doc)
        texts.append(text)
    Document.objects.bulk_create(docs, batch_size=500)
    docs = list(Document.objects.filter(agency__in=agencies).order_by("id"))
    _file(docs, plan, agencies)
    PublicationEvent.objects.bulk_create(
        [PublicationEvent(document=d, kind=PublicationEvent.PUBLISHED, note="演示数据", data={"index_no": d.index_no})
         for d in docs], batch_size=1000)
    return docs, {d.pk: t for d, t in zip(docs, texts, strict=True)}


def _file(docs: list[Document], plan: list[dict], agencies) -> None:
    """Each document in its Art. 20 item's column, and in its Art. 21 column where the topic has one."""
    columns = {}
    for node in CatalogueNode.objects.filter(agency__in=agencies, section=CatalogueNode.STATUTORY):
        if node.item_code == "第二十一条":
            columns[(node.agency_id, node.title)] = node
        elif node.item_code:
            columns[(node.agency_id, node.item_code.replace("第二十条", ""))] = node
    through = Document.columns.through
    links = []
    for d, p in zip(docs, plan, strict=True):
        for key in ((d.agency_id, p["topic"].item), (d.agency_id, p["topic"].art21)):
            if key in columns:
                links.append(through(document_id=d.pk, cataloguenode_id=columns[key].pk))
    through.objects.bulk_create(links, batch_size=1000)


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _at(day: dt.date, rnd) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rnd.randint(8, 17), rnd.choice((0, 15, 30, 45)))))
