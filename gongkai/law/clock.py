"""The statutory answer clock (依申请公开答复期限), domain.md 3.3–3.5.

The due date is a pure function of an application's timeline and the working-day calendar:

    anchor   = corrected_on or received_on         # Art. 30: a correction restarts the period
    allowed  = 20 + extension_days                  # Art. 33: 20 WD, one extension ≤ 20 WD
    consumed = Σ wd_between(segment start, pause start) over the running segments
    due      = wd_after(last resume, allowed − consumed), or the Art. 35 deferral date

Time spent consulting third parties and other organs (Arts. 32, 34) and waiting for a fee
(国办函〔2020〕109号) does not count (Art. 33). A database due date is only a cache of this
function; one module owns the arithmetic and everything else calls it.

Pure Python: no Django import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .calendar import HOLIDAY, WorkCalendar, provisional_note
from .clock_model import (
    AWAITING_CORRECTION,
    CONSULTATION_ANSWERED,
    CONSULTATION_REPLY_DAYS,  # noqa: F401 (re-exported: callers read clock.CONSULTATION_REPLY_DAYS)
    CONSULTATION_SENT,
    CORRECTION_LAPSED,
    CORRECTION_RECEIVED,
    CORRECTION_REQUESTED,
    DEFERRAL,
    EVENT_TYPES,
    EXTENSION,
    FEE_LAPSED,
    FEE_NOTICE_SENT,
    FEE_PAID,
    MIN_CORRECTION_PERIOD_DAYS,  # noqa: F401 (re-exported: callers read clock.MIN_CORRECTION_PERIOD_DAYS)
    PAUSED,
    RUNNING,
    ClockError,
    ClockResult,
    ClockRules,
    Event,
    Pause,
    Segment,
    fmt,
)

DEFAULT_RULES = ClockRules()  # the project's conventions (domain.md 3.3); frozen, so shared
CONFIRM_WITHIN_DAYS = 1  # domain.md 3.3 b: online and letter applications confirmed within 1 WD


def confirmation_late_before(today: dt.date, cal: WorkCalendar, days: int = CONFIRM_WITHIN_DAYS) -> dt.date:
    """收件确认超时 (domain.md 3.3 b): an application that needs its receipt confirmed (online,
    e-mail, fax, ordinary letter) and is still unconfirmed is late when ``wd_after(submitted_on,
    days) < today`` — that is, when it was submitted before the date returned here, the ``days``-th
    working day before ``today``. One date for a whole list, so the workbench filters in the database."""
    if days < 1:
        raise ValueError("days must be at least 1")
    day, found = today, 0
    while found < days:
        day -= dt.timedelta(days=1)
        if cal.is_working_day(day):
            found += 1
    return day


def compute(
    received: dt.date,
    events: Iterable[Event],
    calendar: WorkCalendar,
    *,
    as_of: dt.date | None = None,
    rules: ClockRules = DEFAULT_RULES,
) -> ClockResult:
    """The clock for a timeline. Raises ClockError for a timeline the Regulation forbids, and
    CalendarMissing only when the calendar is strict (``calendar.strict()``) and a needed year is
    not confirmed; otherwise such a year is counted on provisional days and the result says so
    (``provisional_years``, ``earliest_due``, a line of the explanation).

    ``as_of`` (today, in the application) lets windows lapse: an unanswered consultation resumes
    at the end of its 15-WD window, an unpaid fee or missing correction closes the case. Without it
    the timeline is read as recorded: an open pause is still open.
    """
    events = list(events)
    res = _compute(received, events, calendar, as_of, rules)
    res.provisional_years = _provisional_years(res, calendar)
    res.earliest_due = res.due
    if res.provisional_years:
        if res.due is not None:
            try:
                res.earliest_due = _compute(received, events, calendar.earliest(), as_of, rules).due or res.due
            except ClockError:  # the events fit the provisional dates; keep them
                res.earliest_due = res.due
            res.earliest_due = min(res.earliest_due, res.due)
        res.explanation.append(provisional_note(res.provisional_years))
    return res


def _provisional_years(res: ClockResult, cal: WorkCalendar) -> list[int]:
    """The unconfirmed years the dates the case now depends on were counted over: the due date,
    or while paused the open window or payment deadline, or the correction period, or the closure."""
    spans = []
    if res.due is not None and res.deferred_to is None:
        spans.append((res.anchor, res.due))
    for p in res.pauses:
        if p.end is None and p.latest_end is not None:
            spans.append((p.start, p.latest_end))
    if res.state == AWAITING_CORRECTION and res.correction_due is not None:
        spans.append((res.anchor, res.correction_due))
    if res.closes_on is not None:
        spans.append((res.anchor, res.closes_on))
    years: set[int] = set()
    for start, end in spans:
        if end > start:
            years.update(cal.provisional_years_between(start + dt.timedelta(days=1), end))
    return sorted(years)


@dataclass
class _Walk:
    """What ``_compute`` carries from one event to the next."""

    res: ClockResult
    cal: WorkCalendar
    rules: ClockRules
    pauses: list[Pause] = field(default_factory=list)
    correction_requested: bool = False
    correction_pending: bool = False
    late_correction: bool = False  # a notice after correction_notice_due: no restart (3.3 c, B14)


def _compute(received, events, cal, as_of, rules) -> ClockResult:
    ordered = sorted(events, key=lambda e: e.date)  # stable: same-day events keep their order
    res = ClockResult(state=RUNNING, due=None, received=received, anchor=received,
                      correction_notice_due=cal.wd_after(received, rules.correction_notice_days),
                      allowed=rules.answer_days)
    res.explanation.append(
        f"收到申请日期：{fmt(received)}。依据《中华人民共和国政府信息公开条例》第三十三条，"
        f"应自收到申请之日起{rules.answer_days}个工作日内答复；收到当日不计，自次日起算。"
    )
    walk = _Walk(res, cal, rules)
    for ev in ordered:
        if ev.type not in EVENT_TYPES:
            raise ClockError(f"未知的事件类型：{ev.type}")
        if ev.date < received:
            raise ClockError(f"事件日期{ev.date.isoformat()}早于收到申请日期{received.isoformat()}")
        # A consultation whose window has ended by this event's date is over (3.3 d).
        _lapse_windows(walk.pauses, ev.date)
        _HANDLERS[ev.type](walk, ev)
    if walk.correction_pending:
        _end_awaiting_correction(res, walk.pauses, cal, as_of)
        return res
    _finish(res, walk.pauses, cal, as_of, final=True)
    return res


def _service(ev: Event, what: str) -> tuple[dt.date | None, str]:
    """The date a notice's period runs from, and how the explanation names it (A5, B8)."""
    if ev.awaiting_service:
        return None, f"尚未登记{what}送达日期，期限自送达之日起计算，送达登记前不会届满"
    if ev.served_on is None:
        return ev.date, f"未记录送达日期，按发出日期计算{what}期限（期限应自送达之日起计算）"
    if ev.served_on < ev.date:
        raise ClockError("送达日期不能早于发出日期")
    return ev.served_on, f"{fmt(ev.served_on)}送达"


