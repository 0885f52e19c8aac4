"""Publish scheduled documents whose time has come. The schedule runs the same function every minute
(gongkai/jobs/schedule.py); this command does it by hand."""

from django.core.management.base import BaseCommand

from gongkai.publishing.services import publish_scheduled


class Command(BaseCommand):
    help = "发布到期的定时发布信息"

    def handle(self, *args, **opts):
        self.stdout.write(f"已发布 {publish_scheduled()} 条定时发布信息")
