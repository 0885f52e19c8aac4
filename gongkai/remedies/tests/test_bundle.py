"""The defence bundle (应诉材料, issue 14 item 5): one click on a remedy case produces the organ's
evidence as a ZIP and one PDF, access-checked and logged."""

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from gongkai.agencies.models import Membership
from gongkai.applications import services
from gongkai.applications.models import AccessLog, Application, Attachment, EventKind
from gongkai.holidays.services import current_calendar
from gongkai.remedies.models import DefenceBundle, RemedyCase

D = dt.date.fromisoformat
FILE_NAME = re.compile(r"\d{2}_.+?\.(?:pdf|docx|png|txt)")


def reload(app):
    return Application.objects.get(pk=app.pk)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _attach(app, kind, name, content_type, data):
    Attachment.objects.create(application=app, kind=kind, file=ContentFile(data, name=name), original_name=name,
                              content_type=content_type, size=len(data))


@pytest.fixture
def defended(received_app, staff, tree, pin_today):
    """An in-person application with identity proof, a correction, a third-party consultation, an
    extension and an answer letter (（四）1), delivered; then a reconsideration recorded against it."""
    h, r = staff["a_handler"], staff["a_reviewer"]
    pin_today(D("2025-03-03"))
    app = received_app(D("2025-03-03"))
    _attach(app, "identity", "身份证.png", "image/png", _png())
    _attach(app, "request", "补充说明.pdf", "application/pdf", _pdf())
    _attach(app, "request", "备注.txt", "text/plain", "申请人附言".encode())
    pin_today(D("2025-03-05"))
    services.request_correction(reload(app), h, D("2025-03-05"), items="请补充所需信息的文号",
                                served_on=D("2025-03-05"))
    pin_today(D("2025-03-10"))
    services.record_correction(reload(app), h, D("2025-03-10"))
    pin_today(D("2025-03-13"))
    services.consult(reload(app), h, D("2025-03-12"), party="某建材公司", kind="third_party",
                     matters="是否同意公开", served_on=D("2025-03-13"))
    sent = reload(app).events.get(kind=EventKind.CONSULTATION_SENT)
    pin_today(D("2025-03-20"))
    services.record_consultation_reply(reload(app), h, D("2025-03-20"), consultation_id=sent.id, opinion="agree",
                                       note="同意公开")
    pin_today(D("2025-04-01"))
    services.extend(reload(app), r, D("2025-04-01"), days=10, reason="需要调取历史档案")
    pin_today(D("2025-04-14"))
    services.decide(reload(app), h, D("2025-04-10"), outcome="4.1", reasons="经检索本机关档案，未找到该信息")
    services.issue_answer(reload(app), r, D("2025-04-11"))
    services.record_delivery(reload(app), h, D("2025-04-14"), method="电子邮件")
    pin_today(D("2025-05-08"))
    case = RemedyCase.objects.create(agency=tree["a"], application=app, kind=RemedyCase.RECONSIDERATION,
                                     body="测试市人民政府", case_no="测政复〔2025〕第12号", filed_on=D("2025-05-06"))
    return case


def _text(data: bytes) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _body(resp) -> bytes:
    return b"".join(resp.streaming_content) if resp.streaming else resp.content


