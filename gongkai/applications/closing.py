"""The end of a case: the decision (one reportable outcome), the answer and its delivery, closure
of lapsed corrections and payments (by hand, or by the daily job), withdrawal, supplementary answers."""

from __future__ import annotations

import datetime as dt
import logging

from gongkai.law import answers, outcomes, workflows
from gongkai.law import clock as lawclock
from gongkai.law import today as law_today
from gongkai.law.calendar import CalendarMissing

from . import deadlines
from .actions import ActionError, _Action, _check_date, _event, _issue
from .deadlines import compute_clock, refresh_open_deadlines
from .models import Application, EventKind, Status, TimelineEvent

log = logging.getLogger("gongkai.applications")


# Fields an answer may need beyond the reasons, by outcome (domain.md 2.11 item 6): declared with the
# answer requirements in law/answers.py.
DETAIL_FIELDS = answers.DETAIL_FIELDS


def _closure_refusal(app) -> str | None:
    """A case closed as （六）1/（六）2 or withdrawn (（六）3) waits only for the unit head's signature."""
    if app.status == Status.DECIDED and (app.outcome in ("6.1", "6.2") or (
            app.outcome == "6.3" and app.events.filter(kind=EventKind.WITHDRAWN).exists())):
        return f"该申请已终止办理（{outcomes.by_code(app.outcome).short_label}），请由负责人签发告知书"
    return None


def explanation_request(app) -> answers.ExplanationRequest | None:
    """The latest 说明理由告知书 of the case (Art. 35), with its reply deadline."""
    letter = app.letters.filter(kind="explanation_request").order_by("-id").first()
    if letter is None:
        return None
    event = app.events.filter(kind=EventKind.NOTE, data__explanation_letter=letter.number).first()
    reply_by = (event.data or {}).get("reply_by") if event else None
    return answers.ExplanationRequest(letter.number, letter.issued_on,
                                      dt.date.fromisoformat(reply_by) if reply_by else None)


def third_party_views(app) -> tuple[dict[str, str], set[str]]:
    """(objecting third party → the matters consulted on, every third party consulted) — Art. 32
    consultations only, from the timeline."""
    events = list(app.events.filter(kind__in=(EventKind.CONSULTATION_SENT, EventKind.CONSULTATION_ANSWERED)))
    sent = {e.id: e for e in events if e.kind == EventKind.CONSULTATION_SENT
            and (e.data or {}).get("party_kind") == "third_party"}
    objecting = {}
    for e in events:
        ref = (e.data or {}).get("ref")
        if e.kind == EventKind.CONSULTATION_ANSWERED and e.data.get("opinion") == "object" and str(ref).isdigit() \
                and int(ref) in sent:
            sent_data = sent[int(ref)].data or {}
            objecting[sent_data.get("party") or e.data.get("party") or "第三方"] = sent_data.get("matters", "")
    return objecting, {(e.data or {}).get("party", "") for e in sent.values()}


def answer_facts(app) -> answers.Facts:
    objecting, consulted = third_party_views(app)
    return answers.Facts(objections=tuple(objecting), third_party_consulted=bool(consulted),
                         explanation=explanation_request(app))


def decide(app, actor, on: dt.date, *, outcome: str, reasons: str = "", details: dict | None = None,
           expected_version=None, data: dict | None = None):
    """Record the one reportable outcome (domain.md 4). What each outcome's answer must carry (reasons,
    the legal basis, the facts the Regulation puts first) is law/answers.py's; partial disclosure
    counts only as （二）. Disclosure over a third party's objection issues the written notice to it
    (Art. 32). ``data``: more facts for the letter, from the calling service (not the form)."""
    try:
        oc = outcomes.by_code(outcome)
    except KeyError as e:
        raise ActionError(str(e))
    if oc.code in ("6.1", "6.2"):
        raise ActionError("逾期不补正、逾期未缴费由系统在期限届满后终止办理，不能直接选择")
    details = {k: (v or "").strip() for k, v in (details or {}).items() if k in DETAIL_FIELDS}
    for key in ("no_consultation_reason", "public_interest_reason", "explanation_reply"):  # letters end the sentence
        if key in details:
            details[key] = details[key].rstrip("。．.；;，, ")
    reasons = (reasons or "").strip()
    with _Action(app, actor, step="decide", expected_version=expected_version) as app:
        if refusal := _closure_refusal(app):
            raise ActionError(refusal)
        _check_date(app, on, "决定日期")
        facts = answer_facts(app)
        refusal = answers.refusal(oc.code, reasons, details, facts, on)
        if refusal:
            raise ActionError(refusal)
        extra = dict(data or {})
        over_objection = oc.code in outcomes.PROVIDED_CODES and answers.discloses_over_objection(details, facts)
        if oc.code == "2":
            details["exemption_basis"] = answers.format_exemptions(answers.exemption_parts(details["exemption_basis"])[0])
        if oc.code == "5.4":
            ex = facts.explanation
            extra.update(explanation_number=ex.number, explanation_issued_on=ex.issued_on.isoformat(),
                         explanation_reply_by=ex.reply_by.isoformat())
        app.outcome, app.outcome_reasons, app.decided_on = oc.code, reasons, on
        app.status = Status.DECIDED
        app.save(update_fields=["outcome", "outcome_reasons", "decided_on", "status"])
        _event(app, EventKind.DECIDED, on, actor, note=reasons, outcome=oc.code, outcome_label=oc.label,
               **details, **extra)
        if over_objection:
            _notify_objecting_third_parties(app, actor, on, details["public_interest_reason"])
        deadlines.refresh_clock(app)
    return app


