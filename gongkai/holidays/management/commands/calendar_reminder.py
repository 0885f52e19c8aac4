"""From 1 November, remind platform administrators to enter next year's holiday arrangement
(domain.md 3.1). Run weekly from cron; it sends nothing once the year is complete."""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand

from gongkai.holidays.services import missing_next_year


class Command(BaseCommand):
    help = "提醒平台管理员录入下一年度节假日安排（每年11月起每周运行）"

    def handle(self, *args, **opts):
        year = missing_next_year()
        if year is None:
            self.stdout.write("无需提醒：下一年度节假日安排已录入，或尚未到11月。")
            return
        recipients = list(
            get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="")
            .values_list("email", flat=True)
        )
        from gongkai.applications.models import OPEN_STATUSES, Application

        provisional = Application.objects.filter(status__in=OPEN_STATUSES).exclude(due_provisional_years="").count()
        message = (
            f"{year}年节假日安排尚未录入。请将国务院办公厅关于{year}年部分节假日安排的通知全文"
            f"粘贴到“工作台 › 节假日安排”（/staff/calendar/），核对后确认录入"
            f"（或 python manage.py calendar_notice 通知.txt --confirm）；"
            f"在此之前，期限跨入{year}年的申请按法定节假日推算并标注“暂定”，目前有{provisional}件，录入后自动重算。"
        )
        if recipients:
            send_mail(f"请录入{year}年节假日安排", message, None, recipients)
        self.stdout.write(f"{message}（已通知 {len(recipients)} 位平台管理员）")
