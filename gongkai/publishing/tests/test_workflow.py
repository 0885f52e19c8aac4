"""Publication workflow: transitions, permissions, 索引号 uniqueness and immutability, validity
changes, back-dating, the normative-document interpretation rule, and the import CLI."""

import datetime as dt
import io
import json
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from gongkai.agencies.models import Membership
from gongkai.core.errors import AppendOnlyError
from gongkai.law import today as law_today
from gongkai.publishing import access, services
from gongkai.publishing.models import DocStatus, Document, Interpretation, PublicationEvent
from gongkai.publishing.services import PublishingError


@pytest.fixture
def people(tree, make_user):
    E, R, S = Membership.EDITOR, Membership.REVIEWER, Membership.SECRECY
    tree["a"].uscc = "11441700007280420Y"
    tree["a"].save()
    return {
        "editor": make_user("editorA", tree["a"], E),
        "reviewer": make_user("reviewerA", tree["a"], R),
        "secrecy": make_user("secrecyA", tree["a"], S),
        "editor_b": make_user("editorB", tree["b"], E, R, S),
    }


def draft(tree, people, **over):
    data = {"title": "关于进一步优化营商环境的若干措施", "doc_no": "测甲发[2025]9号", "issuers": "测试市甲局",
            "signed_on": dt.date(2025, 6, 23), "doc_type": "通知", "body": "为进一步优化营商环境……",
            "subject": "综合政务\\政务公开", "disclosure_attribute": "proactive"}
    data.update(over)
    return services.save_draft(tree["a"], people["editor"], data)


def approve(doc, people):
    services.submit(doc, people["editor"])
    services.section_approve(doc, people["reviewer"], "同意")
    return services.secrecy_approve(doc, people["secrecy"], "不涉密")


def test_full_workflow_assigns_index_no_once(tree, people):
    doc = draft(tree, people)
    assert doc.doc_no == "测甲发〔2025〕9号" and doc.doc_no_year == 2025 and doc.doc_no_serial == 9
    assert not access.public_documents().filter(pk=doc.pk).exists()
    approve(doc, people)
    doc = services.publish(Document.objects.get(pk=doc.pk), people["reviewer"])
    year = law_today.today().year
    assert doc.status == DocStatus.PUBLISHED and doc.index_no == f"11441700007280420Y/{year}-00001"
    assert access.public_documents().filter(pk=doc.pk).exists()
    kinds = list(doc.events.values_list("kind", flat=True))
    assert kinds == ["created", "submitted", "section_approved", "secrecy_approved", "published"]
    secrecy = doc.events.get(kind="secrecy_approved")
    assert secrecy.actor == people["secrecy"] and secrecy.at is not None
    # Immutable: withdrawing and re-publishing keeps the number.
    services.withdraw(doc, people["reviewer"], "内容有误")
    assert not access.public_documents().filter(pk=doc.pk).exists()
    assert Document.objects.get(pk=doc.pk).index_no == doc.index_no


@pytest.mark.parametrize("step, who", [("section_approve", "editor"), ("secrecy_approve", "reviewer"),
                                       ("secrecy_approve", "editor")])
def test_review_steps_need_their_roles(tree, people, step, who):
    doc = draft(tree, people)
    services.submit(doc, people["editor"])
    if step == "secrecy_approve":
        services.section_approve(doc, people["reviewer"])
    with pytest.raises(PublishingError, match="无权"):
        getattr(services, step)(doc, people[who])


def test_cannot_publish_before_review(tree, people):
    doc = draft(tree, people)
    with pytest.raises(PublishingError, match="先审查、后公开"):
        services.publish(doc, people["reviewer"])
    services.submit(doc, people["editor"])
    with pytest.raises(PublishingError, match="先审查、后公开"):
        services.publish(doc, people["reviewer"])


def test_editor_of_a_cannot_act_for_b(tree, people):
    with pytest.raises(PublishingError, match="无权"):
        services.save_draft(tree["a"], people["editor_b"], {"title": "越权"})
    doc = draft(tree, people)
    for call in (lambda: services.submit(doc, people["editor_b"]),
                 lambda: services.change_validity(doc, people["editor_b"], "repealed", on=dt.date(2025, 7, 1))):
        with pytest.raises(PublishingError, match="无权"):
            call()
    approve(doc, people)
    with pytest.raises(PublishingError, match="无权"):
        services.publish(doc, people["editor_b"])
    assert set(access.staff_documents(people["editor_b"])) == set()


def test_normative_document_needs_interpretation_or_reason(tree, people):
    doc = approve(draft(tree, people, doc_type="行政规范性文件"), people)
    with pytest.raises(PublishingError, match="政策解读"):
        services.publish(doc, people["reviewer"])
    interp = Interpretation.objects.create(agency=tree["a"], title="图解", form="图解", body="背景与主要措施")
    interp.documents.add(doc)
    services.publish(doc, people["reviewer"])
    interp.refresh_from_db()
    assert interp.published_at is not None  # 同步发布


