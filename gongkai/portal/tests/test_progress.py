"""The applicant's progress page (portal/progress.py; issue 15 item 2): lookup and prefill, the step
indicator, letters, the correction sent online, and the failure-only rate limits."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import applicant_data
from gongkai.applications import services
from gongkai.applications.models import AccessLog, Application, Attachment, EventKind, Status
from gongkai.portal import progress

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
RECEIVED = dt.date(2025, 3, 3)
TODAY = dt.date(2025, 3, 6)


@pytest.fixture
def case(received_app, pin_today):
    pin_today(TODAY)
    return received_app(RECEIVED, info_title="某小区房屋征收补偿方案")


@pytest.fixture
def awaiting(case, staff):
    """A case whose organ asked for a correction, served on the day it was sent."""
    services.request_correction(case, staff["a_handler"], dt.date(2025, 3, 5), items="1. 请写明房屋所在小区名称",
                                served_on=dt.date(2025, 3, 5))
    return Application.objects.get(pk=case.pk)


def look_up(client, app, name="王小明", **extra):
    return client.post(reverse("query"), {"applicant_kind": "natural_person", "name": name,
                                          "tracking_code": app.tracking_code}, **extra)


def correct(client, app, text="小区名称为幸福里小区", files=()):
    data = {"text": text}
    if files:
        data["files"] = list(files)
    return client.post(reverse("query-correction", args=[app.tracking_code]), data)


# -- lookup, prefill, the session ------------------------------------------------------------


def test_lookup_shows_what_was_requested_and_remembers_the_case(client, case):
    page = look_up(client, case).content.decode()
    assert "申请公开2024年某小区房屋征收补偿方案" in page and "测试市甲局" in page
    assert case.pk in client.session[progress.SESSION_KEY]
    again = client.get(reverse("query-case", args=[case.tracking_code]))
    assert again.status_code == 200 and "申请公开2024年某小区房屋征收补偿方案" in again.content.decode()
    assert "no-store" in again["Cache-Control"]


def test_a_failed_lookup_reveals_nothing(client, case):
    for resp in (look_up(client, case, name="别人"),
                 client.post(reverse("query"), {"applicant_kind": "natural_person", "name": "王小明",
                                                "tracking_code": "ABCDEFGHJK23"})):
        body = resp.content.decode()
        assert resp.status_code == 200 and progress.QUERY_FAILED in body
        assert "测试市甲局" not in body and "房屋征收" not in body
    assert not client.session.get(progress.SESSION_KEY)


def test_code_in_the_link_prefills_the_form(client, case):
    page = client.get(reverse("query") + "?code=abcd-efgh-jk23").content.decode()
    assert 'value="ABCDEFGHJK23"' in page and "房屋征收" not in page


def test_link_of_a_case_already_proved_goes_to_its_page(client, case):
    look_up(client, case)
    resp = client.get(reverse("query") + f"?code={case.tracking_code.lower()}")
    assert resp.status_code == 302 and resp["Location"] == reverse("query-case", args=[case.tracking_code])


def test_the_lookup_page_links_back_to_the_cases_of_this_session_only(client, case, received_app):
    other = received_app(RECEIVED, name="李四")
    assert reverse("query-case", args=[case.tracking_code]) not in client.get(reverse("query")).content.decode()
    look_up(client, case)
    page = client.get(reverse("query")).content.decode()
    assert reverse("query-case", args=[case.tracking_code]) in page
    assert other.tracking_code not in page


def test_a_session_that_did_not_look_up_sees_nothing_and_corrects_nothing(client, awaiting):
    resp = client.get(reverse("query-case", args=[awaiting.tracking_code]))
    assert resp.status_code == 302 and resp["Location"] == f"{reverse('query')}?code={awaiting.tracking_code}"
    missing = client.get(reverse("query-case", args=["ABCDEFGHJK23"]))  # same answer for a code that does not exist
    assert missing.status_code == 302 and missing["Location"] == f"{reverse('query')}?code=ABCDEFGHJK23"
    resp = correct(client, awaiting, files=[SimpleUploadedFile("a.png", PNG, content_type="image/png")])
    assert resp.status_code == 302
    assert not awaiting.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists()
    assert Application.objects.get(pk=awaiting.pk).status == Status.AWAITING_CORRECTION
    assert not Attachment.objects.filter(application=awaiting).exists()


def test_another_case_is_not_opened_by_a_session_that_proved_one(client, case, received_app):
    other = received_app(RECEIVED, name="李四")
    look_up(client, case)
    assert client.get(reverse("query-case", args=[other.tracking_code])).status_code == 302


# -- what the page shows ------------------------------------------------------------------------


def _states(app):
    return [(s["label"], s["state"], s["word"]) for s in progress.step_indicator(app)]


def test_step_indicator_states():
    day = dt.date(2025, 3, 3)
    pending = Application(status=Status.PENDING, submitted_on=day)
    assert _states(pending) == [("提交", "done", "已完成"), ("收到", "current", "进行中"),
                                ("办理", "todo", "未开始"), ("答复", "todo", "未开始")]
    waiting = Application(status=Status.AWAITING_CORRECTION, submitted_on=day, received_on=day)
    assert [s for _, s, _ in _states(waiting)] == ["done", "done", "current", "todo"]
    assert progress.step_indicator(waiting)[2]["note"] == "等待申请人补正"
    answered = Application(status=Status.ANSWERED, submitted_on=day, received_on=day, concluded_on=day)
    assert [s for _, s, _ in _states(answered)] == ["done"] * 4
    withdrawn = Application(status=Status.WITHDRAWN, submitted_on=day)  # before receipt
    steps = progress.step_indicator(withdrawn)
    assert [s["state"] for s in steps] == ["done", "skipped", "skipped", "current"]
    assert steps[3]["word"] == "已结束" and steps[3]["note"] == "申请已撤回，办理结束"


def test_page_marks_the_current_step_in_words(client, case):
    page = look_up(client, case).content.decode()
    current = re.findall(r'<li class="step-current" aria-current="step">(.*?)</li>', page, re.S)
    assert len(current) == 1 and "办理" in current[0] and "进行中" in current[0]
    assert page.count('aria-current="step"') == 1


def test_only_public_letters_are_listed_with_their_downloads(client, case, staff):
    services.consult(case, staff["a_handler"], dt.date(2025, 3, 5), party="某公司", kind="third_party",
                     matters="是否同意公开", served_on=dt.date(2025, 3, 5))
    page = look_up(client, case).content.decode()
    third = case.letters.get(kind="third_party_consultation")
    notice = case.letters.get(kind="consultation_notice")
    assert third.title not in page and reverse("public-letter", args=[third.pk]) not in page
    for name in ("public-letter", "public-letter-pdf", "public-letter-docx"):
        assert reverse(name, args=[notice.pk]) in page
    assert "暂停计时" in page


def test_pending_correction_says_what_and_by_when(client, awaiting):
    page = look_up(client, awaiting).content.decode()
    assert "请写明房屋所在小区名称" in page and "需要您补正" in page
    due = services.compute_clock(awaiting).correction_due
    assert due.isoformat() in page
    assert f'action="{reverse("query-correction", args=[awaiting.tracking_code])}"' in page
    assert 'enctype="multipart/form-data"' in page


def test_period_in_words_while_the_notice_is_not_served(client, case, staff):
    services.request_correction(case, staff["a_handler"], dt.date(2025, 3, 5), items="请写明小区名称",
                                period_days=12)
    page = look_up(client, case).content.decode()
    assert "自收到补正通知之日起12个工作日内" in page


# -- the correction sent online ----------------------------------------------------------------


def test_correction_online_is_recorded_with_its_date_and_files(client, awaiting, staff):
    look_up(client, awaiting)
    resp = correct(client, awaiting, files=[SimpleUploadedFile("证明.png", PNG, content_type="image/png"),
                                            SimpleUploadedFile("说明.pdf", b"%PDF-1.4 x", content_type="application/pdf")])
    assert resp.status_code == 302 and resp["Location"] == reverse("query-case", args=[awaiting.tracking_code])
    assert "补正材料已提交，收到日期为2025-03-06" in client.get(resp["Location"]).content.decode()
    app = Application.objects.get(pk=awaiting.pk)
    assert app.status == Status.IN_PROGRESS
    ev = app.events.get(kind=EventKind.CORRECTION_RECEIVED)
    assert ev.occurred_on == TODAY and ev.actor is None
    assert ev.note.startswith("申请人在线提交补正") and "小区名称为幸福里小区" in ev.note
    assert "证明.png" in ev.note and "说明.pdf" in ev.note
    files = list(Attachment.objects.filter(application=app).order_by("id"))
    assert [f.original_name for f in files] == ["证明.png", "说明.pdf"]
    assert files[0].file.read() == PNG
    # The handler sees it on the case page, and opens the files through the logged attachment view.
    client.force_login(staff["a_handler"])
    case_page = client.get(reverse("case", args=[app.pk])).content.decode()
    assert "申请人在线提交补正" in case_page and reverse("attachment", args=[files[0].pk]) in case_page
    before = AccessLog.objects.filter(application=app).count()
    opened = client.get(reverse("attachment", args=[files[0].pk]))
    assert opened.status_code == 200 and b"".join(opened.streaming_content if opened.streaming else [opened.content]) == PNG
    assert AccessLog.objects.filter(application=app).count() == before + 1


def test_text_alone_is_enough_and_a_second_submit_records_nothing(client, awaiting):
    look_up(client, awaiting)
    assert correct(client, awaiting).status_code == 302
    again = correct(client, awaiting, text="重复提交")
    assert again.status_code == 302
    assert awaiting.events.filter(kind=EventKind.CORRECTION_RECEIVED).count() == 1
    page = client.get(again["Location"]).content.decode()
    assert "没有待补正事项" in page and "提交补正材料</button>" not in page


def test_a_refused_upload_says_why_and_keeps_the_text(client, awaiting):
    look_up(client, awaiting)
    resp = correct(client, awaiting, text="我的补正说明文字",
                   files=[SimpleUploadedFile("a.txt", b"plain text", content_type="text/plain")])
    page = resp.content.decode()
    assert resp.status_code == 200
    assert "只接受 JPG、PNG 或 PDF 文件" in page and "a.txt" in page
    assert "我的补正说明文字</textarea>" in page
    assert Application.objects.get(pk=awaiting.pk).status == Status.AWAITING_CORRECTION
    assert not awaiting.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists()
    assert not Attachment.objects.filter(application=awaiting).exists()


def test_an_empty_correction_is_refused(client, awaiting):
    look_up(client, awaiting)
    page = correct(client, awaiting, text="  ").content.decode()
    assert "请填写补正内容或上传补正材料文件" in page
    assert not awaiting.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists()


def test_no_correction_form_when_none_is_pending(client, case):
    page = look_up(client, case).content.decode()
    assert "提交补正材料</button>" not in page
    resp = correct(client, case)
    assert resp.status_code == 302
    assert not case.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists()


def test_too_many_files_are_refused(client, awaiting):
    look_up(client, awaiting)
    files = [SimpleUploadedFile(f"{i}.png", PNG, content_type="image/png") for i in range(4)]
    assert "最多上传3个文件" in correct(client, awaiting, files=files).content.decode()


def test_correction_posts_have_their_own_limit(client, awaiting, settings):
    settings.GONGKAI_RATE_LIMITS = {**settings.GONGKAI_RATE_LIMITS, "correction": "2/h"}
    look_up(client, awaiting)
    responses = [correct(client, awaiting, text="") for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert int(responses[-1]["Retry-After"]) > 0 and "分钟后再试" in responses[-1].content.decode()


# -- rate limits: failures only ----------------------------------------------------------------


def test_successful_lookups_are_never_counted(client, case):
    assert [look_up(client, case).status_code for _ in range(12)] == [200] * 12
    assert "房屋征收" in look_up(client, case).content.decode()


def test_failed_lookups_per_address_then_429_with_retry_after(client, case, received_app):
    others = [received_app(RECEIVED, name=f"申请人{i}") for i in range(3)]
    codes = [look_up(client, others[i % 3], name="猜错").status_code for i in range(10)]
    assert codes == [200] * 10
    blocked = look_up(client, case)  # even a right answer waits: the address guessed too often
    assert blocked.status_code == 429
    seconds = int(blocked["Retry-After"])
    assert 0 < seconds <= 3600
    assert f"请于约{-(-seconds // 60)}分钟后再试" in blocked.content.decode()
    assert look_up(client, case, REMOTE_ADDR="10.0.0.9").status_code == 200  # another address is not affected


def test_failed_lookups_per_code_count_failures_only(client, case):
    def guess(i):
        return look_up(client, case, name=f"猜{i}", REMOTE_ADDR=f"10.0.1.{i}").status_code

    assert [guess(i) for i in range(4)] == [200] * 4
    assert [look_up(client, case).status_code for _ in range(3)] == [200] * 3  # the applicant: not counted
    assert guess(4) == 200  # the fifth failure is still answered
    assert guess(5) == 429 and look_up(client, case, REMOTE_ADDR="10.0.2.1").status_code == 429
    # The applicant who looked the case up before comes back through the session, not the lookup.
    assert client.get(reverse("query-case", args=[case.tracking_code])).status_code == 200


def test_a_submitted_application_can_be_followed_from_its_session(client, tree):
    services.submit_online(tree["a"], applicant_data(), [])
    app = Application.objects.get()
    session = client.session
    session[progress.SESSION_KEY] = [app.pk]  # as portal.apply does after a submission
    session.save()
    page = client.get(reverse("query-case", args=[app.tracking_code])).content.decode()
    assert "等待机关确认收到" in page and "机关确认收到后计算" in page
