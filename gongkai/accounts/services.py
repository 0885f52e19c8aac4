"""Second-factor devices (TOTP, RFC 6238, through django-otp): set one up, confirm it, sign in with it.

Codes are checked with ``django_otp.verify_token`` on one device at a time, which locks the device
row, so django-otp's throttling (longer waits after each wrong code) and its refusal of a code
already used hold under concurrent requests.
"""

import base64

import django_otp
import segno
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "身份验证器"


def pending_device(user) -> TOTPDevice:
    """The user's device awaiting confirmation, created on first call; its key stays the same until
    it is confirmed, so reloading the enrolment page does not invalidate a scanned code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app that cannot scan."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code, drawn on the server (no script, no image URL)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, svgclass="qr", title="用身份验证器应用扫描此二维码"
    )


def confirm(request, device: TOTPDevice, code: str) -> bool:
    """Confirm ``device`` with a code it generated; the session counts as verified."""
    verified = django_otp.verify_token(request.user, device.persistent_id, code)
    if verified is None:
        return False
    verified.confirmed = True
    verified.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    django_otp.login(request, verified)
    return True


def verify(request, code: str) -> bool:
    """Second step of a sign-in: a code of one of the user's confirmed devices."""
    for device in devices_for_user(request.user, confirmed=True):
        verified = django_otp.verify_token(request.user, device.persistent_id, code)
        if verified is not None:
            django_otp.login(request, verified)
            return True
    return False
