"""A misspelt role in GONGKAI_2FA_REQUIRED_ROLES would silently require nobody: refuse it."""

from django.conf import settings
from django.core.checks import Error, register

from .policy import KNOWN_ROLES


@register()
def required_roles_known(app_configs, **kwargs):
    unknown = sorted(set(settings.GONGKAI_2FA_REQUIRED_ROLES) - KNOWN_ROLES)
    if not unknown:
        return []
    return [Error(f"GONGKAI_2FA_REQUIRED_ROLES 含有未知角色：{'、'.join(unknown)}",
                  hint=f"可用的角色：{', '.join(sorted(KNOWN_ROLES))}", id="gongkai.accounts.E001")]