def _on_correction_requested(walk: _Walk, ev: Event) -> None:
    res, lines, rules = walk.res, walk.res.explanation, walk.rules
    # Art. 30: the organ notifies once (一次性告知).
    if walk.correction_requested:
        raise ClockError("每件申请只能发出一次补正告知（条例第三十条“一次性告知”）")
    if any(p.end is None for p in walk.pauses):
        raise ClockError("暂停计时期间不能发出补正告知")
    walk.correction_requested = True
    period = ev.period_days if ev.period_days is not None else rules.correction_period_days
    if period < rules.min_correction_period_days:
        raise ClockError(f"补正期限至少为{rules.min_correction_period_days}个工作日（条例第三十条“合理的补正期限”）")
    if ev.date > res.correction_notice_due:
        # 3.3 c, legal-review.md B14: a late notice does not stop or restart the clock.
        walk.late_correction = True
        lines.append(
            f"{fmt(ev.date)}发出的补正告知晚于收到申请后第{rules.correction_notice_days}个工作日"
            f"（{fmt(res.correction_notice_due)}），不符合条例第三十条“7个工作日内一次性告知”的规定："
            f"答复期限不因该告知停止计算，也不因补正重新起算，仍自{fmt(res.anchor)}起计算。"
        )
        return
    served, said = _service(ev, "补正")
    walk.correction_pending = True
    res.correction_due = walk.cal.wd_after(served, period) if served else None
    res.state = AWAITING_CORRECTION
    until = f"，至{fmt(res.correction_due)}（含当日）" if res.correction_due else ""
    lines.append(
        f"{fmt(ev.date)}发出补正告知（{said}），补正期限{period}个工作日{until}；补正期间答复期限停止计算。"
    )


