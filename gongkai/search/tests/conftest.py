"""Fixtures: the labelled corpus of ``corpus.py`` created with the ORM and indexed."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gongkai.agencies.models import Agency
from gongkai.law.docnumber import doc_no_key
from gongkai.publishing.models import Document, DocumentAttachment
from gongkai.search import index

from .corpus import AGENCIES, DEFAULTS, DOCS

TZ = ZoneInfo("Asia/Shanghai")


def aware(value):
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(10, 0))
    return value.replace(tzinfo=TZ)


def make_document(agencies, **spec):
    data = {**DEFAULTS, **spec}
    doc = Document.objects.create(
        agency=agencies[data["agency"]], title=data["title"], doc_no=data["doc_no"],
        doc_no_key=doc_no_key(data["doc_no"]) if data["doc_no"] else "", issuers=data["issuers"],
        subject=data["subject"], doc_type=data["doc_type"], validity=data["validity"], keywords=data["keywords"],
        summary=data["summary"], body=data["body"], status=data["status"],
        disclosure_attribute=data["disclosure_attribute"], published_at=aware(data["published"]),
        signed_on=data["signed"], index_no=f"TEST/{data['key']}" if data["status"] == "published" else None,
    )
    if data["attachment"]:
        DocumentAttachment.objects.create(document=doc, file=f"documents/{doc.pk}/fj.pdf", original_name="附件.pdf",
                                          content_type="application/pdf", size=1, text=data["attachment"])
    return doc


@pytest.fixture
def agencies(db):
    gov = Agency.objects.create(code="gov", name=AGENCIES["gov"], kind=Agency.GOVERNMENT)
    out = {"gov": gov}
    for code, name in AGENCIES.items():
        if code != "gov":
            out[code] = Agency.objects.create(code=code, name=name, parent=gov)
    return out


@pytest.fixture
def corpus(agencies):
    docs = {spec["key"]: make_document(agencies, **spec) for spec in DOCS}
    index.rebuild()
    return docs
