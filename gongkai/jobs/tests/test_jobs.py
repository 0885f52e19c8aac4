"""Jobs moved out of the request: one effect however often they run; failures visible to
administrators; e-mail sent once."""

import datetime as dt
import smtplib

import pytest
from django.core import mail
from huey import signals as S
from huey.contrib.djhuey import HUEY

from gongkai.applications.models import Application, EventKind
from gongkai.jobs import tasks
from gongkai.jobs.models import JobFailure, SentMail

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_queue():
    HUEY.storage.flush_all()  # retries scheduled by an earlier test (immediate mode keeps them in memory)
    yield
    HUEY.storage.flush_all()


@pytest.fixture
def executed():
    """Names of the tasks the queue executes during the test."""
    names = []

    def receiver(signal, task, *args):
        names.append(type(task).__name__)

    HUEY.signal(S.SIGNAL_EXECUTING)(receiver)
    yield names
    HUEY.disconnect_signal(receiver, S.SIGNAL_EXECUTING)


def test_an_email_is_sent_once_per_key(executed):
    for _ in range(2):  # a retry, or the same event queued twice
        tasks.deliver_mail("application-submitted:1", "主题", "正文", ["wang@example.com"])
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["wang@example.com"]
    assert executed == ["deliver_mail", "deliver_mail"]
    row = SentMail.objects.get()
    assert row.status == SentMail.SENT and row.attempts == 1 and row.recipients == 1


def test_a_failing_job_is_retried_recorded_without_personal_data_and_recovers(monkeypatch, client, django_user_model):
    import django.core.mail

    def refuse(*args, **kwargs):
        raise smtplib.SMTPException("451 try later: wang@example.com 13812341234")

    monkeypatch.setattr(django.core.mail, "send_mail", refuse)
    tasks.deliver_mail("application-submitted:7", "查询号", "王小明：您的查询号……", ["wang@example.com"])
    failure = JobFailure.objects.get()
    assert failure.task_name == "gongkai.jobs.tasks.deliver_mail" and failure.task_label == "发送邮件"
    assert failure.status == JobFailure.RETRYING and failure.attempts == 1
    assert failure.arguments == "key=application-submitted:7，收件人1个"
    assert "SMTPException" in failure.error
    assert "wang@example.com" not in failure.error and "13812341234" not in failure.error
    assert SentMail.objects.get().status == SentMail.PENDING  # free for the retry
    assert mail.outbox == []
    (retry,) = HUEY.scheduled()  # retried after its delay (1 minute, then 2, 4 …)
    assert retry.id == failure.task_id and retry.eta is not None

    # Administrators see it: the admin home counts it, the list shows it read-only.
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw-123456")
    client.force_login(root)
    home = client.get("/admin/").content.decode()
    assert "0 个失败（重试已用尽），1 个等待重试" in home
    listing = client.get("/admin/jobs/jobfailure/").content.decode()
    assert "发送邮件" in listing and "wang@example.com" not in listing
    assert client.get(f"/admin/jobs/jobfailure/{failure.pk}/delete/").status_code == 403

    monkeypatch.undo()  # the mail server is back: the retry sends, once
    HUEY.execute(retry, timestamp=retry.eta + dt.timedelta(seconds=1))
    assert len(mail.outbox) == 1
    assert JobFailure.objects.get().status == JobFailure.RECOVERED
    assert SentMail.objects.get().status == SentMail.SENT


def test_a_job_that_runs_out_of_retries_is_marked_failed(monkeypatch):
    from gongkai.search import index

    def broken(pk):
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(index, "update_document", broken)
    from gongkai.search.tasks import index_document

    task = index_document.s(42)
    task.retries = 0  # the last attempt
    HUEY.execute(task)
    failure = JobFailure.objects.get()
    assert failure.status == JobFailure.FAILED and failure.attempts == 5 and failure.arguments == "42"


def test_the_calendar_change_recompute_is_a_job_with_one_entry_per_moved_case(
        received_app, executed, django_capture_on_commit_callbacks):
    """domain.md 3.3 g, example: the make-up Saturday 2025-10-11 forgotten, then restored."""
    from gongkai.applications.tasks import recompute_deadlines
    from gongkai.holidays.models import CalendarDay

    moved = received_app(D("2025-09-22"))   # due 2025-10-24, counts the make-up day
    still = received_app(D("2025-03-03"))   # due 2025-03-31, not touched by October
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=D("2025-10-11"), kind=CalendarDay.HOLIDAY, note="模拟漏录调休")
        CalendarDay.objects.create(date=D("2025-10-12"), kind=CalendarDay.HOLIDAY, note="同一事务")
    assert executed == ["recompute_deadlines"]  # once per transaction, in the queue, not the request
    assert Application.objects.get(pk=moved.pk).due_on == D("2025-10-27")
    entries = lambda app: list(app.events.filter(kind=EventKind.DUE_RECOMPUTED).values_list("note", flat=True))  # noqa: E731
    assert entries(moved) == ["节假日安排数据变更"] and entries(still) == []
    recompute_deadlines.call_local("节假日安排数据变更")  # again: computed from the data, nothing moves
    assert entries(moved) == ["节假日安排数据变更"]


