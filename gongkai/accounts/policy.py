"""Who must sign in with a second factor (TOTP), and what a signed-in user must do next.

The one place for this rule; the middleware, the views and the tests ask here.

- A user with a confirmed device is always asked for a code after the password, required or not.
- Required (the user must enrol before doing anything else):
  - the roles in ``settings.GONGKAI_2FA_REQUIRED_ROLES``: "superuser" (platform administrators) and
    Membership role codes ("supervisor", "handler", …). Production default: superusers and
    supervisors; empty in development (DEBUG=1, `make run`), so the demo logins keep working;
  - every member of an organ whose ``Agency.require_2fa`` is set (optional, per organ);
  - everyone who opens /admin/ while any role is required (configuration is never password-only
    in production).
"""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django_otp import user_has_device

from gongkai.agencies.models import Membership

SUPERUSER = "superuser"
KNOWN_ROLES = {SUPERUSER} | {code for code, _label in Membership.ROLE_CHOICES}

VERIFY = "verify"  # has a device: enter the code of this sign-in
ENROL = "enrol"  # must have a device and has none: set one up


def required_roles() -> set[str]:
    return set(settings.GONGKAI_2FA_REQUIRED_ROLES)


def enforced() -> bool:
    """Is any role required to use a second factor (production)?"""
    return bool(required_roles())


def requires_second_factor(user) -> bool:
    """Must this user sign in with a second factor (whatever page they open)?"""
    if not user.is_authenticated:
        return False
    roles = required_roles()
    if SUPERUSER in roles and user.is_superuser:
        return True
    return Membership.objects.filter(Q(role__in=roles) | Q(agency__require_2fa=True), user=user).exists()


def has_device(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def is_verified(user) -> bool:
    """Signed in with a second factor in this session (django_otp's OTPMiddleware sets it)."""
    return bool(getattr(user, "is_verified", lambda: False)())


def is_admin_path(path: str) -> bool:
    return path.startswith(reverse("admin:index"))


def next_step(user, path: str = "") -> str | None:
    """What the signed-in user must do before opening ``path``: VERIFY, ENROL or nothing (None)."""
    if not user.is_authenticated or is_verified(user):
        return None
    if has_device(user):
        return VERIFY
    if requires_second_factor(user) or (enforced() and is_admin_path(path)):
        return ENROL
    return None
