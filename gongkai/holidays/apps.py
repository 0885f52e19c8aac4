from django.apps import AppConfig


class HolidaysConfig(AppConfig):
    name = "gongkai.holidays"
    verbose_name = "节假日安排"

    def ready(self):
        from . import signals  # noqa: F401
