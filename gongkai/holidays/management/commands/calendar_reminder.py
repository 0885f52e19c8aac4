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
        message = (
            f"{year}年节假日安排尚未录入。请依据国务院办公厅关于{year}年部分节假日安排的通知，"
            f"在“配置管理 › 年度节假日安排”中录入放假和调休上班日期并标记为已确认；"
            f"在此之前，答复期限落在{year}年的申请将显示“期限待定”。"
        )
        if recipients:
            send_mail(f"请录入{year}年节假日安排", message, None, recipients)
        self.stdout.write(f"{message}（已通知 {len(recipients)} 位平台管理员）")
