"""The daily clock job, by hand: recompute every open case's due date (consultation windows and
payment periods lapse), then close the cases whose correction or payment period lapsed (（六）1,
（六）2). The schedule runs the same function daily and at start-up (gongkai/jobs/schedule.py)."""

from django.core.management.base import BaseCommand

from gongkai.applications.services import daily_deadlines


class Command(BaseCommand):
    help = "重新计算所有未办结申请的答复期限，并终止逾期未补正、逾期未缴费的申请"

    def handle(self, *args, **opts):
        refreshed, closed = daily_deadlines()
        self.stdout.write(f"已重新计算 {refreshed} 件申请的答复期限；逾期未补正或未缴费、已终止办理 {closed} 件")
