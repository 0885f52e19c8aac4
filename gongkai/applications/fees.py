"""Fees (Art. 42, 国办函〔2020〕109号): the quote by piece or by volume, the pieces counted this
month, the fee notice that pauses the clock, and the payment."""

from __future__ import annotations

import datetime as dt

from gongkai.law import clock as lawclock
from gongkai.law import fees as lawfees

from . import deadlines
from .actions import ActionError, _Action, _check_date, _event, _issue, _with_clock_check
from .handling import _resume_if_clear
from .models import Application, EventKind, Status, TimelineEvent


def fee_quote(app: Application, scale: str, units: int, prior_pieces: int = 0):
    if units < 1:
        raise ActionError("件数或页数至少为1")
    try:
        if scale == "per_piece":
            return lawfees.per_piece_fee(prior_pieces, units)
        if scale == "per_volume":
            return lawfees.per_volume_fee(units)
    except ValueError as e:
        raise ActionError(str(e))
    raise ActionError("请选择收费方式（按件或按量，二者择一）")


def prior_pieces_this_month(app: Application) -> int:
    """按件 counts per applicant, cumulative within the calendar month of the receipt date."""
    if not app.received_on:
        return 0
    from django.db.models import Sum  # noqa: F401

    month_start = app.received_on.replace(day=1)
    qs = TimelineEvent.objects.filter(
        kind=EventKind.FEE_NOTICE_SENT, application__id_number=app.id_number,
        application__received_on__gte=month_start, application__received_on__lte=app.received_on,
        data__scale="per_piece",
    ).exclude(application=app)
    return sum(int(e.data.get("units", 0)) for e in qs)


def issue_fee_notice(app, actor, on: dt.date, *, scale: str, units: int, reason: str, served_on=None,
                     expected_version=None):
    """Art. 42 and 国办函〔2020〕109号: a fee only for requests clearly beyond a reasonable range;
    one scale per application; the notice pauses the clock until payment."""
    if not reason.strip():
        raise ActionError("收取信息处理费须记录理由（申请数量或频次明显超过合理范围）")
    with _Action(app, actor, step="fee", expected_version=expected_version) as app:
        _check_date(app, on, "收费通知日期")
        if app.events.filter(kind=EventKind.FEE_NOTICE_SENT).exists():
            raise ActionError("每件申请只能发出一次收费通知")
        prior = prior_pieces_this_month(app) if scale == "per_piece" else 0
        quote = fee_quote(app, scale, units, prior)
        if quote.amount <= 0:
            raise ActionError("按所选标准计算费用为0元，无需发出收费通知")
        served = served_on or on
        result = _with_clock_check(app, lawclock.Event(lawclock.FEE_NOTICE_SENT, on, served_on=served))
        _event(app, EventKind.FEE_NOTICE_SENT, on, actor, note=reason, scale=scale, units=units, prior_pieces=prior,
               amount=quote.amount, explanation=quote.explanation(), served_on=served.isoformat(),
               payment_due=result.payment_due.isoformat())
        app.status = Status.PAUSED
        app.save(update_fields=["status"])
        deadlines.refresh_clock(app)
        _issue(app, "fee_notice", actor, on, scale=scale, units=units, amount=quote.amount,
               fee_explanation=quote.explanation(), payment_due=result.payment_due, reason=reason)
    return app


def record_payment(app, actor, on: dt.date, *, note: str = "", expected_version=None):
    with _Action(app, actor, step="payment", expected_version=expected_version) as app:
        _check_date(app, on, "缴费日期")
        notice = app.events.filter(kind=EventKind.FEE_NOTICE_SENT).first()
        if notice is None or app.events.filter(kind=EventKind.FEE_PAID).exists():
            raise ActionError("没有待缴费的收费通知")
        if on > dt.date.fromisoformat(notice.data["payment_due"]):
            raise ActionError("缴费日期已超过缴费期限，应按逾期未缴费终止办理")
        _event(app, EventKind.FEE_PAID, on, actor, note=note)
        _resume_if_clear(app)
    return app
