"""Annual-report reminders (domain 5.1): from 1 January until publication, escalating toward the
deadline (31 January for departments and townships, 31 March for governments). The schedule runs it
daily with --send (gongkai/jobs/schedule.py).

    python manage.py report_reminders [--date YYYY-MM-DD] [--send]

Without --send it only prints. With --send it e-mails the organ's staff, and once the report is
urgent or overdue also the supervising disclosure office (督办). Reminders are sent on 1 January,
31, 10, 3 and 1 days before the deadline and every day once overdue, each once
(``reports.services.send_reminders``).
"""

import datetime as dt

from django.core.management.base import BaseCommand

from gongkai.law import today as law_today
from gongkai.reports import services


class Command(BaseCommand):
    help = "年度报告发布期限提醒"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期计算（默认今天）")
        parser.add_argument("--send", action="store_true", help="发送电子邮件")

    def handle(self, *args, **options):
        on = dt.date.fromisoformat(options["date"]) if options["date"] else law_today.today()
        shown, sent = services.send_reminders(on, send=options["send"])
        for r in shown:
            self.stdout.write(f"[{r.level_label}] {r.message}")
        if options["send"]:
            self.stdout.write(f"已发送 {sent} 封提醒邮件")