def test_one_click_builds_zip_and_pdf_with_every_indexed_item(client, defended, staff,
                                                              django_capture_on_commit_callbacks):
    case, app = defended, defended.application
    client.force_login(staff["a_handler"])
    with django_capture_on_commit_callbacks(execute=True):  # the bundle is a job queued on commit
        resp = client.post(reverse("remedy-bundle", args=[case.pk]))
    assert resp.status_code == 302 and resp.url == reverse("remedy", args=[case.pk])
    bundle = DefenceBundle.objects.get(remedy_case=case)
    assert bundle.status == DefenceBundle.DONE, bundle.error
    assert bundle.requested_by == staff["a_handler"]

    # The remedy case's page lists the generation (its history) with both downloads.
    page = client.get(reverse("remedy", args=[case.pk])).content.decode()
    assert "已生成" in page and reverse("remedy-bundle-file", args=[bundle.pk, "zip"]) in page

    resp = client.get(reverse("remedy-bundle-file", args=[bundle.pk, "zip"]))
    assert resp.status_code == 200 and resp["Cache-Control"] == "private, no-store"
    archive = zipfile.ZipFile(io.BytesIO(_body(resp)))
    names = set(archive.namelist())

    # The index (证据目录) is the first file; every file it names is in the ZIP, and nothing it lists is missing.
    index_text = re.sub(r"\s+", "", _text(archive.read("00_证据目录.pdf")))
    for heading in ("证据目录", "序号", "名称", "日期", "证明目的", "文件名", "页码"):
        assert heading in index_text
    listed = FILE_NAME.findall(index_text)
    assert len(listed) == len(bundle.index) >= 15
    assert [x["file"] for x in bundle.index] == listed
    assert set(listed) <= names, set(listed) - names
    assert all(archive.read(name) for name in listed)
    # What the brief asks for is there: form, identity proof, every letter, records, timeline, clock, outline.
    letters = list(app.letters.order_by("id"))
    for letter in letters:
        assert any(letter.number in x["name"] for x in bundle.index), letter.number
    kinds = " ".join(x["name"] for x in bundle.index)
    for name in ("申请内容", "身份证明：身份证.png", "文书送达记录", "征求意见及答复记录", "办理记录（时间轴）",
                 "答复期限计算说明（逐步）", "答辩提纲（草稿）"):
        assert name in kinds
    assert archive.read(next(x["file"] for x in bundle.index if "身份证" in x["name"])) == _png()
    assert any(n.endswith("答辩提纲（草稿）.docx") for n in names)  # editable
    answer = next(x for x in letters if x.kind == "answer_letter")
    answer.refresh_from_db()
    assert archive.read(next(x["file"] for x in bundle.index if answer.number in x["name"])) == \
        answer.pdf.open("rb").read()  # the letter's frozen PDF, as issued
    answer_row = next(x for x in bundle.index if answer.number in x["name"])
    assert "送达：2025-04-14（电子邮件）" in answer_row["purpose"]

    # The single PDF: index first, then every item; the 答辩提纲 facts with dates and articles.
    resp = client.get(reverse("remedy-bundle-file", args=[bundle.pk, "pdf"]))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(_body(resp)))
    assert len(reader.pages) == bundle.pdf_pages
    text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in reader.pages))
    assert text.index("证据目录") < text.index("答辩提纲（草稿）")
    for fact in ("草稿", "2025年3月3日", "2025年3月5日", "2025年4月11日", "测政复〔2025〕第12号",
                 "第三十六条第（四）项", "第三十三条第二款", "条例第三十条", "第三十二条",
                 "受理及时", "答复及时", "程序合法", "适用法律正确", "告知权利救济途径",
                 "在期限内作出", "2025年4月14日以电子邮件方式送达", "应当先自收到本答复之日起60日内向测试市人民政府申请行政复议",
                 "备注.txt"):
        assert fact in text, fact
    # The clock at each step: the due date after the correction arrived, and after the extension.
    due_after_correction = current_calendar().wd_after(D("2025-03-10"), 20)
    assert f"答复期限：{due_after_correction.isoformat()}" in text
    assert "延长" in text and "一次性告知补正事项" in text
    # Page numbers of the index point into the single PDF.
    first = bundle.index[0]["pages"]
    assert re.fullmatch(r"第\d+页", first)

    # Logged: one row for the generation, one per download.
    what = list(AccessLog.objects.filter(application=app, user=staff["a_handler"]).values_list("what", flat=True))
    assert f"生成应诉材料 #{bundle.pk}" in what
    assert f"下载应诉材料ZIP #{bundle.pk}" in what and f"下载应诉材料PDF #{bundle.pk}" in what


def test_only_the_handling_organ_may_generate_or_download(client, defended, staff, tree, make_user):
    case = defended
    done = DefenceBundle.objects.create(remedy_case=case, status=DefenceBundle.DONE)
    create, zip_url = reverse("remedy-bundle", args=[case.pk]), reverse("remedy-bundle-file", args=[done.pk, "zip"])
    logs = AccessLog.objects.count()

    # The public: to the sign-in page, nothing generated.
    resp = client.post(create)
    assert resp.status_code == 302 and "login" in resp.url
    assert client.get(zip_url).status_code == 302
    # Another organ's staff, the supervisor (reads masked cases), and an organ member without the role.
    editor = make_user("a_editor", tree["a"], Membership.EDITOR)
    for user in (staff["b_handler"], staff["b_reviewer"], staff["supervisor"], editor):
        client.force_login(user)
        assert client.post(create).status_code == 403, user
        assert client.get(zip_url).status_code == 403, user
    assert DefenceBundle.objects.filter(remedy_case=case).count() == 1
    assert AccessLog.objects.count() == logs
    # The supervisor sees the case but neither the button nor the bundles.
    client.force_login(staff["supervisor"])
    page = client.get(reverse("remedy", args=[case.pk])).content.decode()
    assert "仅办理该申请的机关工作人员可以生成和下载" in page and zip_url not in page
    assert "生成应诉材料</button>" not in client.get(reverse("case", args=[case.application.pk])).content.decode()
    # The handling organ's handler sees the button on the application's page and on the case page.
    client.force_login(staff["a_handler"])
    assert create in client.get(reverse("case", args=[case.application.pk])).content.decode()
    assert create in client.get(reverse("remedy", args=[case.pk])).content.decode()