def _on_correction_received(walk: _Walk, ev: Event) -> None:
    res, lines = walk.res, walk.res.explanation
    if walk.late_correction and not walk.correction_pending:
        lines.append(f"{fmt(ev.date)}收到补正材料；补正告知逾期，答复期限不重新起算。")
        return
    if not walk.correction_pending:
        raise ClockError("尚未发出补正告知，不能登记补正材料")
    walk.correction_pending = False
    if res.correction_due is not None and ev.date > res.correction_due:
        lines.append(f"注意：补正材料晚于补正期限（{res.correction_due.isoformat()}）收到。")
    res.anchor = ev.date
    res.state = RUNNING
    walk.pauses = []  # Art. 30: the period runs anew from the corrected application
    lines.append(
        f"{fmt(ev.date)}收到补正后的申请，答复期限自该日重新起算（条例第三十条），此前已计工作日不再计入。"
    )


def _on_pause_sent(walk: _Walk, ev: Event) -> None:
    """A consultation letter or a fee notice: the clock pauses (Art. 33, 国办函〔2020〕109号)."""
    res, pauses, cal, rules, lines = walk.res, walk.pauses, walk.cal, walk.rules, walk.res.explanation
    if walk.correction_pending:
        raise ClockError("等待补正期间不能暂停计时")
    due_now = _due_so_far(res, pauses, cal, ev.date)
    # B15: the due date is still inside the period, so a pause may start on it.
    if due_now is not None and ev.date > due_now:
        raise ClockError(f"暂停计时最迟须在答复期限届满当日（{due_now.isoformat()}）开始")
    if ev.type == CONSULTATION_SENT:
        served, said = _service(ev, "征求意见函")
        window = cal.wd_after(served, rules.consultation_reply_days) if served else None
        pauses.append(Pause("consultation", ev.date, None, window, ref=ev.ref))
        until = f"，最迟于{fmt(window)}" if window else ""
        lines.append(
            f"{fmt(ev.date)}发出征求意见函，暂停计时（条例第三十三条第三款）；{said}；"
            f"对方应自收到之日起{rules.consultation_reply_days}个工作日内答复{until}。"
        )
    else:
        if any(p.kind == "fee" for p in pauses):
            raise ClockError("每件申请只能发出一次收费通知")
        served, said = _service(ev, "收费通知")
        deadline = cal.wd_after(served, rules.fee_payment_days) if served else None
        res.payment_due = deadline
        pauses.append(Pause("fee", ev.date, None, deadline))
        until = f"，最迟于{fmt(deadline)}" if deadline else ""
        lines.append(
            f"{fmt(ev.date)}发出收费通知，暂停计时；{said}；申请人应自收到通知次日起"
            f"{rules.fee_payment_days}个工作日内缴费{until}（国办函〔2020〕109号）。"
        )


def _on_consultation_answered(walk: _Walk, ev: Event) -> None:
    lines = walk.res.explanation
    consultations = [p for p in walk.pauses if p.kind == "consultation"]
    if ev.ref is not None:
        consultations = [p for p in consultations if p.ref == ev.ref] or consultations
    open_ = [p for p in consultations if p.end is None]
    late = [p for p in consultations if p.ended_by == "window" and not p.replied]
    if open_:
        pause = open_[0]
        pause.end, pause.ended_by, pause.replied = ev.date, "reply", True
        lines.append(f"{fmt(ev.date)}收到征求意见答复，恢复计时（恢复当日不计）。")
    elif late:
        late[0].replied = True
        lines.append(
            f"征求意见答复期限{fmt(late[0].latest_end)}届满时已恢复计时；"
            f"{fmt(ev.date)}收到的逾期答复不影响期限。"
        )
    else:
        raise ClockError("没有待答复的征求意见，不能登记答复")


def _on_fee_paid(walk: _Walk, ev: Event) -> None:
    lines = walk.res.explanation
    open_ = [p for p in walk.pauses if p.kind == "fee" and p.end is None]
    if not open_:
        raise ClockError("没有待缴的收费通知，不能登记缴费")
    open_[0].end, open_[0].ended_by = ev.date, "payment"
    lines.append(f"{fmt(ev.date)}申请人缴费，恢复计时（恢复当日不计）。")
    if open_[0].latest_end is not None and ev.date > open_[0].latest_end:
        lines.append(f"注意：缴费晚于缴费期限{open_[0].latest_end.isoformat()}。")


