"""Annual-report reminders (domain 5.1): from 1 January until publication, escalating toward the
deadline (31 January for departments and townships, 31 March for governments). Run daily.

    python manage.py report_reminders [--date YYYY-MM-DD] [--send]

Without --send it only prints. With --send it e-mails the organ's staff, and once the report is
urgent or overdue also the supervising disclosure office (督办). Reminders are sent on 1 January,
10 and 3 days before the deadline and every day once overdue.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand

from gongkai.law import today as law_today
from gongkai.reports import services

SEND_DAYS_LEFT = {31, 10, 3, 1}


class Command(BaseCommand):
    help = "年度报告发布期限提醒"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期计算（默认今天）")
        parser.add_argument("--send", action="store_true", help="发送电子邮件")

    def handle(self, *args, **options):
        on = dt.date.fromisoformat(options["date"]) if options["date"] else law_today.today()
        sent = 0
        for r in services.reminders(on):
            if r.days_left > 90:
                continue
            self.stdout.write(f"[{r.level_label}] {r.message}")
            due_today = on == dt.date(on.year, 1, 1) or r.days_left in SEND_DAYS_LEFT or r.days_left < 0
            if options["send"] and due_today:
                recipients = services.reminder_recipients(r.agency, r.level)
                if recipients:
                    send_mail(f"【{r.level_label}】{r.agency.name}{r.year}年度政府信息公开工作年度报告", r.message,
                              settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)
                    sent += 1
        if options["send"]:
            self.stdout.write(f"已发送 {sent} 封提醒邮件")
