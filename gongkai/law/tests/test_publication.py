"""Art. 26: publish within 20 working days of the information being formed or changed (domain 6.2)."""

import datetime as dt

from gongkai.law import publication
from gongkai.law.calendar import HOLIDAY, WORKDAY, WorkCalendar


def test_twenty_working_days_from_the_next_working_day():
    overrides = {dt.date(2025, 10, d): HOLIDAY for d in range(1, 9)}
    overrides |= {dt.date(2025, 9, 28): WORKDAY, dt.date(2025, 10, 11): WORKDAY}
    calendar = WorkCalendar(overrides, [2025])
    # formed Tuesday 2025-09-23: 09-24..09-30 (6 WD incl. make-up Sunday 09-28), holidays to 10-08,
    # 10-09, 10-10, Saturday 10-11 (make-up), then from Monday 10-13: 20 - 9 = 11 more → 10-27
    assert publication.publish_due(dt.date(2025, 9, 23), calendar) == dt.date(2025, 10, 27)
    assert publication.publish_due(None, calendar) is None
    assert publication.PUBLISH_WORKING_DAYS == 20
