from django.apps import AppConfig


class AuditorConfig(AppConfig):
    """年报体检: audits published annual reports (no models; see gongkai.law.report_parser)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.auditor"
    verbose_name = "年报体检"
