"""The demo world (python manage.py load_demo).

A fictional city 示例市: its people's government, four departments and one county, their staff, and
about 215 applications from 2025-01-02 to today, spread over every channel, every applicant column
and every one of the 21 outcomes, with corrections, consultations, extensions, fees, a deferral,
supplementary answers and remedy cases.

Everything is built THROUGH THE SERVICES (gongkai.applications.services), so timelines, letters,
letter numbers and clock caches are exactly what real use would produce. The cases are run by a
small discrete-event scheduler: every case is a generator that yields the date of its next act, and
the scheduler performs the acts of all cases in date order. Letter numbers and registration numbers
therefore follow the calendar, as they would in an office.

Every act date is a working day computed with the calendar in force and lies inside the statutory
windows (domain.md 3.3), except for the few answers that are deliberately late. The random choices
come from random.Random(2025); only today's date (gongkai.law.today) moves the picture, so the
open workload (overdue, due soon, awaiting correction, paused) always looks current.

Nothing here is real: names, identifiers, companies, addresses and URLs are invented. Resident ID
numbers and 统一社会信用代码 use the non-existent region code 99xxxx (the fictional 示例市) with
valid check characters, so they pass validation but can never belong to anyone; e-mail addresses
and web addresses use the reserved example domains."""

from __future__ import annotations

import datetime as dt
import random
import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings

from gongkai.agencies.models import Agency, Membership
from gongkai.applications.models import (
    Application,
    TimelineEvent,
)
from gongkai.holidays.services import current_calendar
from gongkai.law import today as law_today
from gongkai.law.identifiers import uscc_check_char
from gongkai.letters.models import Letter
from gongkai.remedies.models import RemedyCase

from .applicants import Applicants
from .handling import Handling
from .planning import Planning, Spec
from .remedies import Remedies
from .world import AGENCIES, HOURS, MARKER_AGENCY, PASSWORD, SEED, STAFF


class Demo(Applicants, Planning, Handling, Remedies):
    def __init__(self, stdout=None):
        self.out = stdout
        self.rng = random.Random(SEED)
        self.today = law_today.today()
        self.cal = current_calendar()
        self.warnings: list[str] = []
        self.heap: list = []
        self.seq = 0
        self.specs: list[Spec] = []
        self.case_no: dict[str, int] = {}

    # -- output and calendar helpers --------------------------------------------------------

    def say(self, text):
        if self.out is not None:
            self.out.write(text)

    def warn(self, text):
        self.warnings.append(text)
        self.say(f"警告：{text}")

    def wd(self, d, n):
        return self.cal.wd_after(d, n)

    def wd_back(self, d, n):
        """The working day x with wd_after(x, n) == d (for a working day d)."""
        x, count = d, 0
        while count < n:
            x -= dt.timedelta(days=1)
            if self.cal.is_working_day(x):
                count += 1
        return x

    def workday_on_or_after(self, d):
        return d if self.cal.is_working_day(d) else self.wd(d, 1)

    def random_workday(self, first, last):
        first = self.workday_on_or_after(first)
        days = (last - first).days
        for _ in range(50):
            d = first + dt.timedelta(days=self.rng.randint(0, max(days, 0)))
            if self.cal.is_working_day(d):
                return d
        return first

    def pick(self, weighted):
        items = [w[:-1] if len(w) > 2 else w[0] for w in weighted]
        return self.rng.choices(items, weights=[w[-1] for w in weighted])[0]

    # -- organs and staff -------------------------------------------------------------------

    def build_organs(self):
        self.agencies = {}
        for row in AGENCIES:
            row = dict(row)
            parent = self.agencies.get(row.pop("parent"))
            uscc17 = row.pop("uscc17")
            code = row.pop("code")
            defaults = dict(row, parent=parent, uscc=uscc17 + uscc_check_char(uscc17), office_hours=HOURS)
            agency, created = Agency.objects.get_or_create(code=code, defaults=defaults)
            if not created:
                for k, v in defaults.items():
                    setattr(agency, k, v)
            agency.full_clean()
            agency.save()
            self.agencies[code] = agency

    def build_staff(self):
        User = get_user_model()
        self.users = {}
        for username, name, organ, roles, _ in STAFF:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username)
            user.first_name, user.last_name = name, ""
            user.email = f"{username}@shili.example"
            user.is_superuser = user.is_staff = username == "admin"
            user.set_password(PASSWORD)
            user.save()
            for role in roles:
                Membership.objects.get_or_create(user=user, agency=self.agencies[organ], role=role)
            self.users[username] = user

    def handler(self, code):
        return self.users[f"{code}_handler"]

    def reviewer(self, code):
        return self.users[f"{code}_reviewer"]

    # -- the whole load -----------------------------------------------------------------------

    def build(self):
        self.build_organs()
        self.build_staff()
        self.people = self.make_people(95)
        self.orgs = self.make_orgs()
        self.plan_concluded()
        self.plan_open()
        for spec in self.specs:
            self.schedule(spec)
        self.run()


def demo_exists() -> bool:
    return Application.objects.filter(agency__code=MARKER_AGENCY).exists()


def load(stdout=None) -> dict | None:
    """Build the demo world; None (and no change) if it is already there."""
    if demo_exists():
        return None
    started = time.monotonic()
    demo = Demo(stdout)
    # The applicants are fictional: never mail or text them, whatever backend is configured.
    from gongkai.notifications.signals import muted

    with muted(), override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), \
            transaction.atomic():
        demo.build()
    return summary(demo, time.monotonic() - started)


def summary(demo, seconds) -> dict:
    from django.db.models import Count

    apps = Application.objects.all()

    def counted(field):
        return dict(apps.values_list(field).annotate(n=Count("id")).order_by(field))

    columns = {}
    for app in apps.only("applicant_kind", "org_type"):
        columns[app.report_column_label] = columns.get(app.report_column_label, 0) + 1
    return {
        "applications": apps.count(),
        "events": TimelineEvent.objects.count(),
        "letters": Letter.objects.count(),
        "remedy_cases": RemedyCase.objects.count(),
        "by_status": counted("status"),
        "by_outcome": {k: v for k, v in counted("outcome").items() if k},
        "by_channel": counted("channel"),
        "by_column": columns,
        "warnings": demo.warnings,
        "seconds": round(seconds, 1),
    }


def logins() -> list[tuple[str, str, str]]:
    """(username, name, role) of the demo accounts, for demo_info."""
    return [(username, name, role) for username, name, _, _, role in STAFF]

