from django.apps import AppConfig


class RemediesConfig(AppConfig):
    name = "gongkai.remedies"
    verbose_name = "行政复议与行政诉讼"