def test_bundle_pages_never_fetch_a_url(caplog):
    from gongkai.remedies import pdf

    with caplog.at_level("WARNING", logger="gongkai.remedies"):
        data = pdf.html_to_pdf('<p>证据</p><img src="http://192.0.2.1/x.png" alt="x">'
                               '<link rel="stylesheet" href="file:///etc/passwd">')
    assert data.startswith(b"%PDF")
    assert sum("refused to fetch" in r.getMessage() for r in caplog.records) >= 1


def test_a_case_without_application_has_no_bundle(client, staff, tree):
    case = RemedyCase.objects.create(agency=tree["a"], kind=RemedyCase.RECONSIDERATION, body="测试市人民政府",
                                     filed_on=D("2025-05-06"))
    client.force_login(staff["a_handler"])
    assert client.post(reverse("remedy-bundle", args=[case.pk])).status_code == 403
    assert "未关联申请" in client.get(reverse("remedy", args=[case.pk])).content.decode()


def test_a_pending_generation_is_not_started_twice(defended, staff):
    from gongkai.remedies.tasks import start_bundle

    first = start_bundle(defended, staff["a_handler"])  # not committed in this test: stays pending
    assert start_bundle(defended, staff["a_reviewer"]) == first
    assert DefenceBundle.objects.filter(remedy_case=defended).count() == 1


@pytest.mark.heavy
def test_demo_reconsideration_bundle_contains_every_indexed_item(db, pin_today):
    """`make run` shows the demo's reconsiderations; the bundle of one of them is complete."""
    from django.core.management import call_command

    from gongkai.law import today as law_today
    from gongkai.remedies.bundle import INDEX_NAME, build

    pin_today(law_today.pinned_from_env() or dt.date(2026, 11, 20))
    call_command("load_demo")
    case = RemedyCase.objects.filter(kind=RemedyCase.RECONSIDERATION, application__isnull=False).first()
    assert case is not None, "the demo has a reconsideration recorded against an application"
    bundle = build(DefenceBundle.objects.create(remedy_case=case))
    assert bundle.status == DefenceBundle.DONE, bundle.error
    archive = zipfile.ZipFile(bundle.zip_file.open("rb"))
    listed = FILE_NAME.findall(re.sub(r"\s+", "", _text(archive.read(INDEX_NAME))))
    assert listed == [x["file"] for x in bundle.index]
    assert set(listed) <= set(archive.namelist())
    assert len(PdfReader(bundle.pdf_file.open("rb")).pages) == bundle.pdf_pages


def test_outline_sections_points_and_articles_in_order(defended):
    """The 答辩提纲 (remedies/defence_outline.py): its sections and the five points in the order a
    defence argues them, and the articles of the Regulation listed once each, in the order met."""
    from gongkai.remedies.bundle_record import Record
    from gongkai.remedies.defence_outline import outline

    sections = outline(Record(defended))
    assert [heading for heading, _ in sections] == [
        "案件", "一、事实（依办理记录）", "二、答辩要点", "三、适用的法律依据", "四、答辩意见（待代理人完善）"]
    facts, points, law = sections[1][1], sections[2][1], sections[3][1]
    assert facts[0] == "2025年3月3日，登记申请（申请方式：当面）。" and facts[-1] == "2025年4月14日，办结。"
    assert [p[:3] for p in points] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert "在期限内作出" in points[1] and "第三十六条第（四）项" in points[3]
    procedure = points[2]
    assert procedure.index("补正：") < procedure.index("征求意见：") < procedure.index("延期：")
    assert "收费" not in procedure  # no fee in this case: no step, no 国办函 source
    assert law[0] == ("《中华人民共和国政府信息公开条例》第三十一条（收到申请日期）；第三十三条第一款（20个工作日内答复）；"
                      "第三十条（补正）；第三十二条（征求意见）；第三十三条第三款（征求意见时间不计入答复期限）；"
                      "第三十三条第二款（延长答复期限）；第三十六条第（四）项（办理结果的依据）。")
    assert len(law) == 2 and "法释〔2011〕17号" in law[1]
