from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: /healthz, request ids and JSON logs, input limits (request bodies, rate limits,
    the parsing sandbox), a busy page for a locked database, backup and restore commands."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.ops"
    verbose_name = "运行维护"

    def ready(self):
        from .page_cache import connect_signals

        connect_signals()
