from django.apps import AppConfig


class AuditorConfig(AppConfig):
    """年报体检: audits published annual reports (parsing in gongkai.reportreader); AuditRun keeps
    the supervisor's audits of published reports, run as jobs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.auditor"
    verbose_name = "年报体检"
