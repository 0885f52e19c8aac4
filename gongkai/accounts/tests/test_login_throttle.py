"""Login throttling (django-axes) for the staff login and /admin/login/, and the password rules."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from gongkai.agencies.models import Membership

LOCKED = "登录失败次数过多"
PASSWORD = "pw-123456"  # conftest's make_user


def login(client, username, password, address="203.0.113.10", path=None):
    """A sign-in through the nginx of deploy/: the test client's REMOTE_ADDR is the loopback proxy,
    the client's address comes in X-Forwarded-For (gongkai/client_address.py)."""
    return client.post(path or reverse("login"), {"username": username, "password": password},
                       HTTP_X_FORWARDED_FOR=address)


@pytest.fixture
def handler(tree, make_user):
    return make_user("a_handler", tree["a"], Membership.HANDLER)


@override_settings(AXES_FAILURE_LIMIT=5)
def test_lock_out_one_account_after_five_failures_even_from_other_addresses(client, handler):
    for i in range(4):
        resp = login(client, "a_handler", "wrong-password", address=f"203.0.113.{i + 1}")
        assert resp.status_code == 200 and "用户名或密码不正确" in resp.content.decode()
    resp = login(client, "a_handler", "wrong-password", address="203.0.113.5")  # the fifth locks
    assert resp.status_code == 429 and LOCKED in resp.content.decode()
    resp = login(client, "a_handler", PASSWORD, address="198.51.100.7")  # right password, locked
    assert resp.status_code == 429
    page = resp.content.decode()
    assert LOCKED in page and "15 分钟后再试" in page and "<form" in page  # the login page, in Chinese
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("workbench")).status_code == 302  # not signed in


@override_settings(AXES_FAILURE_LIMIT=5, GONGKAI_LOGIN_ADDRESS_FAILURES=12)
def test_an_office_behind_one_address_is_not_locked_by_a_few_colleagues(client, handler, make_user, tree):
    """Five colleagues behind the office's NAT address each mistype once: nobody is locked out."""
    for i in range(5):
        make_user(f"colleague{i}", tree["a"], Membership.HANDLER)
        login(client, f"colleague{i}", "wrong-password", address="203.0.113.66")
    resp = login(client, "a_handler", PASSWORD, address="203.0.113.66")
    assert resp.status_code == 302 and client.session["_auth_user_id"] == str(handler.pk)


@override_settings(AXES_FAILURE_LIMIT=5, GONGKAI_LOGIN_ADDRESS_FAILURES=12)
def test_lock_out_one_address_guessing_across_user_names(client, handler, make_user, tree):
    other = make_user("b_handler", tree["b"], Membership.HANDLER)
    for i in range(12):
        resp = login(client, f"guess{i}", "wrong-password", address="203.0.113.66")
        assert resp.status_code == 200, i  # each name fails once: no account is locked
    resp = login(client, other.username, PASSWORD, address="203.0.113.66")
    assert resp.status_code == 429 and LOCKED in resp.content.decode() and "15 分钟后再试" in resp.content.decode()
    assert "_auth_user_id" not in client.session
    # The same account from another address is not locked (its own failures are 0).
    resp = login(client, other.username, PASSWORD, address="198.51.100.8")
    assert resp.status_code == 302 and client.session["_auth_user_id"] == str(other.pk)


def test_the_address_is_the_one_nginx_saw_not_one_the_client_wrote(client, handler):
    login(client, "a_handler", "wrong", address="1.2.3.4, 203.0.113.99")  # "1.2.3.4" forged by the client
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.99"]


@override_settings(AXES_FAILURE_LIMIT=3)
def test_admin_login_is_throttled_too(client, tree, make_user):
    make_user("root", superuser=True)
    for _ in range(3):
        login(client, "root", "wrong-password", path="/admin/login/")
    resp = login(client, "root", PASSWORD, path="/admin/login/")
    assert resp.status_code == 429 and LOCKED in resp.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=2)
def test_lock_out_ends_after_the_cool_off(client, handler):
    for _ in range(2):
        login(client, "a_handler", "wrong-password")
    assert login(client, "a_handler", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert login(client, "a_handler", PASSWORD).status_code == 302


def test_password_rules_in_chinese(django_user_model):
    user = django_user_model(username="zhangwei_handler", first_name="张伟")
    with pytest.raises(ValidationError) as numeric:
        validate_password("1234567890", user)
    messages = " ".join(numeric.value.messages)
    assert "只包含数字" in messages and "太常见" in messages
    with pytest.raises(ValidationError) as similar:
        validate_password("zhangwei_handler1", user)
    assert "太相似" in " ".join(similar.value.messages)
    with pytest.raises(ValidationError) as short:
        validate_password("Xq7#kP2!", user)
    assert "密码长度太短" in " ".join(short.value.messages) and "10" in " ".join(short.value.messages)
    validate_password("春风-Lamp-47-河岸-Quartz", user)  # long, uncommon, unrelated: accepted