def _notify_objecting_third_parties(app, actor, on, reason: str) -> None:
    """条例第三十二条: the decision to disclose over an objection, its content and reasons, in writing to
    the third party (once per party)."""
    objecting, _ = third_party_views(app)
    notified = {(lt.addressee or "") for lt in app.letters.filter(kind="third_party_disclosure_notice")}
    for party, matters in objecting.items():
        if party not in notified:
            _issue(app, "third_party_disclosure_notice", actor, on, party=party, matters=matters, reasons=reason)


def release_refusal(app, on: dt.date) -> str | None:
    """Why the information may not be released on ``on`` (A2): a notice to an objecting third party not
    yet served (its service recorded as for every notice with a period), or served less than 15
    working days before."""
    notices = list(app.letters.filter(kind="third_party_disclosure_notice").order_by("id"))
    if not notices:
        return None
    unserved = [n for n in notices if n.delivered_on is None]
    if unserved:
        return (f"决定公开前已书面告知第三方（{'、'.join(n.number for n in unserved)}），请先登记该告知书的送达日期："
                f"自送达之日起{answers.THIRD_PARTY_HOLD_WORKING_DAYS}个工作日届满后才能答复申请人并提供信息（条例第三十二条）")
    from gongkai.holidays.services import current_calendar

    calendar = current_calendar()
    return answers.release_refusal(on, max(answers.release_after(n.delivered_on, calendar.wd_after) for n in notices))


def latest_decision(app: Application) -> TimelineEvent | None:
    return app.events.filter(kind=EventKind.DECIDED).order_by("-id").first()


def issue_answer(app, actor, on: dt.date, *, expected_version=None):
    """The unit head signs and issues the answer letter (or closure notice); the case is then
    concluded for the annual report (domain.md 5.7)."""
    with _Action(app, actor, step="issue", expected_version=expected_version) as app:
        _check_date(app, on, "答复日期")
        decision = latest_decision(app)
        if not app.outcome:
            raise ActionError("尚未作出决定，不能签发")
        oc = outcomes.by_code(app.outcome)
        if oc.code in outcomes.PROVIDED_CODES and (refusal := release_refusal(app, on)):
            raise ActionError(refusal)
        letter = _issue(app, oc.letter_kind, actor, on, signed=True, **(decision.data if decision else {}))
        app.status = Status.ANSWERED
        app.concluded_on = on
        app.save(update_fields=["status", "concluded_on"])
        deadlines.refresh_clock(app)
    return letter


def record_delivery(app, actor, on: dt.date, *, method: str, letter_id: int | None = None, expected_version=None):
    if not method.strip():
        raise ActionError("请填写送达方式")
    with _Action(app, actor, step="delivery", expected_version=expected_version) as app:
        _check_date(app, on, "送达日期")
        letters = app.letters.filter(kind__in=("answer_letter", "closure_notice"), delivered_on__isnull=True)
        if letter_id:
            letters = letters.filter(pk=letter_id)
        letter = letters.order_by("-id").first()
        if letter is None:
            raise ActionError("没有待送达的答复文书")
        if on < letter.issued_on:
            raise ActionError("送达日期不能早于文书日期")
        letter.delivered_on, letter.delivery_method = on, method
        letter.save(update_fields=["delivered_on", "delivery_method"])
        _event(app, EventKind.DELIVERED, on, actor, letter=letter.number, method=method)
        app.status = Status.CLOSED
        app.save(update_fields=["status"])
        _event(app, EventKind.CLOSED, on, actor)
    return app


def close_lapsed(app, actor, on: dt.date, *, expected_version=None):
    """No correction (（六）1) or no payment (（六）2) within the period: the case ends on the next
    working day after the period (domain.md 3.3 c, f). The schedule does it by itself the day after
    (``close_lapsed_cases``); a handler may do it on the closing day. This records the decision; the
    unit head then signs and issues the closure notice as any answer (``issue_answer``; B17)."""
    with _Action(app, actor, step="close_lapsed", expected_version=expected_version) as app:
        return _close_lapsed(app, actor, on)


