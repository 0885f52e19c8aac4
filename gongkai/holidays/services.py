"""The calendar in force: built-in data plus administrator overrides, cached per data version."""

import datetime as dt
import threading

from django.db import transaction
from django.db.models import Count, Max

from gongkai.law import holiday_rules
from gongkai.law import today as law_today
from gongkai.law.calendar import (
    BUILTIN_FIRST_YEAR,
    BUILTIN_LAST_YEAR,
    HOLIDAY,
    WORKDAY,
    WorkCalendar,
    builtin_overrides,
)
from gongkai.law.holiday_notice import NoticeProblem, check_notice, parse_notice

from .models import CalendarDay, CalendarLog, CalendarYear

_lock = threading.Lock()
_cache: dict = {}


def _version():
    days = CalendarDay.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    years = CalendarYear.objects.aggregate(n=Count("id"), t=Max("updated_at"))
    return (days["n"], days["t"], years["n"], years["t"])


def forget_calendar() -> None:
    """Drop the cached calendar (the data changed)."""
    with _lock:
        _cache.clear()


def current_calendar() -> WorkCalendar:
    """The WorkCalendar every deadline computation uses."""
    version = _version()
    with _lock:
        if _cache.get("version") == version:
            return _cache["calendar"]
    overrides, notes, years = builtin_overrides()
    for day in CalendarDay.objects.all():
        overrides[day.date] = HOLIDAY if day.kind == CalendarDay.HOLIDAY else WORKDAY
        notes[day.date] = day.note
    for row in CalendarYear.objects.all():
        if row.complete:
            years.add(row.year)
        else:
            years.discard(row.year)
    calendar = WorkCalendar(overrides, years, notes)
    with _lock:
        _cache.update(version=version, calendar=calendar)
    return calendar


def unconfirmed_years_ahead(today: dt.date) -> list[int]:
    """Years the banner names: this year if not confirmed, and from 1 November next year if not."""
    complete = current_calendar().complete_years
    years = [today.year] + ([today.year + 1] if today.month >= 11 else [])
    return [y for y in years if y not in complete]


def missing_next_year(today: dt.date | None = None) -> int | None:
    """From 1 November, the next year if its arrangement is not yet entered (3.1 reminder)."""
    today = today or law_today.today()
    return today.year + 1 if today.year + 1 in unconfirmed_years_ahead(today) else None


def is_reminder_day(day: dt.date) -> bool:
    """Weekly from 1 November (3.1): 1, 8, 15, 22, 29 November, 6 December, …"""
    return day.month >= 11 and (day - dt.date(day.year, 11, 1)).days % 7 == 0


def calendar_reminder(today: dt.date | None = None) -> tuple[str | None, int]:
    """Remind the platform administrators to enter next year's holiday arrangement (3.1), by e-mail
    through the job queue, once a day at most. Returns the message and the number of administrators
    e-mailed; (None, 0) when nothing is missing. The schedule calls it on ``is_reminder_day``."""
    from django.contrib.auth import get_user_model

    from gongkai.applications.models import OPEN_STATUSES, Application
    from gongkai.jobs.mail import send_mail

    today = today or law_today.today()
    year = missing_next_year(today)
    if year is None:
        return None, 0
    recipients = list(
        get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="")
        .values_list("email", flat=True)
    )
    provisional = Application.objects.filter(status__in=OPEN_STATUSES).exclude(due_provisional_years="").count()
    message = (
        f"{year}年节假日安排尚未录入。请将国务院办公厅关于{year}年部分节假日安排的通知全文"
        f"粘贴到“工作台 › 节假日安排”（/staff/calendar/），核对后确认录入"
        f"（或 python manage.py calendar_notice 通知.txt --confirm）；"
        f"在此之前，期限跨入{year}年的申请按法定节假日推算并标注“暂定”，目前有{provisional}件，录入后自动重算。"
    )
    send_mail(f"calendar-reminder:{year}:{today.isoformat()}", f"请录入{year}年节假日安排", message, recipients)
    return message, len(recipients)


# -- entering a year from the notice (3.1) --------------------------------------------------------


