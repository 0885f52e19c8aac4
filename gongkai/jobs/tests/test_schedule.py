"""The schedule is code: each statutory job is registered with its period, and the daily job makes
cases lapse without anyone clicking (today pinned)."""

import datetime as dt

import pytest
from huey.contrib.djhuey import HUEY

from gongkai.applications import services
from gongkai.applications.models import Application, EventKind, Status
from gongkai.jobs import schedule
from gongkai.jobs.failures import full_name
from gongkai.law import clock as lawclock

D = dt.date.fromisoformat


def fire_times(start: dt.datetime, minutes: int) -> dict[str, list[dt.datetime]]:
    """When each periodic task of the registry fires, minute by minute from ``start``."""
    fired: dict[str, list[dt.datetime]] = {}
    for n in range(minutes):
        moment = start + dt.timedelta(minutes=n)
        for task in HUEY.read_periodic(moment):
            fired.setdefault(full_name(task).rsplit(".", 1)[-1], []).append(moment)
    return fired


def test_the_schedule_has_each_statutory_job_with_its_period():
    day = fire_times(dt.datetime(2026, 3, 2, 0, 0), 24 * 60)  # a Monday in March
    assert day["deadlines_daily"] == [dt.datetime(2026, 3, 2, 0, 10)]
    assert len(day["publish_scheduled_minutely"]) == 24 * 60  # every minute
    assert day["report_reminders_daily"] == [dt.datetime(2026, 3, 2, 8, 0)]
    assert day["search_repair_daily"] == [dt.datetime(2026, 3, 2, 2, 30)]
    assert day["housekeeping_daily"] == [dt.datetime(2026, 3, 2, 3, 0)]
    assert "calendar_reminder_weekly" not in day  # not before November
    november = fire_times(dt.datetime(2026, 11, 1, 0, 0), 24 * 60)
    assert november["calendar_reminder_weekly"] == [dt.datetime(2026, 11, 1, 9, 0)]
    assert set(schedule.STATUTORY) <= set(day) | set(november)
    # The clock and the index catch up when a worker starts.
    assert schedule._catch_up_at_start.__name__ in HUEY._startup


def test_calendar_reminder_runs_weekly_from_1_november(pin_today, django_user_model, django_capture_on_commit_callbacks):
    from django.core import mail

    django_user_model.objects.create_superuser("root", "root@example.com", "pw-123456")
    sent_on = []
    for n in range(21):
        day = dt.date(2026, 11, 1) + dt.timedelta(days=n)
        pin_today(day)
        with django_capture_on_commit_callbacks(execute=True):
            schedule.calendar_reminder_weekly.call_local()
        if len(mail.outbox) > len(sent_on):
            sent_on.append(day)
    assert sent_on == [dt.date(2026, 11, 1), dt.date(2026, 11, 8), dt.date(2026, 11, 15)]


def reload(app):
    return Application.objects.get(pk=app.pk)


def test_a_correction_lapse_closes_the_case_without_anyone_clicking(received_app, staff, pin_today):
    """domain.md 3.3 c: received 2025-03-03, notice served 03-05, period ends 03-26; nothing arrives:
    the case is closed on 2025-03-27 as （六）1. The schedule leaves the closing day to the organ and
    records the closure the next night, dated the closing day; the unit head then signs the closure
    notice like an answer (legal-review.md B17)."""
    app = received_app(D("2025-03-03"))
    pin_today(D("2025-03-05"))
    services.request_correction(app, staff["a_handler"], D("2025-03-05"), items="请写明所需信息的名称",
                                served_on=D("2025-03-05"))
    pin_today(D("2025-03-27"))
    schedule.deadlines_daily.call_local()
    app = reload(app)
    assert app.status == Status.AWAITING_CORRECTION and app.clock_state == lawclock.CORRECTION_LAPSED
    pin_today(D("2025-03-28"))
    schedule.deadlines_daily.call_local()
    app = reload(app)
    assert app.status == Status.DECIDED and app.outcome == "6.1" and app.decided_on == D("2025-03-27")
    decided = app.events.get(kind=EventKind.DECIDED)
    assert decided.actor is None and "系统" in decided.note
    assert not app.letters.filter(kind="closure_notice").exists()  # awaiting the unit head's signature
    # Idempotent: the job again (a retry, a second scheduler, the start-up run) decides nothing more.
    schedule.deadlines_daily.call_local()
    assert app.events.filter(kind=EventKind.DECIDED).count() == 1
    services.issue_answer(app, staff["a_reviewer"], D("2025-03-28"))
    app = reload(app)
    assert app.status == Status.ANSWERED and app.concluded_on == D("2025-03-28")
    assert app.letters.filter(kind="closure_notice").count() == 1


def test_a_correction_notice_not_yet_served_never_lapses(received_app, staff, pin_today):
    """legal-review.md A5/B8: the period runs from service; until it is recorded nothing lapses."""
    app = received_app(D("2025-03-03"))
    pin_today(D("2025-03-05"))
    services.request_correction(app, staff["a_handler"], D("2025-03-05"), items="请写明所需信息的名称")
    pin_today(D("2025-05-05"))
    schedule.deadlines_daily.call_local()
    assert reload(app).status == Status.AWAITING_CORRECTION and not reload(app).outcome


