"""Letters that print a date computed over a year whose holiday arrangement is not confirmed mark it
"（按法定节假日推算）" beside the period in working days (revised domain.md 3.1; ARCHITECTURE.md)."""

import datetime as dt

import pytest

from gongkai.applications import services

D = dt.date.fromisoformat
MARK = "（按法定节假日推算）"


def text_of(app, kind):
    return "\n".join(app.letters.filter(kind=kind).order_by("-id").first().paragraphs)


@pytest.fixture
def december(pin_today):
    return pin_today(D("2026-12-07"))


@pytest.mark.django_db
def test_receipt_marks_a_due_date_in_an_unconfirmed_year(received_app, december):
    app = received_app(D("2026-12-07"))
    text = text_of(app, "receipt")
    assert "20个工作日内" in text and f"2027年1月5日{MARK}" in text


@pytest.mark.django_db
def test_receipt_inside_a_confirmed_year_is_not_marked(received_app, december):
    text = text_of(received_app(D("2026-11-02")), "receipt")
    assert "2026年11月30日" in text and MARK not in text


@pytest.mark.django_db
def test_correction_notice_marks_only_a_period_reaching_next_year(received_app, staff, december):
    app = received_app(D("2026-12-01"))
    services.request_correction(app, staff["a_handler"], D("2026-12-07"), items="请写明文号", period_days=15,
                                served_on=D("2026-12-07"))
    text = text_of(app, "correction_notice")
    assert "最迟于2026年12月28日" in text and MARK not in text
    app2 = received_app(D("2026-12-01"))
    services.request_correction(app2, staff["a_handler"], D("2026-12-07"), items="请写明文号", period_days=20,
                                served_on=D("2026-12-07"))
    assert f"2027年1月5日{MARK}" in text_of(app2, "correction_notice")


@pytest.mark.django_db
def test_fee_and_extension_notices(received_app, staff, december):
    app = received_app(D("2026-11-27"))
    services.extend(app, staff["a_reviewer"], D("2026-12-04"), days=20, reason="需要检索大量档案")
    assert f"2027年1月25日{MARK}" in text_of(app, "extension_notice")
    app2 = received_app(D("2026-11-27"))
    services.issue_fee_notice(app2, staff["a_handler"], D("2026-12-04"), scale="per_volume", units=120,
                              reason="数量明显超过合理范围", served_on=D("2026-12-04"),
                              payment_method="nontax_code", payment_reference="3301001234567")
    text = text_of(app2, "fee_notice")
    assert "20个工作日内" in text and MARK in text


@pytest.mark.django_db
def test_a_date_the_organ_fixes_is_never_marked(received_app, staff, december):
    app = received_app(D("2026-11-27"))
    services.request_explanation(app, staff["a_handler"], D("2026-11-30"), reason="申请数量明显超过合理范围",
                                 reply_by=D("2026-12-07"))
    services.defer(app.__class__.objects.get(pk=app.pk), staff["a_reviewer"], D("2026-12-04"), due=D("2027-02-26"),
                   reason="申请数量明显超过合理范围", explanation="申请人说明系课题研究需要")
    text = text_of(app, "deferral_notice")
    assert "最迟于2027年2月26日" in text and MARK not in text