def test_scheduled_and_backdated_publication(tree, people):
    doc = approve(draft(tree, people), people)
    later = law_today.now() + dt.timedelta(days=2)
    doc = services.publish(doc, people["reviewer"], at=later)
    assert doc.status == DocStatus.SCHEDULED and doc.index_no is None
    assert not access.public_documents().filter(pk=doc.pk).exists()
    assert services.publish_scheduled(now=later + dt.timedelta(minutes=1)) == 1
    doc = Document.objects.get(pk=doc.pk)
    assert doc.status == DocStatus.PUBLISHED and doc.index_no

    other = approve(draft(tree, people, title="另一份文件", doc_no=""), people)
    earlier = law_today.now() - dt.timedelta(days=10)
    with pytest.raises(PublishingError, match="补录理由"):
        services.publish(other, people["reviewer"], at=earlier)
    services.publish(other, people["reviewer"], at=earlier, backdate_reason="网站迁移时漏发，按原纸质公开日期补录")
    assert other.events.filter(kind=PublicationEvent.BACKDATED).count() == 1


def test_validity_change_links_replacement(tree, people):
    old = services.publish(approve(draft(tree, people), people), people["reviewer"])
    new = services.publish(approve(draft(tree, people, title="新措施", doc_no="测甲发〔2026〕1号"), people),
                           people["reviewer"])
    services.change_validity(old, people["editor"], "repealed", on=dt.date(2026, 1, 5), replaced_by=new,
                             note="被新措施废止")
    old.refresh_from_db()
    assert old.validity == "repealed" and old.replaced_by == new
    assert access.public_documents().filter(pk=old.pk).exists()  # repealed stays public
    ev = old.events.get(kind="validity_changed")
    assert ev.data == {"old": "in_force", "new": "repealed", "replaced_by": new.pk}


def test_audit_trail_is_append_only(tree, people):
    doc = draft(tree, people)
    ev = doc.events.first()
    ev.note = "篡改"
    with pytest.raises(AppendOnlyError):
        ev.save()
    with pytest.raises(AppendOnlyError):
        ev.delete()
    with pytest.raises(AppendOnlyError):
        doc.events.update(note="篡改")


def test_bad_doc_no_and_summary_rejected(tree, people):
    with pytest.raises(PublishingError, match="发文字号无法识别"):
        draft(tree, people, doc_no="随便写的")
    with pytest.raises(PublishingError, match="重复标题"):
        draft(tree, people, summary="关于进一步优化营商环境的若干措施")
    assert Document.objects.count() == 0


def test_masking_personal_data_in_draft(tree, people):
    doc = draft(tree, people, body="联系人张三，手机13812341234，身份证11010519491231002X。")
    services.mask_personal_data(doc, people["editor"])
    doc.refresh_from_db()
    assert "13812341234" not in doc.body and "138****1234" in doc.body
    assert "11010519491231002X" not in doc.body
    assert doc.events.filter(kind="masked").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="真实并发需要 PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_index_no_unique_under_concurrent_publication(tree, people):
    docs = [approve(draft(tree, people, title=f"并发文件{i}", doc_no=""), people) for i in range(6)]
    barrier = threading.Barrier(len(docs))
    errors = []

    def run(doc):
        try:
            barrier.wait()
            services.publish(doc, people["reviewer"])
        except Exception as e:  # noqa: BLE001 — collected and asserted below
            errors.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = list(Document.objects.values_list("index_no", flat=True))
    assert len(set(numbers)) == 6 and all(numbers)


def test_index_no_sequential_per_year_on_any_database(tree, people):
    numbers = []
    for i in range(3):
        doc = services.publish(approve(draft(tree, people, title=f"文件{i}", doc_no=""), people), people["reviewer"])
        numbers.append(doc.index_no[-5:])
    assert numbers == ["00001", "00002", "00003"]


def test_import_documents_cli(tree, tmp_path, capsys):
    lines = [
        {"title": "关于印发户籍制度改革实施意见的通知", "doc_no": "测政发（2021）3号", "issuing_agency": "测试市甲局",
         "written_date": "2021-03-01", "published_date": "2021-03-05", "validity": "有效", "body": "户籍……",
         "category": "公安、安全、司法\\公安", "doc_type": "行政规范性文件", "keywords": "户籍"},
        "not json",
        {"title": "缺日期", "doc_no": "", "issuing_agency": "测试市甲局", "validity": "有效", "body": "x"},
        {"title": "有效性错", "doc_no": "", "issuing_agency": "测试市甲局", "published_date": "2021-03-05",
         "validity": "作废", "body": "x"},
        {"title": "已废止的旧办法", "doc_no": "测政发〔2015〕7号", "issuing_agency": "测试市甲局",
         "written_date": "2015-01-01", "published_date": "2015-01-05", "validity": "已废止", "body": "旧"},
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
                              for line in lines), encoding="utf-8")
    err = io.StringIO()
    call_command("import_documents", str(path), "--agency", "deptA", "--skip-bad", stderr=err,
                 stdout=io.StringIO())
    messages = err.getvalue()
    assert "第2行" in messages and "第3行" in messages and "第4行" in messages and "第1行" not in messages
    docs = Document.objects.order_by("published_at")
    assert docs.count() == 2
    assert docs[1].doc_no == "测政发〔2021〕3号" and docs[1].status == "published"
    assert docs[1].published_at.date() == dt.date(2021, 3, 5) and docs[1].index_no.endswith("/2021-00001")
    assert docs[0].validity == "repealed" and docs[0].index_no.endswith("/2015-00001")
