from django_otp.plugins.otp_totp.models import TOTPDevice


class AuthenticatorDevice(TOTPDevice):
    """django-otp's TOTP device under a Chinese name, for Django admin (accounts/admin.py)."""

    class Meta:
        proxy = True
        verbose_name = "身份验证器"
        verbose_name_plural = "身份验证器（双因素登录）"