def _on_extension(walk: _Walk, ev: Event) -> None:
    res, rules = walk.res, walk.rules
    # Art. 33: one extension of at most 20 WD, approved before the period expires.
    if res.extension_days:
        raise ClockError("每件申请只能延期一次（条例第三十三条）")
    if walk.correction_pending:
        raise ClockError("等待补正期间不能延期")
    days = ev.days if ev.days is not None else rules.max_extension_days
    if not 1 <= days <= rules.max_extension_days:
        raise ClockError(f"延期天数须为1至{rules.max_extension_days}个工作日")
    due_now = _due_so_far(res, walk.pauses, walk.cal, ev.date)
    if due_now is not None and ev.date > due_now:
        raise ClockError("延期须在答复期限届满前批准")
    res.extension_days = days
    res.allowed = rules.answer_days + days
    res.explanation.append(
        f"{fmt(ev.date)}经政府信息公开工作机构负责人同意延期{days}个工作日（条例第三十三条第二款），"
        f"答复期限合计{res.allowed}个工作日。"
    )


def _on_deferral(walk: _Walk, ev: Event) -> None:
    res = walk.res
    if ev.due is None:
        raise ClockError("延迟答复须指定答复日期")
    due_now = _due_so_far(res, walk.pauses, walk.cal, ev.date)
    if due_now is None:
        # While paused the current due date is unknown, so a fixed date could shorten it.
        raise ClockError("暂停计时期间不能确定延迟答复日期，请在恢复计时后办理")
    if ev.due <= due_now:
        raise ClockError("延迟答复日期须晚于当前答复期限")
    res.deferred_to = ev.due
    res.explanation.append(f"{fmt(ev.date)}依条例第三十五条确定延迟答复日期{fmt(ev.due)}。")


_HANDLERS = {
    CORRECTION_REQUESTED: _on_correction_requested,
    CORRECTION_RECEIVED: _on_correction_received,
    CONSULTATION_SENT: _on_pause_sent,
    FEE_NOTICE_SENT: _on_pause_sent,
    CONSULTATION_ANSWERED: _on_consultation_answered,
    FEE_PAID: _on_fee_paid,
    EXTENSION: _on_extension,
    DEFERRAL: _on_deferral,
}


def _end_awaiting_correction(res: ClockResult, pauses, cal, as_of) -> None:
    """The timeline ends while a correction is outstanding: waiting, or lapsed (（六）1) after it."""
    res.state = AWAITING_CORRECTION
    if res.correction_due is None:
        res.explanation.append("等待申请人补正；补正告知送达登记前，补正期限不会届满。")
    elif as_of is not None and as_of > res.correction_due:
        res.state = CORRECTION_LAPSED
        res.closes_on = cal.wd_after(res.correction_due, 1)
        res.explanation.append(
            f"申请人未在补正期限内补正，{fmt(res.closes_on)}终止办理（其他处理：逾期不补正）。"
        )
    else:
        res.explanation.append("等待申请人补正，答复期限待补正后重新起算。")
    res.pauses = pauses


