"""The texts (messages.py, pure): each kind says what the applicant must know, with the organ, the
查询号, the date and the link, and a period that runs from service says so until its end is known."""

import datetime as dt

import pytest

from gongkai.notifications import messages as M

D = dt.date.fromisoformat
BASE = {"organ": "测试市甲局", "tracking_code": "K7QX2M9PLD4A", "on": D("2025-03-05"),
        "link": "https://gk.example.gov.cn/query/?code=K7QX2M9PLD4A", "name": "王小明"}


def compose(kind, **more):
    return M.compose(M.Facts(kind=kind, **{**BASE, **more}))


@pytest.mark.parametrize("kind, more, says", [
    (M.SUBMITTED, {}, "2025年3月5日提交"),
    (M.RECEIVED, {"due": D("2025-04-01")}, "答复期限：最迟于2025年4月1日"),
    (M.ROUTED, {"other_organ": "测试市乙局"}, "转至测试市乙局办理"),
    (M.CORRECTION_RECEIVED, {"due": D("2025-04-10")}, "2025年4月10日"),
    (M.CONSULTATION, {"consult_kind": "third_party"}, "第三十二条"),
    (M.RESUMED, {"due": D("2025-04-20")}, "恢复计算"),
    (M.FEE_PAID, {"due": D("2025-04-20")}, "已缴纳信息处理费"),
    (M.EXTENSION, {"days": 10, "reason": "材料较多", "due": D("2025-04-15")}, "延长10个工作日"),
    (M.DEFERRAL, {"due": D("2025-06-30"), "reason": "数量较大"}, "2025年6月30日"),
    (M.ANSWERED, {"letter_title": "政府信息公开申请答复书", "letter_number": "测甲依复〔2025〕3号"}, "下载"),
    (M.SUPPLEMENTARY, {"letter_title": "补充答复书", "letter_number": "测甲依复〔2025〕4号"}, "补充答复书"),
    (M.EXPLANATION, {"letter_title": "说明理由告知书", "letter_number": "测甲依复〔2025〕5号",
                     "deadline": D("2025-03-14")}, "最迟于2025年3月14日回复"),
    (M.WITHDRAWN, {}, "撤回"),
])
def test_every_kind_names_the_organ_the_code_the_date_and_the_link(kind, more, says):
    m = compose(kind, **more)
    for text in (m.body, m.sms):
        assert "测试市甲局" in text and "K7QX2M9PLD4A" in text and BASE["link"] in text
    assert says in m.body and M.KIND_LABELS[kind] in m.subject and "K7QX2M9PLD4A" in m.subject
    assert m.body.startswith("王小明：") and "王小明" not in m.sms  # the SMS names nobody


def test_a_correction_period_not_yet_served_runs_from_receipt_of_the_notice_without_a_date():
    m = compose(M.CORRECTION_REQUESTED, items="1. 请写明文件名称\n2. 请写明年份", period_days=15)
    assert "请自收到补正告知书之日起15个工作日内补正" in m.body and "1. 请写明文件名称" in m.body
    assert "最迟于" not in m.body
    assert "请写明文件名称" not in m.sms and "自收到补正告知书之日起15个工作日内补正" in m.sms
    served = compose(M.CORRECTION_REQUESTED, items="x", period_days=15, deadline=D("2025-03-26"))
    assert "请最迟于2025年3月26日补正（自收到补正告知书之日起15个工作日内）" in served.body


def test_a_fee_notice_gives_amount_how_to_pay_and_until_when():
    m = compose(M.FEE_NOTICE, amount="300", payment_method="非税收入缴款码", payment_reference="3301-2025-000123",
                period_days=20)
    assert "金额为300元" in m.body and "非税收入缴款码；3301-2025-000123" in m.body
    assert "请自收到收费通知书之次日起20个工作日内缴纳" in m.body
    dated = compose(M.FEE_NOTICE, amount="300", period_days=20, deadline=D("2025-12-17"))
    assert "请最迟于2025年12月17日缴纳" in dated.body


def test_a_consultation_names_no_party_and_says_the_clock_is_paused():
    m = compose(M.CONSULTATION, consult_kind="co_maker")
    assert "第三十四条" in m.body and "不计算在答复期限内" in m.body and "暂停" in m.body


def test_a_provisional_due_date_says_so():
    assert "暂定" in compose(M.RECEIVED, due=D("2027-01-20"), due_provisional=True).body
    assert "暂定" not in compose(M.RECEIVED, due=D("2025-04-01")).body


def test_the_service_of_a_notice_without_a_known_end_says_nothing():
    assert compose(M.NOTICE_SERVED, letter_title="补正告知书") is None
    m = compose(M.NOTICE_SERVED, letter_title="收费通知书", deadline=D("2025-12-17"),
                extra={"letter_kind": "fee_notice"})
    assert "请最迟于2025年12月17日缴纳信息处理费" in m.body


def test_the_answer_says_where_to_download_it_and_how_it_is_delivered():
    m = compose(M.ANSWERED, letter_title="政府信息公开申请答复书", letter_number="测甲依复〔2025〕3号",
                extra={"delivery": "邮寄"})
    assert "请在办理进度查询页面查看并下载该文书；文书另按您选择的获取方式（邮寄）送达。" in m.body


def test_an_unknown_kind_gives_no_message():
    assert compose("note") is None


def test_check_deploy_warns_when_links_would_point_at_this_machine(settings):
    from gongkai.notifications.checks import public_base_url

    for url in ("http://127.0.0.1:8000", "", "gk.example.gov.cn", "http://localhost/"):
        settings.GONGKAI = {**settings.GONGKAI, "PUBLIC_BASE_URL": url}
        assert [w.id for w in public_base_url(None)] == ["notifications.W001"], url
    settings.GONGKAI = {**settings.GONGKAI, "PUBLIC_BASE_URL": "https://gk.example.gov.cn"}
    assert public_base_url(None) == []