class NoticeRejected(Exception):
    """The notice cannot be stored; ``problems`` are NoticeProblem(line, message) in Chinese."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("；".join(p.message for p in self.problems))


def read_notice(text: str, year: int | None = None):
    """Parse and check a notice: (ParsedNotice, problems). Nothing is stored."""
    notice = parse_notice(text, year)
    statutory = None
    if notice.year is not None:
        try:
            statutory = holiday_rules.statutory_days(notice.year)
        except ValueError:
            statutory = None
    problems = list(check_notice(notice, statutory))
    if notice.year is None and not any("年份" in p.message for p in problems):
        problems.append(NoticeProblem(0, "未能从通知标题中识别年份，请用 --year 指定或检查标题"))
    if notice.year is not None and not problems:
        for message in holiday_rules.check_arrangement(notice.year, notice.holidays, notice.workdays):
            problems.append(NoticeProblem(0, message))
    return notice, problems


def year_grid(notice) -> list[dict]:
    """Twelve months of the notice's year, each a list of weeks of day cells, for the preview."""
    import calendar as pycal

    off = {d: e.name for e in notice.festivals for d in e.days_off}
    work = {d: e.name for e in notice.festivals for d in e.workdays}
    statutory = holiday_rules.statutory_days(notice.year) if notice.year else {}
    months = []
    for month in range(1, 13):
        weeks = []
        for week in pycal.Calendar(firstweekday=0).monthdatescalendar(notice.year, month):
            cells = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                kind = "off" if day in off else "work" if day in work else "weekend" if day.weekday() >= 5 else ""
                cells.append({"date": day, "kind": kind, "festival": off.get(day) or work.get(day) or "",
                              "statutory": day in statutory})
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    return months


@transaction.atomic
def confirm_notice(text: str, *, year: int | None = None, actor=None, actor_name: str = "",
                   replace: bool = False) -> tuple[CalendarYear, int]:
    """Store a checked notice as the year's overrides and mark the year complete with the notice as
    its source. Returns (the year, the number of open cases recomputed after the commit).

    A year already complete is replaced only with ``replace`` (logged). Any problem: nothing stored.
    Every open case is recomputed once after the commit (signals.py), each moved date with a timeline
    entry "期限已按{year}年节假日安排重算".
    """
    from gongkai.applications.models import CLOCKED_STATUSES, Application

    notice, problems = read_notice(text, year)
    if problems:
        raise NoticeRejected(problems)
    y = notice.year
    row = CalendarYear.objects.select_for_update().filter(year=y).first()
    builtin_complete = BUILTIN_FIRST_YEAR <= y <= BUILTIN_LAST_YEAR and (row is None or row.complete)
    already = (row is not None and row.complete) or (row is None and builtin_complete)
    if already and not replace:
        raise NoticeRejected([NoticeProblem(0, f"{y}年节假日安排已确认；如需以本通知替换，请使用“替换”（命令行 --replace），替换将记录在案")])
    # The notice replaces whatever the year had: entered rows go, and built-in days it does not
    # name are neutralised (a harmless override restating Monday–Friday).
    CalendarDay.objects.filter(date__year=y).delete()
    wanted: dict[dt.date, tuple[str, str]] = {}
    for entry in notice.festivals:
        for d in entry.days_off:
            wanted[d] = (CalendarDay.HOLIDAY, entry.name)
        for d in entry.workdays:
            wanted[d] = (CalendarDay.WORKDAY, f"{entry.name}调休上班")
    builtin, _, _ = builtin_overrides()
    for d, kind in builtin.items():
        if d.year == y and d not in wanted:
            wanted[d] = (CalendarDay.WORKDAY if kind == HOLIDAY else CalendarDay.HOLIDAY, "通知未列（恢复周一至周五）")
    for d, (kind, note) in sorted(wanted.items()):
        CalendarDay.objects.update_or_create(date=d, defaults={"kind": kind, "note": note[:50]})
    source = notice.title + (f"（{notice.number}）" if notice.number else "")
    row, _ = CalendarYear.objects.update_or_create(year=y, defaults={
        "complete": True, "source": source[:200], "notice_title": notice.title[:200],
        "notice_number": notice.number[:100], "notice_date": notice.issued_on, "notice_text": text,
        "confirmed_by": actor, "confirmed_at": law_today.now(),
    })
    CalendarLog.objects.create(
        year=y, action=CalendarLog.REPLACED if already else CalendarLog.ENTERED, actor=actor,
        actor_name=actor_name[:100], at=law_today.now(),
        detail=f"{source}：放假{len(notice.holidays)}天，调休上班{len(notice.workdays)}天",
    )
    forget_calendar()
    open_cases = Application.objects.filter(status__in=CLOCKED_STATUSES).count()
    return row, open_cases
