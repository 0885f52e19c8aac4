from axes import apps as axes_apps
from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default = True  # the app's config (this module also holds django-axes' renamed one)
    name = "gongkai.accounts"
    verbose_name = "登录与账号安全"

    def ready(self):
        from . import checks, throttle  # noqa: F401  (register the settings check, count failed sign-ins)


class LoginAttemptsConfig(axes_apps.AppConfig):
    """django-axes under a Chinese name in Django admin (its models' names: locale/zh_Hans)."""

    verbose_name = "登录失败与锁定"
