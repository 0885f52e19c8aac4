"""TOTP second factor (django-otp): who must use it (accounts/policy.py), enrolment with a code
computed here, the second step of the next sign-in, and /admin/ behind it. The production rule
(superusers and supervisors) is switched on with override_settings; the test settings leave it
off like development (gongkai/settings_test.py), and test_settings.py checks the production default."""

import datetime as dt
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import policy
from gongkai.agencies.models import Membership

PASSWORD = "pw-123456"
PRODUCTION = override_settings(GONGKAI_2FA_REQUIRED_ROLES=["superuser", "supervisor"])


def sign_in(client, user):
    resp = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert resp.status_code == 302, resp.content.decode()[:500]
    return resp


def code(device, drift=0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def wait_out_throttle(device):
    """As if the user waited: move django-otp's last failure back in time."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - dt.timedelta(minutes=10))


@pytest.fixture
def people(tree, make_user):
    return {
        "supervisor": make_user("supervisor", tree["gov"], Membership.SUPERVISOR),
        "handler": make_user("a_handler", tree["a"], Membership.HANDLER),
        "b_handler": make_user("b_handler", tree["b"], Membership.HANDLER),
        "root": make_user("root", superuser=True),
    }


@PRODUCTION
def test_supervisor_without_device_is_sent_to_enrolment_and_can_do_nothing_else(client, people):
    sign_in(client, people["supervisor"])
    enrol = reverse("two-factor")
    for url in [reverse("workbench"), reverse("supervision"), "/api/applications/", "/admin/", reverse("register")]:
        resp = client.get(url)
        assert resp.status_code == 302 and resp["Location"].startswith(enrol), url
    assert client.post(reverse("register"), {}).status_code == 302
    page = client.get(enrol)
    assert page.status_code == 200
    text = page.content.decode()
    assert "须先启用双因素登录" in text and '<svg' in text and "扫描" in text


@PRODUCTION
def test_enrolment_confirms_the_device_and_the_next_sign_in_asks_for_the_code(client, people):
    supervisor = people["supervisor"]
    sign_in(client, supervisor)
    page = client.get(reverse("two-factor") + "?next=/staff/supervision/").content.decode()
    device = TOTPDevice.objects.get(user=supervisor, confirmed=False)
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1)
    assert secret.replace(" ", "") in device.config_url  # the key shown is the key in the QR code

    wrong = client.post(reverse("two-factor"), {"code": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.content.decode()
    # django-otp throttles: right after a wrong code even the right one is refused for a moment.
    assert client.post(reverse("two-factor"), {"code": code(device)}).status_code == 200
    wait_out_throttle(device)
    resp = client.post(reverse("two-factor"), {"code": code(device), "next": "/staff/supervision/"})
    assert resp.status_code == 302 and resp["Location"] == "/staff/supervision/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("workbench")).status_code == 200
    assert client.get(reverse("supervision")).status_code == 200

    # Next sign-in: the password alone opens nothing.
    client.post(reverse("logout"))
    sign_in(client, supervisor)
    resp = client.get(reverse("supervision"))
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login-verify"))
    form = client.get(resp["Location"])
    assert "输入验证码" in form.content.decode()
    bad = client.post(reverse("login-verify"), {"code": "12345"})
    assert "6 位数字" in bad.content.decode()  # refused by the form: no attempt on the device
    ok = client.post(reverse("login-verify"), {"code": code(device, drift=1), "next": "/staff/supervision/"})
    assert ok.status_code == 302 and ok["Location"] == "/staff/supervision/"
    assert client.get(reverse("supervision")).status_code == 200


@PRODUCTION
def test_handler_of_an_organ_without_require_2fa_is_not_asked(client, people):
    sign_in(client, people["handler"])
    assert client.get(reverse("workbench")).status_code == 200
    assert not policy.requires_second_factor(people["handler"])


@PRODUCTION
def test_an_organ_may_require_it_of_all_its_staff(client, people, tree):
    tree["a"].require_2fa = True
    tree["a"].save()
    sign_in(client, people["handler"])
    resp = client.get(reverse("workbench"))
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("two-factor"))
    assert not policy.requires_second_factor(people["b_handler"])  # organ B did not ask for it


@PRODUCTION
def test_admin_site_is_behind_the_second_factor(client, people):
    sign_in(client, people["root"])
    resp = client.get("/admin/")
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("two-factor"))
    device = TOTPDevice.objects.create(user=people["root"], name="x", confirmed=True)
    client.post(reverse("logout"))
    client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    resp = client.get("/admin/")
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login-verify"))
    client.post(reverse("login-verify"), {"code": code(device)})
    assert client.get("/admin/").status_code == 200


def test_development_settings_ask_nobody_without_a_device(client, people):
    """`make run` (DEBUG=1) and these tests: no role required, so the demo logins keep working."""
    sign_in(client, people["supervisor"])
    assert client.get(reverse("supervision")).status_code == 200
    sign_in(client, people["root"])
    assert client.get("/admin/").status_code == 200


def test_a_device_is_asked_for_even_when_not_required(client, people):
    device = TOTPDevice.objects.create(user=people["handler"], name="x", confirmed=True)
    sign_in(client, people["handler"])
    assert client.get(reverse("workbench"))["Location"].startswith(reverse("login-verify"))
    client.post(reverse("login-verify"), {"code": code(device)})
    assert client.get(reverse("workbench")).status_code == 200


@PRODUCTION
def test_the_public_is_untouched(client, people):
    for url in ["/", reverse("apply"), reverse("query")]:
        assert client.get(url).status_code == 200


def test_admin_lists_devices_in_chinese_without_their_keys(client, people):
    device = TOTPDevice.objects.create(user=people["supervisor"], name="x", confirmed=True)
    client.force_login(people["root"])
    index = client.get("/admin/").content.decode()
    assert "登录与账号安全" in index and "身份验证器" in index and "登录失败与锁定" in index
    assert "Otp_Totp" not in index and "Access attempts" not in index
    page = client.get(reverse("admin:accounts_authenticatordevice_changelist")).content.decode()
    assert "supervisor" in page and "已启用" in page and device.key not in page
    assert client.get(reverse("admin:accounts_authenticatordevice_change", args=[device.pk])).status_code == 200
    assert device.key not in client.get(reverse("admin:accounts_authenticatordevice_change",
                                                args=[device.pk])).content.decode()
