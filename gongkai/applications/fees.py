"""Fees (Art. 42, 国办函〔2020〕109号): the quote by piece or by volume, the pieces counted this
month, the fee notice that pauses the clock, and the payment."""

from __future__ import annotations

import datetime as dt

from gongkai.law import clock as lawclock
from gongkai.law import fees as lawfees

from . import deadlines
from .actions import ActionError, _Action, _check_date, _event, _issue, _with_clock_check
from .handling import _check_served, _mark_served, _resume_if_clear
from .models import Application, EventKind, Status


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
    """The pieces before this application in the 按件 count: the rule is law/fees.pieces_filed_before
    (per organ, per applicant, per calendar month, every piece filed, as split at intake; A4, B9);
    this only reads the rows."""
    if not app.received_on:
        return 0
    month_start = app.received_on.replace(day=1)
    rows = Application.objects.filter(
        agency_id=app.agency_id, id_number__iexact=app.id_number.strip(),
        received_on__gte=month_start, received_on__lte=app.received_on,
    ).values_list("pk", "id_number", "received_on", "pieces")
    filings = [lawfees.Filing(app.agency_id, number, on, pieces, pk) for pk, number, on, pieces in rows]
    return lawfees.pieces_filed_before(
        filings, lawfees.Filing(app.agency_id, app.id_number, app.received_on, app.pieces, app.pk))


def issue_fee_notice(app, actor, on: dt.date, *, scale: str, units: int | None = None, reason: str,
                     payment_method: str = "", payment_reference: str = "", served_on=None,
                     expected_version=None):
    """Art. 42 and 国办函〔2020〕109号: a fee only for requests clearly beyond a reasonable range;
    one scale per application; the notice pauses the clock until payment. 按件: the pieces of this
    application are those recorded at intake (``units`` may only repeat them); 按量 only for the forms
    of delivery 109号第五条 allows; the notice names the payment method (第六条; B10)."""
    if not reason.strip():
        raise ActionError("收取信息处理费须记录理由（申请数量或频次明显超过合理范围）")
    with _Action(app, actor, step="fee", expected_version=expected_version) as app:
        _check_date(app, on, "收费通知日期")
        if app.events.filter(kind=EventKind.FEE_NOTICE_SENT).exists():
            raise ActionError("每件申请只能发出一次收费通知")
        refusal = lawfees.per_volume_refusal(scale, app.delivery) or lawfees.payment_method_refusal(
            payment_method, payment_reference)
        if refusal:
            raise ActionError(refusal)
        if scale == "per_piece":
            if units not in (None, app.pieces):
                raise ActionError(f"按件计收以登记时确定的件数为准：本申请为{app.pieces}件")
            units = app.pieces
        elif units is None:
            raise ActionError("请填写按量计收的页数")
        prior = prior_pieces_this_month(app) if scale == "per_piece" else 0
        quote = fee_quote(app, scale, units, prior)
        if quote.amount <= 0:
            raise ActionError("按所选标准计算费用为0元，无需发出收费通知")
        # The payment period runs from service (legal-review.md A5): known at sending (electronic
        # delivery) or recorded later (record_service); until then it cannot lapse.
        _check_served(on, served_on)
        result = _with_clock_check(app, lawclock.Event(lawclock.FEE_NOTICE_SENT, on, served_on=served_on,
                                                       awaiting_service=served_on is None))
        served = {"served_on": served_on.isoformat(), "payment_due": result.payment_due.isoformat()} \
            if served_on else {}
        _event(app, EventKind.FEE_NOTICE_SENT, on, actor, note=reason, scale=scale, units=units, prior_pieces=prior,
               amount=quote.amount, explanation=quote.explanation(), payment_method=payment_method,
               payment_reference=payment_reference.strip(), **served)
        app.status = Status.PAUSED
        app.save(update_fields=["status"])
        deadlines.refresh_clock(app)
        letter = _issue(app, "fee_notice", actor, on, scale=scale, units=units, amount=quote.amount,
                        fee_explanation=quote.explanation(), payment_due=result.payment_due, reason=reason,
                        payment_method_label=lawfees.PAYMENT_METHODS[payment_method],
                        payment_reference=payment_reference.strip())
        _mark_served(letter, served_on)
    return app


def record_payment(app, actor, on: dt.date, *, note: str = "", expected_version=None):
    with _Action(app, actor, step="payment", expected_version=expected_version) as app:
        _check_date(app, on, "缴费日期")
        notice = app.events.filter(kind=EventKind.FEE_NOTICE_SENT).first()
        if notice is None or app.events.filter(kind=EventKind.FEE_PAID).exists():
            raise ActionError("没有待缴费的收费通知")
        payment_due = deadlines.compute_clock(app, as_of=on).payment_due  # None until service is recorded
        if payment_due is not None and on > payment_due:
            raise ActionError("缴费日期已超过缴费期限，应按逾期未缴费终止办理")
        _event(app, EventKind.FEE_PAID, on, actor, note=note)
        _resume_if_clear(app)
    return app
