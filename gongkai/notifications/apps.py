from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "gongkai.notifications"
    verbose_name = "申请人通知"

    def ready(self):
        from . import checks, signals  # noqa: F401 (the deploy check; a notification on each event the applicant must know)
