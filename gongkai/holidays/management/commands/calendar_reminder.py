"""From 1 November, remind platform administrators to enter next year's holiday arrangement
(domain.md 3.1). The schedule runs it weekly from 1 November (gongkai/jobs/schedule.py); by hand it
reminds at once. It sends nothing once the year is complete, and one e-mail a day at most."""

from django.core.management.base import BaseCommand

from gongkai.holidays import services


class Command(BaseCommand):
    help = "提醒平台管理员录入下一年度节假日安排（计划任务自每年11月1日起每周运行）"

    def handle(self, *args, **opts):
        message, sent = services.calendar_reminder()
        if message is None:
            self.stdout.write("无需提醒：下一年度节假日安排已录入，或尚未到11月。")
            return
        self.stdout.write(f"{message}（已通知 {sent} 位平台管理员）")
