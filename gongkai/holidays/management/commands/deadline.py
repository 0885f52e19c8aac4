"""python manage.py deadline < timeline.json  |  python manage.py deadline --add-workdays DATE N

Reads one timeline or an array of timelines as JSON on stdin and prints the same shape:
{"received": "2025-05-20", "events": [{"type": "consultation_sent", "date": "2025-05-28"}, ...]}
→ {"due": "2025-07-01", "state": "running", "correction_notice_due": "2025-05-29", "explanation": [...]}

A year whose holiday arrangement is not confirmed is counted on provisional days (the statutory
rule, domain.md 3.1): the JSON says ``"provisional": true`` and ``"provisional_years": [2027]``
(both always present), and ``--add-workdays`` prints the date with a Chinese note on stderr.
``--strict`` refuses such a year instead.

``served_on`` (the date a notice was served; post: the signing date) is read on
``correction_requested``, ``consultation_sent`` and ``fee_notice_sent``: the correction period, the
reply window and the payment period run from it. Without it they run from the sending date, as
before, and the explanation says so ("未记录送达日期，按发出日期计算…"). A correction notice later than
``correction_notice_due`` (the 7th working day) neither stops nor restarts the clock: the result keeps
the original anchor, the explanation says why, and the exit code is 0 (domain.md 3.3 c; legal-review.md
B14). A pause may start on the due date itself (B15).

Exit codes: 0 success; 1 malformed input; 2 with --strict, a needed year is not confirmed.
"""

import json
import sys

from django.core.management.base import BaseCommand

from gongkai.holidays.services import current_calendar
from gongkai.law.calendar import CalendarMissing, provisional_note
from gongkai.law.clock import ClockError, compute, events_from_json, parse_date


class Command(BaseCommand):
    help = "计算依申请公开答复期限（从标准输入读取 JSON）"

    def add_arguments(self, parser):
        parser.add_argument("--add-workdays", nargs=2, metavar=("DATE", "N"), help="输出 DATE 之后第 N 个工作日")
        parser.add_argument("--strict", action="store_true",
                            help="某年节假日安排尚未录入确认时报错退出（退出码2），不按法定节假日推算")

    def handle(self, *args, add_workdays=None, strict=False, **opts):
        try:
            calendar = current_calendar().strict() if strict else current_calendar()
            if add_workdays:
                start = parse_date(add_workdays[0], "日期")
                try:
                    n = int(add_workdays[1])
                except ValueError:
                    raise ClockError(f"工作日数必须是整数：{add_workdays[1]!r}")
                if n < 0:
                    raise ClockError("工作日数不能为负数")
                tracked = calendar.tracking()
                self.stdout.write(tracked.wd_after(start, n).isoformat())
                if tracked.touched:
                    self.stderr.write(provisional_note(tracked.touched))
                return
            raw = sys.stdin.read()
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as e:
                raise ClockError(f"输入不是有效的 JSON：{e.msg}（第{e.lineno}行第{e.colno}列）")
            if isinstance(data, list):
                out = [self.one(item, calendar, i) for i, item in enumerate(data, 1)]
            else:
                out = self.one(data, calendar, None)
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
        except CalendarMissing as e:
            self.stderr.write(str(e))
            sys.exit(2)
        except ClockError as e:
            self.stderr.write(f"输入有误：{e}")
            sys.exit(1)

    def one(self, item, calendar, index):
        where = f"第{index}条时间线：" if index else ""
        if not isinstance(item, dict):
            raise ClockError(f"{where}应为 JSON 对象")
        try:
            received = parse_date(item.get("received"), "received")
            events = item.get("events", [])
            if not isinstance(events, list):
                raise ClockError("events 必须是数组")
            as_of = parse_date(item["as_of"], "as_of") if item.get("as_of") else None
            return compute(received, events_from_json(events), calendar, as_of=as_of).to_dict()
        except ClockError as e:
            raise ClockError(f"{where}{e}")
