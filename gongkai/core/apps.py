from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "公共组件"

    def ready(self):
        from django.db.backends.signals import connection_created

        from .maintenance import register_sqlite_switch

        # Every SQLite connection gets the switch function its append-only triggers call.
        connection_created.connect(register_sqlite_switch, dispatch_uid="gongkai.core.sqlite_switch")
