"""Letters: templates per outcome, numbering, freezing, DOCX/HTML output (domain.md 2.10, 2.11)."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application, TimelineEvent
from gongkai.applications.services import ActionError
from gongkai.law import outcomes
from gongkai.letters.context import build_context, cn_date
from gongkai.letters.models import Letter, LetterKind, LetterTemplate
from gongkai.letters.services import (
    DEFAULTS_DIR,
    default_template_text,
    issue_letter,
    letter_layout,
    render_docx,
    split_paragraphs,
)

ON = dt.date(2025, 4, 1)
RECEIVED = dt.date(2025, 3, 3)
DESCRIPTION = "2024年度示例市老旧小区改造项目的资金使用明细"
REASONS = "该信息经依法定密，属于机密级国家秘密"
ORGAN = "示例市人民政府"
COURT = "示例市中级人民法院"

OBSOLETE = ("15个工作日延长", "生产、生活、科研等特殊需要", "特殊需要", "延长答复的期限最长不得超过15个工作日")


# The organ and officer of these letters: fixtures ``agency`` and ``officer`` (conftest.py).


def make_app(agency, n=1, **over):
    data = dict(
        agency=agency, reference=f"2025-{n:05d}", tracking_code=f"TRACK{n:06d}", channel="online",
        submitted_at=timezone.make_aware(dt.datetime(2025, 3, 1, 10, 0)), submitted_on=dt.date(2025, 3, 1),
        received_on=RECEIVED, applicant_kind="natural_person", name="王小明", id_type="resident_id",
        id_number="11010519491231002X", phone="13812341234", address="示例市某区某街道1号",
        description=DESCRIPTION, status="decided", due_on=dt.date(2025, 3, 31),
    )
    data.update(over)
    return Application.objects.create(**data)


@pytest.fixture
def app(agency):
    return make_app(agency)


# What the deciding handler records for each outcome (applications.services.decide: reasons are on
# the application, details travel in the DECIDED event and reach the letter as ``extra``).
CASES = {
    "1": ({"published_where": "示例市人民政府门户网站“政府信息公开”专栏，索引号：11010000/2025-00012"}, "",
          ["11010000/2025-00012"]),
    "2": ({"how_to_obtain": "本机关于2025年4月3日通过电子邮件向您提供可以公开的部分",
           "exemption_basis": "《中华人民共和国政府信息公开条例》第十五条"},
          "其中涉及的个人身份证号码、联系电话属于个人隐私", ["2025年4月3日通过电子邮件", "第十五条"]),
    "3.1": ({}, REASONS, ["第十四条", "国家秘密"]),
    "3.2": ({"special_law": "《中华人民共和国统计法》第三十九条"}, "该信息属于统计调查中获得的能够识别单个统计调查对象的资料",
            ["第十四条", "《中华人民共和国统计法》第三十九条"]),
    "3.3": ({}, "该信息涉及重要基础设施的布局，公开后可能危及公共安全", ["第十四条", "公共安全"]),
    "3.4": ({}, "该信息包含企业的成本构成，属于商业秘密", ["第十五条", "商业秘密"]),
    "3.5": ({}, "该信息属于本机关人事管理信息", ["第十六条第一款", "内部事务信息"]),
    "3.6": ({}, "该信息属于尚未定稿的讨论记录", ["第十六条第二款", "过程性信息"]),
    "3.7": ({}, "该信息属于行政处罚案卷材料", ["第十六条第二款", "行政执法案卷"]),
    "3.8": ({"special_law": "《不动产登记暂行条例》及其实施细则"}, "您申请的是不动产登记资料",
            ["《不动产登记暂行条例》及其实施细则的规定办理"]),
    "4.1": ({"other_agency": "示例市自然资源和规划局", "other_agency_contact": "0100-87654321"},
            "该规划审批信息由示例市自然资源和规划局制作并保存", ["示例市自然资源和规划局", "0100-87654321"]),
    "4.2": ({}, "本机关没有按您要求的口径汇总的统计数据", ["加工、分析"]),
    "4.3": ({}, "补正后仍未能说明所需信息的名称、文号或其他特征", ["仍不明确"]),
    "5.1": ({}, "您的申请实为对物业公司的投诉", ["信访、投诉、举报"]),
    "5.2": ({"earlier_letter": "示政依复〔2025〕第3号，2025年2月10日"}, "您的本次申请与此前申请内容相同",
            ["示政依复〔2025〕第3号，2025年2月10日", "不予重复处理"]),
    "5.3": ({"publication_where": "《示例市人民政府公报》2024年第5期，可在市图书馆查阅"}, "您要求提供的是政府公报",
            ["《示例市人民政府公报》2024年第5期"]),
    "5.4": ({}, "您在一个月内提出了120件内容相近的申请且未说明理由", ["120件"]),
    "5.5": ({}, "您要求本机关对已获取的批复文件加盖印章予以确认", ["加盖印章"]),
    "6.1": ({"correction_due": "2025-03-26"}, outcomes.by_code("6.1").label, ["2025年3月26日", "视为放弃申请"]),
    "6.2": ({"payment_due": dt.date(2025, 3, 28), "amount": 1000}, outcomes.by_code("6.2").label,
            ["2025年3月28日", "1000元", "视为放弃申请"]),
    "6.3": ({"withdrawal": "申请人书面撤回"}, "申请人撤回申请：申请人书面撤回", ["申请人书面撤回", "终止办理"]),
}


def test_cases_cover_every_outcome():
    assert set(CASES) == {o.code for o in outcomes.LEAVES}
    assert len(CASES) == 21


def expected_basis(code, details):
    if code == "1":
        return "《中华人民共和国政府信息公开条例》第三十六条第（一）项"
    if code == "4.1":
        return "《中华人民共和国政府信息公开条例》第三十六条第（五）项"
    if code == "3.4":  # no consultation on file: Art. 32 is not cited (legal-review.md B5)
        return "《中华人民共和国政府信息公开条例》第十五条、第三十六条第（三）项"
    return outcomes.by_code(code).legal_basis


@pytest.mark.django_db
@pytest.mark.parametrize("code", list(CASES))
def test_answer_for_every_outcome(agency, officer, code):
    oc = outcomes.by_code(code)
    details, reasons, specific = CASES[code]
    app = make_app(agency, outcome=code, outcome_reasons=reasons)
    letter = issue_letter(app, oc.letter_kind, actor=officer, on=ON,
                          extra={"signed": True, "outcome": code, "outcome_label": oc.label, **details})
    text = "\n".join(letter.paragraphs)

    assert letter.kind == oc.letter_kind
    assert letter.paragraphs[0] == "王小明："
    assert letter.addressee == "王小明"
    assert "本机关于2025年3月3日收到您通过网上申请渠道提交的《政府信息公开申请表》" in text
    assert f"您申请获取“{DESCRIPTION}”" in text
    basis = expected_basis(code, details)
    if basis:
        assert f"根据{basis}" in text
    if oc.adverse and code not in ("6.1", "6.2", "6.3"):
        assert reasons in text
    for fragment in specific:
        assert fragment in text, fragment
    if code == "6.3":  # a withdrawal: no remedy paragraph (domain 2.11 item 7)
        assert "行政复议" not in text
    elif oc.group == "6":
        assert outcomes.notice_remedy_clause(oc, ORGAN, COURT) in letter.paragraphs
    else:
        remedy = outcomes.remedy_clause(oc, ORGAN, COURT)
        assert remedy in letter.paragraphs
        if code != "1":  # legal-review.md B1: reconsideration first by default
            assert "应当先自收到本答复之日起60日内向示例市人民政府申请行政复议；对行政复议决定不服" in remedy
        else:
            assert remedy == ("如对本答复不服，可以自收到本答复之日起60日内向示例市人民政府申请行政复议，"
                              "或者自收到本答复之日起6个月内向示例市中级人民法院提起行政诉讼。")
    assert letter.paragraphs[-2] == agency.name
    assert letter.paragraphs[-1] == "2025年4月1日"
    assert "联系人：李明　联系电话：0100-12345678" in letter.paragraphs
    assert letter.title == f"{agency.name}{LetterKind(oc.letter_kind).label}"
    assert letter.signed_by == officer
    assert letter.public is True
    for phrase in OBSOLETE:
        assert phrase not in text
    assert "{{" not in text and "{%" not in text
    assert not any(p.strip() != p or not p for p in letter.paragraphs)


@pytest.mark.django_db
def test_disclosure_cites_only_the_item_used(app, officer):
    app.outcome = "1"
    app.save()
    letter = issue_letter(app, "answer_letter", actor=officer, on=ON,
                          extra={"how_to_obtain": "请于2025年4月8日前到本机关政务服务窗口领取纸质复印件。"})
    text = "\n".join(letter.paragraphs)
    assert "根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，本机关予以公开" in text
    assert "获取该政府信息的方式、途径和时间：请于2025年4月8日前到本机关政务服务窗口领取纸质复印件。" in text
    assert "第（一）项" not in text
    assert "。。" not in text


@pytest.mark.django_db
def test_not_held_without_other_agency_says_information_does_not_exist(app, officer):
    app.outcome, app.outcome_reasons = "4.1", "本机关检索了2020年以来的发文目录和档案，未发现该信息"
    app.save()
    letter = issue_letter(app, "answer_letter", actor=officer, on=ON)
    text = "\n".join(letter.paragraphs)
    assert "根据《中华人民共和国政府信息公开条例》第三十六条第（四）项的规定" in text
    assert "您所申请的政府信息不存在" in text
    assert app.outcome_reasons in text


@pytest.mark.django_db
def test_closure_refers_to_the_correction_notice_of_the_case(app, officer):
    app.status = "awaiting_correction"
    app.save()
    notice = issue_letter(app, "correction_notice", actor=officer, on=dt.date(2025, 3, 5),
                          extra={"items": "1.请写明所需信息的文号；\n2.请写明所需信息的年份。", "period_days": 15,
                                 "correction_due": dt.date(2025, 3, 26)})
    text = "\n".join(notice.paragraphs)
    assert "1.请写明所需信息的文号；\n2.请写明所需信息的年份" in text
    assert "最迟于2025年3月26日" in text and "自收到本告知书之日起15个工作日内" in text
    assert "逾期未补正的，视为放弃申请" in text and "第三十条" in text
    assert "答复期限自本机关收到补正的申请之日起重新计算" in text
    TimelineEvent.objects.create(application=app, kind="correction_requested", occurred_on=dt.date(2025, 3, 5),
                                 data={"items": "x", "correction_due": "2025-03-26"})
    app.outcome, app.outcome_reasons = "6.1", outcomes.by_code("6.1").label
    app.save()
    closure = issue_letter(app, "closure_notice", actor=officer, on=dt.date(2025, 3, 27), extra={"outcome": "6.1"})
    text = "\n".join(closure.paragraphs)
    assert f"2025年3月5日向您发出《补正告知书》（{notice.number}）" in text
    assert "最迟于2025年3月26日作出补正" in text
    assert closure.title == f"{app.agency.name}终止办理告知书"


# -- numbering and templates --------------------------------------------------------------------


@pytest.mark.django_db
def test_numbering_is_sequential_per_agency_and_year(agency, officer):
    app = make_app(agency, outcome="1")
    first = issue_letter(app, "receipt", actor=officer, on=dt.date(2025, 3, 3))
    second = issue_letter(app, "answer_letter", actor=officer, on=ON, extra={"published_where": "门户网站"})
    assert first.number == "示政依复〔2025〕第1号"
    assert second.number == "示政依复〔2025〕第2号"
    assert (second.year, second.serial) == (2025, 2)
    nxt = issue_letter(app, "supplementary_answer", actor=officer, on=dt.date(2026, 1, 5),
                       extra={"text": "补充说明", "original_number": second.number, "original_date": second.issued_on})
    assert nxt.number == "示政依复〔2026〕第1号"

    other = Agency.objects.create(code="shi-cz", name="示例市财政局", reconsideration_organ=ORGAN, court=COURT)
    other_letter = issue_letter(make_app(other, n=2), "receipt", actor=officer, on=ON)
    assert other_letter.number == "SHI-CZ依复〔2025〕第1号"


@pytest.mark.django_db
def test_letter_issue_is_logged_in_the_timeline(app, officer):
    letter = issue_letter(app, "receipt", actor=officer, on=RECEIVED)
    event = TimelineEvent.objects.get(application=app, kind="letter_issued")
    assert event.occurred_on == RECEIVED
    assert event.actor == officer
    assert event.data == {"letter_id": letter.pk, "number": letter.number, "kind": "receipt", "title": letter.title}
    assert letter.template_source == "default:receipt"
    assert letter.signed_by is None
    assert letter.issued_by == officer


@pytest.mark.django_db
def test_receipt_content(app, officer):
    letter = issue_letter(app, "receipt", actor=officer, on=RECEIVED)
    text = "\n".join(letter.paragraphs)
    assert "本机关于2025年3月3日收到您通过网上提交的《政府信息公开申请表》" in text
    assert "查询号：TRACK000001" in text
    assert "最迟于2025年3月31日答复" in text
    assert letter.title == "示例市发展和改革委员会政府信息公开申请接收回执"


@pytest.mark.django_db
def test_agency_template_overrides_default(agency, officer):
    app = make_app(agency, outcome="3.1", outcome_reasons=REASONS)
    shared = LetterTemplate.objects.create(kind="answer_letter", body="{{ addressee }}：\n\n共享模板正文\n\n{{ remedy }}")
    letter = issue_letter(app, "answer_letter", actor=officer, on=ON)
    assert "共享模板正文" in letter.paragraphs
    assert letter.template_source.startswith(f"shared-template:{shared.pk}@")

    generic = LetterTemplate.objects.create(agency=agency, kind="answer_letter", body="本机关通用答复：{{ reasons }}")
    letter = issue_letter(app, "answer_letter", actor=officer, on=ON)
    assert letter.paragraphs == [f"本机关通用答复：{REASONS}"]
    assert letter.template_source.startswith(f"agency-template:{generic.pk}@")

    specific = LetterTemplate.objects.create(
        agency=agency, kind="answer_letter", outcome="3.1", title="{{ agency.name }}不予公开答复书",
        body="{{ addressee }}：\n\n\n\n根据{{ outcome.legal_basis }}的规定不予公开。理由：{{ reasons }}。\n\n"
             "{{ remedy }}\n\n{{ agency.name }}\n\n{{ letter_date_cn }}",
    )
    letter = issue_letter(app, "answer_letter", actor=officer, on=ON)
    assert letter.title == "示例市发展和改革委员会不予公开答复书"
    assert letter.paragraphs == [
        "王小明：",
        f"根据{outcomes.by_code('3.1').legal_basis}的规定不予公开。理由：{REASONS}。",
        outcomes.remedy_clause("3.1", ORGAN, COURT),
        agency.name,
        "2025年4月1日",
    ]
    assert letter.template_source == (
        f"agency-template:{specific.pk}@{timezone.localtime(specific.updated_at):%Y-%m-%d %H:%M}"
    )

    # Another organ's template is never used.
    other = Agency.objects.create(code="shi-cz", name="示例市财政局", reconsideration_organ=ORGAN, court=COURT)
    other_letter = issue_letter(make_app(other, n=2, outcome="3.1", outcome_reasons=REASONS), "answer_letter",
                                actor=officer, on=ON)
    assert "共享模板正文" in other_letter.paragraphs


@pytest.mark.django_db
def test_broken_template_raises_action_error_and_issues_nothing(app, officer):
    LetterTemplate.objects.create(agency=app.agency, kind="receipt", body="{% if %}坏模板")
    with pytest.raises(ActionError, match="模板有误"):
        issue_letter(app, "receipt", actor=officer, on=RECEIVED)
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_answer_without_outcome_is_refused(app, officer):
    with pytest.raises(ActionError, match="尚未确定办理结果"):
        issue_letter(app, "answer_letter", actor=officer, on=ON)


@pytest.mark.django_db
def test_issued_letter_is_frozen_but_delivery_can_be_recorded(app, officer):
    letter = issue_letter(app, "receipt", actor=officer, on=RECEIVED)
    letter.paragraphs = ["篡改"]
    with pytest.raises(ValueError):
        letter.save()
    with pytest.raises(ValueError):
        letter.save(update_fields=["paragraphs"])
    letter = Letter.objects.get(pk=letter.pk)
    letter.delivered_on, letter.delivery_method = dt.date(2025, 3, 4), "电子邮件"
    letter.save(update_fields=["delivered_on", "delivery_method"])
    letter.refresh_from_db()
    assert letter.delivered_on == dt.date(2025, 3, 4)
    assert letter.paragraphs[0] == "王小明："


@pytest.mark.django_db
def test_template_edit_does_not_change_issued_letter(app, officer):
    template = LetterTemplate.objects.create(agency=app.agency, kind="receipt", body="{{ addressee }}：\n\n第一版")
    letter = issue_letter(app, "receipt", actor=officer, on=RECEIVED)
    template.body = "{{ addressee }}：\n\n第二版"
    template.save()
    docx_text = docx_paragraphs(render_docx(Letter.objects.get(pk=letter.pk)))
    assert "第一版" in docx_text and "第二版" not in docx_text


# -- output ---------------------------------------------------------------------------------------


def docx_paragraphs(data: bytes) -> list[str]:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


@pytest.mark.django_db
def test_render_docx(agency, officer):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    app = make_app(agency, outcome="3.1", outcome_reasons=REASONS)
    letter = issue_letter(app, "answer_letter", actor=officer, on=ON, extra={"signed": True})
    data = render_docx(letter)
    assert data[:2] == b"PK"
    doc = Document(io.BytesIO(data))
    paragraphs = doc.paragraphs
    texts = [p.text.replace("\n", "\n") for p in paragraphs]
    assert texts[0] == letter.title
    assert paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.bold for r in paragraphs[0].runs)
    assert texts[1] == letter.number == "示政依复〔2025〕第1号"
    assert paragraphs[1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert texts[2:] == letter.paragraphs
    assert paragraphs[2].paragraph_format.first_line_indent is None  # addressee line
    assert paragraphs[3].paragraph_format.first_line_indent is not None
    assert paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT and texts[-1] == "2025年4月1日"
    assert paragraphs[-2].alignment == WD_ALIGN_PARAGRAPH.RIGHT and texts[-2] == agency.name
    assert paragraphs[-3].alignment != WD_ALIGN_PARAGRAPH.RIGHT
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    rfonts = paragraphs[3].runs[0]._element.rPr.rFonts
    assert rfonts.get(qn("w:eastAsia")) == "宋体"


@pytest.mark.django_db
def test_render_docx_keeps_line_breaks(app, officer):
    letter = issue_letter(app, "correction_notice", actor=officer, on=dt.date(2025, 3, 5),
                          extra={"items": "1.文号\n2.年份", "period_days": 15, "correction_due": dt.date(2025, 3, 26)})
    assert "1.文号\n2.年份" in letter.paragraphs
    assert "1.文号\n2.年份" in docx_paragraphs(render_docx(letter))


@pytest.mark.django_db
def test_printable_html(app, officer):
    app.outcome, app.outcome_reasons = "3.1", "理由<script>"
    app.save()
    letter = issue_letter(app, "answer_letter", actor=officer, on=ON)
    html = render_to_string("letters/letter.html", {"letter": letter})
    assert html.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in html
    assert letter.number in html and letter.title in html
    assert '<p class="addressee">王小明：</p>' in html
    assert f'<p class="signoff first">{app.agency.name}</p>' in html
    assert '<p class="signoff">2025年4月1日</p>' in html
    assert "理由&lt;script&gt;" in html and "<script" not in html and "<style" not in html
    # The print layout is a stylesheet of the site (the Content-Security-Policy allows no inline style).
    assert "/static/gongkai/letter.css" in html and "打印" in html
    assert "@media print" in (Path(settings.BASE_DIR) / "gongkai/static/gongkai/letter.css").read_text()
    assert [role for role, _ in letter_layout(letter)][-2:] == ["signoff", "signoff"]


# -- every kind -----------------------------------------------------------------------------------

KIND_EXTRAS = {
    "registration_form": {},
    "receipt": {},
    "correction_notice": {"items": "请写明所需信息的文号", "period_days": 15, "correction_due": dt.date(2025, 3, 26)},
    "explanation_request": {"reply_by": dt.date(2025, 3, 20), "reason": "您在一个月内提出了120件申请"},
    "deferral_notice": {"due": dt.date(2025, 6, 30), "reason": "所申请信息涉及2000余份档案"},
    "extension_notice": {"days": 20, "reason": "所申请信息需要调取档案", "new_due": dt.date(2025, 4, 28)},
    "third_party_consultation": {"party": "示例建设有限公司", "matters": "该公司的投标文件", "reply_by": dt.date(2025, 3, 31)},
    "consultation_notice": {"party_label": "第三方"},
    "third_party_disclosure_notice": {"party": "示例建设有限公司", "matters": "中标价格",
                                      "reasons": "中标价格涉及公共资金使用，不公开会对公共利益造成重大影响",
                                      "disclose_on": dt.date(2025, 4, 20)},
    "co_maker_consultation": {"party": "示例市财政局", "matters": "联合印发的资金管理办法", "reply_by": dt.date(2025, 3, 31)},
    "fee_notice": {"scale": "per_volume", "units": 250, "amount": 4700,
                   "fee_explanation": "70页×10元＋100页×20元＋50页×40元＝4700元", "payment_due": dt.date(2025, 4, 30),
                   "reason": "申请的数量明显超过合理范围"},
    "answer_letter": {"outcome": "1", "published_where": "门户网站"},
    "closure_notice": {"outcome": "6.3", "withdrawal": "电话撤回"},
    "supplementary_answer": {"text": "补充提供2024年第四季度数据", "original_number": "示政依复〔2025〕第9号",
                             "original_date": dt.date(2025, 3, 20)},
    "record_correction_answer": {"result": "corrected", "corrected_content": "出生日期更正为1949年12月31日"},
}

KIND_EXPECT = {
    "registration_form": ["证件号码：11010519491231002X", "所需信息的特征性描述：" + DESCRIPTION, "申请人（签名或者盖章）"],
    "receipt": ["TRACK000001", "2025年3月3日", "2025年3月31日"],
    "correction_notice": ["请写明所需信息的文号", "2025年3月26日", "视为放弃申请", "第三十条"],
    "explanation_request": ["第三十五条", "2025年3月20日"],
    "deferral_notice": ["第三十五条", "2025年6月30日", "所申请信息涉及2000余份档案"],
    "extension_notice": ["第三十三条第二款", "20个工作日", "2025年4月28日", "所申请信息需要调取档案"],
    "third_party_consultation": ["15个工作日", "2025年3月31日", "第三方意见确认函", "第十五条", "第三十二条",
                                 "该公司的投标文件"],
    "consultation_notice": ["第三十三条第三款", "不计算在答复期限内", "第三十二条"],
    "third_party_disclosure_notice": ["第三十二条", "中标价格", "公共利益", "2025年4月20日"],
    "co_maker_consultation": ["第三十四条", "15个工作日", "视为同意公开", "2025年3月31日"],
    "fee_notice": ["第四十二条", "国办函〔2020〕109号", "按量", "250页", "4700元", "2025年4月30日",
                   "非税收入", "国库", "视为放弃申请", "70页×10元"],
    "answer_letter": ["第三十六条第（一）项", "门户网站"],
    "closure_notice": ["电话撤回", "终止办理"],
    "supplementary_answer": ["示政依复〔2025〕第9号", "2025年3月20日", "补充提供2024年第四季度数据"],
    "record_correction_answer": ["第四十一条", "出生日期更正为1949年12月31日"],
}


def test_every_kind_has_a_case():
    assert set(KIND_EXTRAS) == set(LetterKind.values) == set(KIND_EXPECT)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", LetterKind.values)
def test_every_kind_has_a_default_that_renders(agency, officer, kind):
    assert default_template_text(kind, KIND_EXTRAS[kind].get("outcome", ""))
    app = make_app(agency)
    letter = issue_letter(app, kind, actor=officer, on=ON, extra=KIND_EXTRAS[kind])
    text = "\n".join(letter.paragraphs)
    for fragment in KIND_EXPECT[kind]:
        assert fragment in text, fragment
    assert letter.paragraphs[-2:] == [agency.name, "2025年4月1日"]
    assert letter.template_source.startswith("default:")
    assert "{{" not in text and "{%" not in text
    assert letter.title.startswith(agency.name) and "（给" not in letter.title
    if kind in ("third_party_consultation", "co_maker_consultation", "third_party_disclosure_notice"):
        assert letter.public is False
        assert letter.addressee == KIND_EXTRAS[kind]["party"]
        assert letter.paragraphs[0] == KIND_EXTRAS[kind]["party"] + "："
        assert "王小明" not in text  # the applicant is not named to the third party
    elif kind == "registration_form":
        assert letter.public is False
    else:
        assert letter.public is True
        assert letter.paragraphs[0] == "王小明："
    docx_text = docx_paragraphs(render_docx(letter))
    assert letter.number in docx_text
    assert all(p in docx_text for p in letter.paragraphs)


def test_default_files_exist_for_every_outcome_and_kind():
    names = {p.stem for p in DEFAULTS_DIR.glob("*.txt")}
    assert {f"answer_letter_{o.code.replace('.', '_')}" for o in outcomes.LEAVES} <= names
    assert set(LetterKind.values) <= names


def test_no_default_contains_obsolete_rules():
    for path in DEFAULTS_DIR.glob("*.txt"):
        body = path.read_text(encoding="utf-8")
        for phrase in OBSOLETE:
            assert phrase not in body, (path.name, phrase)
        assert "用途" not in body or path.stem == "registration_form"


def test_answer_defaults_carry_the_mandatory_clauses():
    for o in outcomes.LEAVES:
        body = default_template_text("answer_letter", o.code)
        assert body.startswith("{{ addressee }}：")
        assert "本机关于{{ received_cn }}收到您{{ received_via }}" in body
        assert "您申请获取“{{ description }}”" in body
        assert "{{ remedy }}" in body
        assert body.rstrip().endswith("{{ agency.name }}\n\n{{ letter_date_cn }}")


def test_cn_date_and_paragraph_split():
    assert cn_date(dt.date(2020, 12, 18)) == "2020年12月18日"
    assert cn_date("2025-01-02") == "2025年1月2日"
    assert cn_date(None) == ""
    assert split_paragraphs("  甲 \n乙\n\n\n \n　丙　\n\n") == ["甲\n乙", "丙"]


@pytest.mark.django_db
def test_context_prints_no_default_remedy_names(officer):
    # legal-review.md B12: no "所属的本级人民政府" / "有管辖权的人民法院" description is ever printed.
    gov = Agency.objects.create(code="shi", name="示例市人民政府", kind=Agency.GOVERNMENT)
    dept = Agency.objects.create(code="shi-jy", name="示例市教育局", parent=gov)
    lone = Agency.objects.create(code="lone", name="某局")
    app = make_app(dept, outcome="1")
    ctx = build_context(app, "answer_letter", {"published_where": "网站"}, ON)
    assert ctx["reconsideration_organ"] == "" and ctx["court"] == "" and ctx["remedy"] == ""
    ctx = build_context(make_app(lone, n=2, outcome="1"), "answer_letter", {}, ON)
    assert ctx["reconsideration_organ"] == ""
    assert ctx["contact_person"] == "某局"  # no actor, no office name
    ctx = build_context(app, "answer_letter", {"due": "2025-06-30", "outcome": "3.1"}, ON, actor=officer)
    assert ctx["due_cn"] == "2025年6月30日"
    assert ctx["outcome"].code == "3.1"
    assert ctx["contact_person"] == "李明"
