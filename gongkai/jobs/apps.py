from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "gongkai.jobs"
    verbose_name = "后台任务"

    def ready(self):
        # Register the failure signals, the on-demand tasks and the schedule in every process (the
        # web enqueues them, the worker runs them).
        from . import failures, schedule, tasks  # noqa: F401