def _merged(pauses: list[Pause], anchor: dt.date) -> list[tuple[dt.date, dt.date | None]]:
    """Pause intervals after the anchor, overlapping ones merged (3.3 d)."""
    spans = sorted(
        ((max(p.start, anchor), p.end) for p in pauses if p.end is None or p.end > anchor),
        key=lambda s: s[0],
    )
    merged: list[list] = []
    for start, end in spans:
        if merged and (merged[-1][1] is None or start <= merged[-1][1]):
            last = merged[-1]
            last[1] = None if last[1] is None or end is None else max(last[1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _lapse_windows(pauses: list[Pause], as_of: dt.date | None) -> None:
    """An unanswered consultation ends at its window end once that day has come (3.3 d)."""
    if as_of is None:
        return
    for p in pauses:
        if p.kind == "consultation" and p.end is None and p.latest_end is not None and as_of >= p.latest_end:
            p.end, p.ended_by = p.latest_end, "window"


def _due_so_far(res, pauses, cal, as_of) -> dt.date | None:
    """The due date implied by the events before ``as_of``; None while paused."""
    copy = [Pause(p.kind, p.start, p.end, p.latest_end, p.ended_by, p.ref, p.replied) for p in pauses]
    probe = ClockResult(
        state=RUNNING,
        due=None,
        received=res.received,
        anchor=res.anchor,
        correction_notice_due=res.correction_notice_due,
        allowed=res.allowed,
        extension_days=res.extension_days,
        deferred_to=res.deferred_to,
    )
    _finish(probe, copy, cal, as_of, final=False)
    return probe.due


def _finish(res: ClockResult, pauses, cal, as_of, *, final: bool) -> None:
    _lapse_windows(pauses, as_of)
    consumed = 0
    cursor = res.anchor
    segments: list[Segment] = []
    for start, end in _merged(pauses, res.anchor):
        counted = cal.wd_between(cursor, start)
        segments.append(Segment("counted", cursor, start, counted))
        consumed += counted
        if end is None:
            segments.append(Segment("paused", start, None, None))
            res.consumed = consumed
            res.remaining = max(res.allowed - consumed, 0)
            res.state = PAUSED
            res.due = None
            fee_open = next((p for p in pauses if p.kind == "fee" and p.end is None), None)
            if fee_open and fee_open.latest_end is not None and as_of is not None and as_of > fee_open.latest_end:
                res.state = FEE_LAPSED
                res.closes_on = cal.wd_after(fee_open.latest_end, 1)
            if final:
                res.pauses, res.segments = pauses, segments
                if res.state == FEE_LAPSED:
                    res.explanation.append(
                        f"申请人未在缴费期限内缴费，{fmt(res.closes_on)}终止办理（其他处理：逾期未缴费）。"
                    )
                else:
                    res.explanation.append(
                        f"暂停计时中：已计{consumed}个工作日，剩余{res.remaining}个工作日，恢复后继续计算。"
                    )
            return
        segments.append(Segment("paused", start, end, None))
        cursor = end
    res.consumed = consumed
    remaining = max(res.allowed - consumed, 0)
    due = cal.wd_after(cursor, remaining)
    res.state = RUNNING
    res.remaining = None
    if res.deferred_to is not None:
        due = res.deferred_to
    res.due = due
    if not final:
        return
    segments.append(Segment("counted", cursor, due, cal.wd_between(cursor, due)))
    res.pauses, res.segments = pauses, segments
    res.special_days = cal.special_days(res.anchor, due)
    skipped = [d for d in res.special_days if d.kind == HOLIDAY]
    worked = [d for d in res.special_days if d.kind != HOLIDAY]
    if skipped:
        res.explanation.append(
            "跳过的节假日（工作日休息）："
            + "、".join(f"{d.date.isoformat()}{('（' + d.note + '）') if d.note else ''}" for d in skipped)
            + "。"
        )
    if worked:
        res.explanation.append(
            "计入的调休上班日：" + "、".join(d.date.isoformat() for d in worked) + "。"
        )
    if res.deferred_to is not None:
        res.explanation.append(f"答复期限：{fmt(due)}（依条例第三十五条确定的延迟答复日期）。")
    else:
        paused_note = f"，扣除暂停计时{len([s for s in segments if s.kind == 'paused'])}段" if pauses else ""
        res.explanation.append(
            f"答复期限：{fmt(due)}（共{res.allowed}个工作日{paused_note}）。"
        )


def events_from_json(items: list[dict]) -> list[Event]:
    """Parse the CLI/API event shape. Raises ClockError with a Chinese message on bad input."""
    out = []
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ClockError(f"第{i}个事件不是对象")
        kind = item.get("type")
        if kind not in EVENT_TYPES:
            raise ClockError(f"第{i}个事件的类型无效：{kind!r}；可用类型：{', '.join(EVENT_TYPES)}")
        out.append(
            Event(
                type=kind,
                date=parse_date(item.get("date"), f"第{i}个事件的 date"),
                period_days=_opt_int(item, "period_days", i),
                days=_opt_int(item, "days", i),
                served_on=parse_date(item["served_on"], f"第{i}个事件的 served_on") if item.get("served_on") else None,
                ref=str(item["ref"]) if item.get("ref") is not None else None,
                due=parse_date(item["due"], f"第{i}个事件的 due") if item.get("due") else None,
            )
        )
    return out


def _opt_int(item: dict, key: str, i: int) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ClockError(f"第{i}个事件的 {key} 必须是整数")
    return value


def parse_date(value, what: str = "日期") -> dt.date:
    if not isinstance(value, str):
        raise ClockError(f"{what}缺失或不是字符串（格式 YYYY-MM-DD）")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ClockError(f"{what}格式无效：{value!r}（应为 YYYY-MM-DD）")
