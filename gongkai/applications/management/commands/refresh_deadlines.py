"""Recompute every open case's due date. Run daily (cron) so consultation windows and payment
periods lapse on time; the calendar data signal calls the same function."""

from django.core.management.base import BaseCommand

from gongkai.applications.services import refresh_open_deadlines


class Command(BaseCommand):
    help = "重新计算所有未办结申请的答复期限"

    def handle(self, *args, **opts):
        n = refresh_open_deadlines()
        self.stdout.write(f"已重新计算 {n} 件申请的答复期限")
