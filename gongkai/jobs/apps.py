from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "gongkai.jobs"
    verbose_name = "后台任务"

    def ready(self):
        # Register the failure signals, the schedule and every app's on-demand tasks in every
        # process (the web enqueues them and shows their labels, the worker runs them): the apps'
        # ``tasks`` modules are found as djhuey's ``run_huey`` finds them, not imported by name.
        from django.utils.module_loading import autodiscover_modules

        from . import failures, schedule, tasks  # noqa: F401

        autodiscover_modules("tasks")