def test_a_fee_lapse_closes_the_case_without_anyone_clicking(received_app, staff, pin_today):
    """domain.md 3.3 f: fee notice served 2025-11-14, payment due 12-12; unpaid: closed 2025-12-15 as
    （六）2, the closure notice then signed by the unit head (B17)."""
    app = received_app(D("2025-11-03"))
    pin_today(D("2025-11-14"))
    services.issue_fee_notice(app, staff["a_handler"], D("2025-11-14"), scale="per_volume", units=140,
                              reason="页数过多", served_on=D("2025-11-14"), payment_method="nontax_code",
                              payment_reference="3301-2025-000123")
    pin_today(D("2025-12-16"))
    schedule.deadlines_daily.call_local()
    app = reload(app)
    assert app.status == Status.DECIDED and app.outcome == "6.2" and app.decided_on == D("2025-12-15")


def test_a_correction_recorded_on_the_closing_day_keeps_the_case(received_app, staff, pin_today):
    app = received_app(D("2025-03-03"))
    pin_today(D("2025-03-05"))
    services.request_correction(app, staff["a_handler"], D("2025-03-05"), items="x", served_on=D("2025-03-05"))
    pin_today(D("2025-03-27"))
    schedule.deadlines_daily.call_local()
    # The corrected application arrived on the last day of the period; the handler records it next day.
    services.record_correction(reload(app), staff["a_handler"], D("2025-03-26"))
    pin_today(D("2025-03-28"))
    schedule.deadlines_daily.call_local()
    assert reload(app).status == Status.IN_PROGRESS


def test_a_consultation_window_lapses_and_the_clock_resumes(received_app, staff, pin_today):
    """domain.md 3.3 d: no reply to the letter served 2025-09-10; the window ends 09-30 and the
    answer is due 2025-10-24."""
    app = received_app(D("2025-09-01"))
    pin_today(D("2025-09-10"))
    services.consult(app, staff["a_handler"], D("2025-09-10"), party="某建材公司", kind="third_party", matters="合同",
                     served_on=D("2025-09-10"))
    assert reload(app).status == Status.PAUSED
    pin_today(D("2025-10-01"))
    schedule.deadlines_daily.call_local()
    app = reload(app)
    assert app.status == Status.IN_PROGRESS and app.due_on == D("2025-10-24")


def test_scheduled_publication_runs_every_minute_once(tree, pin_today, django_capture_on_commit_callbacks):
    from gongkai.law import today as law_today
    from gongkai.publishing.models import DocStatus, Document, PublicationEvent

    pin_today(D("2026-03-02"))
    doc = Document.objects.create(agency=tree["a"], title="关于定时发布的通知", body="正文", status=DocStatus.SCHEDULED,
                                  scheduled_for=law_today.now() - dt.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule.publish_scheduled_minutely.call_local() == 1
        assert schedule.publish_scheduled_minutely.call_local() == 0
    doc.refresh_from_db()
    assert doc.status == DocStatus.PUBLISHED and doc.index_no
    assert doc.events.filter(kind=PublicationEvent.PUBLISHED).count() == 1
    from gongkai.search import index

    assert [h.document.pk for h in index.search("定时发布").hits] == [doc.pk]


def test_a_job_holding_its_lock_is_not_run_twice_at_once():
    calls = []
    with schedule.LOCKS["deadlines"]:  # another worker is running it
        assert schedule._exclusive("deadlines", lambda: calls.append(1)) is None
    assert calls == []
    assert schedule._exclusive("deadlines", lambda: calls.append(1) or "ran") == "ran"
    assert not schedule.LOCKS["deadlines"].is_locked()


@pytest.mark.django_db
def test_start_up_catches_up_once_per_process(monkeypatch):
    enqueued = []
    monkeypatch.setattr(schedule, "_catch_up_done", False)
    monkeypatch.setattr(schedule, "deadlines_daily", lambda: enqueued.append("deadlines"))
    monkeypatch.setattr(schedule, "search_repair_daily", lambda: enqueued.append("search"))
    schedule._catch_up_at_start()
    schedule._catch_up_at_start()  # a second worker thread of the same process
    assert enqueued == ["deadlines", "search"]


@pytest.mark.django_db
def test_housekeeping_forgets_only_what_no_retry_needs():
    from gongkai.jobs.models import JobFailure, SentMail

    SentMail.objects.create(key="old", status=SentMail.SENT)
    SentMail.objects.create(key="new", status=SentMail.SENT)
    SentMail.objects.create(key="stuck", status=SentMail.SENDING)
    JobFailure.objects.create(task_id="a", task_name="x", error="e", status=JobFailure.RECOVERED)
    JobFailure.objects.create(task_id="b", task_name="x", error="e", status=JobFailure.FAILED)
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    SentMail.objects.filter(key__in=["old", "stuck"]).update(updated_at=long_ago)
    JobFailure.objects.update(updated_at=long_ago)
    assert schedule.housekeeping_daily.call_local() == {"mails": 1, "failures": 1}
    assert set(SentMail.objects.values_list("key", flat=True)) == {"new", "stuck"}
    assert list(JobFailure.objects.values_list("task_id", flat=True)) == ["b"]