# Each on-demand job: its home (the app's tasks.py, found as djhuey's run_huey finds them), retries,
# priority and label. Moving a job must keep all of it (issue 13).
ON_DEMAND = {
    "gongkai.jobs.tasks.deliver_mail": (6, tasks.MAIL, "发送邮件"),
    "gongkai.applications.tasks.recompute_deadlines": (3, tasks.RECOMPUTE, "节假日安排变更后重算期限"),
    "gongkai.search.tasks.index_document": (4, tasks.INDEX, "更新检索索引"),
    "gongkai.search.tasks.extract_attachment_text": (2, tasks.EXTRACT, "提取附件文本"),
    "gongkai.screening.tasks.screen_attachment": (2, tasks.EXTRACT, "附件保密检查"),
    "gongkai.search.tasks.refresh_library_facets": (0, tasks.INDEX, "统计文件库分类数量"),
    "gongkai.auditor.tasks.audit_published_reports": (0, tasks.AUDIT, "审查已发布年报"),
    "gongkai.auditor.tasks.ocr_audit": (0, tasks.AUDIT, "扫描件文字识别"),
    "gongkai.websites.tasks.crawl_websites": (0, tasks.AUDIT, "抓取网站年报"),
    "gongkai.letters.tasks.freeze_letter_pdf": (3, tasks.INDEX, "生成文书PDF"),
    "gongkai.remedies.tasks.build_defence_bundle": (0, tasks.INDEX, "生成应诉材料"),
    "gongkai.notifications.tasks.deliver_sms": (5, tasks.MAIL, "发送短信通知"),
}


def test_every_on_demand_job_is_registered_in_every_process_with_its_retries_priority_and_label():
    from gongkai.jobs.labels import task_label

    registered = HUEY._registry._registry  # filled at start-up (JobsConfig.ready), before any enqueue
    for name, (retries, priority, label) in ON_DEMAND.items():
        task_class = registered[name]
        assert (task_class.default_retries, task_class.default_priority) == (retries, priority), name
        assert task_label(name) == label
    assert not [name for name in registered if name.startswith("gongkai.jobs.tasks.") and name not in ON_DEMAND]


def test_a_failure_recorded_under_a_jobs_old_name_keeps_its_label():
    failure = JobFailure(task_id="old", task_name="gongkai.jobs.tasks.index_document", error="e")
    assert failure.task_label == "更新检索索引"


def test_report_reminders_send_each_email_once_a_day(tree, staff, pin_today, django_capture_on_commit_callbacks):
    from gongkai.jobs import schedule

    staff["a_handler"].email = "a@example.com"
    staff["a_handler"].save()
    pin_today(D("2026-01-01"))  # reminders start on 1 January
    with django_capture_on_commit_callbacks(execute=True):
        schedule.report_reminders_daily.call_local()
        schedule.report_reminders_daily.call_local()
    to_a = [m for m in mail.outbox if "a@example.com" in m.to]
    assert len(to_a) == 1 and "测试市甲局2025年度" in to_a[0].subject


def test_a_document_published_while_the_worker_was_down_ends_up_indexed(tree):
    """The indexing job was lost (a process killed after the commit): the daily repair indexes it,
    drops what is no longer public, and finds nothing to do the second time."""
    from gongkai.jobs import schedule
    from gongkai.law import today as law_today
    from gongkai.publishing.models import DocStatus, Document
    from gongkai.search import index

    lost = Document.objects.create(agency=tree["a"], title="关于城市更新行动的实施意见", body="推进老旧小区改造",
                                   status=DocStatus.PUBLISHED, published_at=law_today.now())
    gone = Document.objects.create(agency=tree["a"], title="已撤回的通知", body="老旧小区", status=DocStatus.PUBLISHED,
                                   published_at=law_today.now())
    index.update_document(gone.pk)
    Document.objects.filter(pk=gone.pk).update(status=DocStatus.WITHDRAWN)  # its job lost as well
    assert index.search("城市更新").total == 0
    assert schedule.search_repair_daily.call_local() == {"extracted": 0, "missing": 1, "stale": 0, "stray": 1}
    assert [h.document.pk for h in index.search("城市更新").hits] == [lost.pk]
    assert schedule.search_repair_daily.call_local() == {"extracted": 0, "missing": 0, "stale": 0, "stray": 0}


def test_an_attachment_whose_extraction_was_lost_is_extracted_by_the_repair(tree, make_user):
    import io

    from docx import Document as Docx

    from gongkai.agencies.models import Membership
    from gongkai.jobs import schedule
    from gongkai.publishing import services

    user = make_user("ed", tree["a"], Membership.EDITOR)
    doc = services.save_draft(tree["a"], user, {"title": "收费目录", "body": "见附件"})
    buf = io.BytesIO()
    d = Docx()
    d.add_paragraph("行政事业性收费目录清单")
    d.save(buf)
    att = services.add_attachment(doc, user, name="清单.docx", content=buf.getvalue())  # on_commit never ran
    att.refresh_from_db()
    assert att.text_pending and att.text == ""
    assert schedule.search_repair_daily.call_local()["extracted"] == 1
    att.refresh_from_db()
    assert not att.text_pending and "收费目录清单" in att.text
    assert services.extract_attachment_text(att.pk) is False  # already done: nothing to do


def test_an_attachment_whose_file_is_gone_does_not_stop_the_repair(tree, make_user):
    from gongkai.agencies.models import Membership
    from gongkai.jobs import schedule
    from gongkai.publishing import services
    from gongkai.publishing.models import DocumentAttachment

    user = make_user("ed", tree["a"], Membership.EDITOR)
    doc = services.save_draft(tree["a"], user, {"title": "收费目录", "body": "见附件"})
    att = services.add_attachment(doc, user, name="清单.pdf", content=b"%PDF-1.4 broken")
    att.file.storage.delete(att.file.name)
    assert schedule.search_repair_daily.call_local()["extracted"] == 1
    att = DocumentAttachment.objects.get(pk=att.pk)
    assert not att.text_pending and att.text == ""  # nothing to extract, and not tried every night
