"""The schedule, as code: every periodic job of the platform, in China time (Huey ``utc=False``;
Django sets the process's local time to TIME_ZONE, Asia/Shanghai).

| job                        | when                                   | what (plain function, also a command)              |
|----------------------------|----------------------------------------|----------------------------------------------------|
| ``deadlines_daily``        | 00:10 daily, and at worker start-up    | ``applications.services.daily_deadlines``:        |
|                            |                                        | recompute open cases (windows and payment periods  |
|                            |                                        | lapse), close lapsed corrections/fees （六）1/2    |
|                            |                                        | (``refresh_deadlines``)                            |
| ``publish_scheduled_minutely`` | every minute                       | ``publishing.services.publish_scheduled``          |
|                            |                                        | (``publish_scheduled``)                            |
| ``report_reminders_daily`` | 08:00 daily                            | ``reports.services.send_reminders``                |
|                            |                                        | (``report_reminders --send``)                      |
| ``calendar_reminder_weekly`` | 09:00 on 1, 8, 15 … November, then   | ``holidays.services.calendar_reminder``            |
|                            | every 7 days in December (3.1)         | (``calendar_reminder``)                            |
| ``search_repair_daily``    | 02:30 daily, and at worker start-up    | pending attachment texts, then                     |
|                            |                                        | ``search.index.repair`` (index ↔ public documents) |

E-mail goes through ``tasks.deliver_mail`` (retried with backoff, sent once per key). Not statutory:
``housekeeping_daily`` (03:00) forgets sent e-mail keys after 180 days and recovered failures after 90.

None runs twice at once: each body holds a Huey lock (``lock_task``) and a second run while the
first holds it is skipped. Locks live in the queue's storage (SQLite file or Redis), so they hold
across processes and machines; a worker killed while holding one leaves it set until a consumer
starts with ``flush_locks`` (on by default in settings.HUEY). The bodies are idempotent besides —
computed from the data, state checked under a row lock, e-mails keyed — so a run repeated after a
crash, or enqueued by two schedulers, has one effect. Run exactly one scheduler
(``run_huey``); further workers run ``run_huey --no-periodic``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task
from huey.exceptions import TaskLockedException

from .labels import describe

log = logging.getLogger("gongkai.jobs")

# Created at import so that the consumer knows them (flush_locks).
LOCKS = {name: HUEY.lock_task(f"schedule.{name}") for name in (
    "deadlines", "publish_scheduled", "report_reminders", "calendar_reminder", "search_repair", "housekeeping")}


def _exclusive(name: str, fn, *args):
    """Run ``fn`` under the lock ``name``; skip (and say so) while another run holds it."""
    try:
        with LOCKS[name]:
            return fn(*args)
    except TaskLockedException:
        log.info("scheduled job %s is already running elsewhere; skipped", name)
        return None


# -- the jobs ------------------------------------------------------------------------------------


@db_periodic_task(crontab(minute="10", hour="0"), retries=3, retry_delay=600)
def deadlines_daily():
    """The statutory clock (domain.md 3.3): consultation windows and payment periods lapse, cases
    whose correction or payment period lapsed are closed （六）1 / （六）2 — without anyone clicking."""
    from gongkai.applications.services import daily_deadlines

    return _exclusive("deadlines", daily_deadlines)


@db_periodic_task(crontab(), retries=2, retry_delay=20)
def publish_scheduled_minutely():
    """Scheduled publications whose time has come (state checked under the row lock)."""
    from gongkai.publishing.services import publish_scheduled

    return _exclusive("publish_scheduled", publish_scheduled)


@db_periodic_task(crontab(minute="0", hour="8"), retries=3, retry_delay=600)
def report_reminders_daily():
    """Annual-report reminders (domain 5.1), each e-mail once a day at most."""
    from gongkai.reports.services import send_reminders

    return _exclusive("report_reminders", lambda: send_reminders()[1])


@db_periodic_task(crontab(minute="0", hour="9", month="11,12"), retries=3, retry_delay=600)
def calendar_reminder_weekly():
    """From 1 November, weekly, until next year's holiday arrangement is entered (domain.md 3.1)."""
    from gongkai.holidays import services
    from gongkai.law import today as law_today

    if not services.is_reminder_day(law_today.today()):
        return None
    return _exclusive("calendar_reminder", lambda: services.calendar_reminder()[1])


@db_periodic_task(crontab(minute="30", hour="2"), retries=2, retry_delay=900)
def search_repair_daily():
    """Attachment texts whose job was lost, then the index reconciled with the public documents:
    a document published while a process was killed ends up indexed."""
    from gongkai.search import index
    from gongkai.search.index import extract_pending_attachments

    def repair():
        return {"extracted": extract_pending_attachments(), **index.repair()}

    return _exclusive("search_repair", repair)


@db_periodic_task(crontab(minute="0", hour="3"))
def housekeeping_daily():
    """Forget what no retry can need any more: e-mail keys after 180 days, recovered failures after 90."""
    from django.db.models.functions import Now

    from .models import JobFailure, SentMail

    def prune():
        mails, _ = SentMail.objects.filter(status=SentMail.SENT, updated_at__lt=Now() - dt.timedelta(days=180)).delete()
        failures, _ = JobFailure.objects.filter(status=JobFailure.RECOVERED,
                                                updated_at__lt=Now() - dt.timedelta(days=90)).delete()
        return {"mails": mails, "failures": failures}

    return _exclusive("housekeeping", prune)


describe(deadlines_daily, "每日期限计算与逾期终止")
describe(publish_scheduled_minutely, "定时发布")
describe(report_reminders_daily, "年度报告发布期限提醒")
describe(calendar_reminder_weekly, "节假日安排录入提醒")
describe(search_repair_daily, "检索索引核对与附件文本补提取")
describe(housekeeping_daily, "清理过期的任务记录")

# Each statutory job and its period, as the tests and ARCHITECTURE.md state them.
STATUTORY = {
    "deadlines_daily": "每日 00:10，及工作进程启动时",
    "publish_scheduled_minutely": "每分钟",
    "report_reminders_daily": "每日 08:00",
    "calendar_reminder_weekly": "11月1日起每周（11、12月每日 09:00 检查）",
    "search_repair_daily": "每日 02:30，及工作进程启动时",
}

# -- at start-up ---------------------------------------------------------------------------------

_started = threading.Lock()
_catch_up_done = False


@HUEY.on_startup()
def _catch_up_at_start():
    """A worker that starts (after a deploy, a crash, a reboot) catches up at once: the clock and
    the index. Once per process, though every worker thread runs start-up hooks."""
    global _catch_up_done
    with _started:
        if _catch_up_done:
            return
        _catch_up_done = True
    deadlines_daily()
    search_repair_daily()