def _close_lapsed(app, actor, on: dt.date):
    result = compute_clock(app)
    if result.state == lawclock.CORRECTION_LAPSED:
        code = "6.1"
    elif result.state == lawclock.FEE_LAPSED:
        code = "6.2"
    else:
        raise ActionError("补正期限或缴费期限尚未届满，不能终止办理")
    on = max(on, result.closes_on)
    _check_date(app, on, "终止日期")
    oc = outcomes.by_code(code)
    note = "" if actor is not None else "期限届满，系统按期终止办理"
    app.outcome, app.decided_on, app.status = code, on, Status.DECIDED
    app.outcome_reasons = oc.label
    app.save(update_fields=["outcome", "decided_on", "status", "outcome_reasons"])
    # The period that lapsed, counted from the notice's recorded service, for the closure notice (B8).
    ends = {k: v.isoformat() for k, v in (("correction_due", result.correction_due),
                                          ("payment_due", result.payment_due)) if v is not None}
    _event(app, EventKind.DECIDED, on, actor, note=note, outcome=code, outcome_label=oc.label, **ends)
    deadlines.refresh_clock(app)
    return app


LAPSE_STATUSES = tuple(Status(s) for s in workflows.LAPSING)
LAPSED_STATES = (lawclock.CORRECTION_LAPSED, lawclock.FEE_LAPSED)


def close_lapsed_cases(on: dt.date | None = None) -> int:
    """Close by themselves the cases whose correction or payment period ended without the applicant
    acting (domain.md 3.3 c, f: （六）1, （六）2), as ``close_lapsed`` does, dated the closing day
    (the next working day after the period) once that day has passed: the organ has the whole
    closing day to record a correction or payment that arrived in time, or to close it itself.
    Run daily by the schedule; a case already closed is skipped, so running twice closes once."""
    on = on or law_today.today()
    closed = 0
    for app in Application.objects.filter(status__in=LAPSE_STATUSES).select_related("agency"):
        try:
            result = compute_clock(app)
        except (CalendarMissing, lawclock.ClockError):
            continue
        if result is None or result.state not in LAPSED_STATES or result.closes_on >= on:
            continue
        try:
            with _Action(app, None, step="close_lapsed") as locked:
                _close_lapsed(locked, None, result.closes_on)
        except ActionError as e:  # changed meanwhile (a correction recorded, closed by hand)
            log.info("application %s not closed by the schedule: %s", app.pk, e)
            continue
        closed += 1
    return closed


def daily_deadlines(on: dt.date | None = None) -> tuple[int, int]:
    """The daily clock job (``refresh_deadlines``, jobs.schedule): recompute every open case so
    consultation windows and payment periods lapse, then close the lapsed ones. (refreshed, closed)"""
    refreshed = refresh_open_deadlines()
    return refreshed, close_lapsed_cases(on)


def withdraw(app, actor, on: dt.date, *, reason: str, expected_version=None):
    """The applicant withdraws: reported as （六）3 其他 (project convention). Before receipt the case
    just ends; after receipt the decision is recorded and the unit head signs the closure notice as
    any answer (``issue_answer``; B17), which concludes the case."""
    if not reason.strip():
        raise ActionError("请记录撤回方式（如申请人书面撤回、电话撤回）")
    with _Action(app, actor, step="withdraw", expected_version=expected_version) as app:
        if refusal := _closure_refusal(app):
            raise ActionError(refusal)
        _check_date(app, on, "撤回日期")
        was_received = app.received_on is not None
        _event(app, EventKind.WITHDRAWN, on, actor, note=reason)
        if was_received:
            oc = outcomes.by_code("6.3")
            app.status = Status.DECIDED
            app.outcome, app.decided_on = oc.code, on
            app.outcome_reasons = f"申请人撤回申请：{reason}"
            _event(app, EventKind.DECIDED, on, actor, note=app.outcome_reasons, outcome=oc.code,
                   outcome_label=oc.label, withdrawal=reason, withdrawn_on=on.isoformat())
        else:
            app.status = Status.WITHDRAWN
        app.save(update_fields=["status", "outcome", "decided_on", "outcome_reasons"])
        deadlines.refresh_clock(app)
    return app


def supplementary_answer(app, actor, on: dt.date, *, text: str, expected_version=None):
    """补充答复: a new event and letter on the same application; never a second count (4.2)."""
    if not text.strip():
        raise ActionError("请填写补充答复内容")
    with _Action(app, actor, step="supplementary", expected_version=expected_version) as app:
        _check_date(app, on, "补充答复日期")
        original = app.letters.filter(kind__in=("answer_letter", "closure_notice")).order_by("-id").first()
        _event(app, EventKind.SUPPLEMENTARY_ANSWER, on, actor, note=text)
        return _issue(app, "supplementary_answer", actor, on, text=text,
                      original_number=original.number if original else "",
                      original_date=original.issued_on if original else None)
