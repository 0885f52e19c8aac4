"""Every 429 says when to try again and sends Retry-After (issue 15 follow-up): the generic
RATELIMIT_VIEW reads the refusing counter (gongkai/ops/ratelimit_wait.py); without one it gives an
upper bound, said as such."""

import math
import time

from django.test import RequestFactory
from django.urls import reverse
from django_ratelimit.core import _get_window

from gongkai.ops import ratelimit_wait
from gongkai.portal.views import rate_limited


def _said_wait(resp) -> int:
    assert resp.status_code == 429
    seconds = int(resp["Retry-After"])
    assert 0 < seconds
    assert f"请于约{math.ceil(seconds / 60)}分钟后再试" in resp.content.decode()
    return seconds


def test_letter_verification_429_gives_the_remaining_window(client, db):
    for _ in range(20):
        assert client.post(reverse("letter-verify"), {"number": "x", "code": "y"}).status_code == 200
    blocked = client.post(reverse("letter-verify"), {"number": "x", "code": "y"})
    seconds = _said_wait(blocked)
    # django-ratelimit's own window end for this address and the 20/h rate: exact, not the whole hour.
    expected = _get_window("127.0.0.1", 3600) - int(time.time())
    assert abs(seconds - expected) <= 2
    assert "最长等待时间" not in blocked.content.decode()


def test_apply_429_says_when(client, tree, settings):
    settings.GONGKAI_RATE_APPLY = "2/h"
    for _ in range(2):
        client.post(reverse("apply"), {"agency": tree["a"].pk})
    blocked = client.post(reverse("apply"), {"agency": tree["a"].pk})
    assert _said_wait(blocked) <= 3600


def test_consultation_comment_429_says_when(client, db):
    url = reverse("public:consultation", args=[999999])  # counted before the page is looked up
    for _ in range(5):
        assert client.post(url, {}).status_code == 404
    _said_wait(client.post(url, {}))


def test_without_a_readable_counter_the_page_gives_an_upper_bound(db):
    request = RequestFactory().post("/somewhere/")
    resp = rate_limited(request)
    assert resp.status_code == 429 and resp["Retry-After"] == str(ratelimit_wait.FALLBACK_SECONDS)
    page = resp.content.decode()
    assert "请于约60分钟后再试（最长等待时间）" in page and "请稍后再试" not in page


def test_upper_bound_is_the_period_of_the_noted_rate(db):
    request = RequestFactory().post("/somewhere/")
    setattr(request, ratelimit_wait.ATTR, [{"group": "g", "fn": None, "key": "ip", "rate": "3/5m", "method": "POST"}])
    wait = ratelimit_wait.wait_for(request)  # nothing counted yet: no exact window to read
    assert wait == ratelimit_wait.Wait(300, False) and wait.minutes == 5


def test_login_lock_out_sends_retry_after(client, tree, make_user, settings):
    from gongkai.agencies.models import Membership

    make_user("a_handler", tree["a"], Membership.HANDLER)
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        resp = client.post(reverse("login"), {"username": "a_handler", "password": "wrong"},
                           HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert resp.status_code == 429 and resp["Retry-After"] == str(15 * 60)  # the cool-off, an upper bound
    assert "15 分钟后再试" in resp.content.decode()


def test_suggestions_429_say_when(client, tree, settings):
    settings.GONGKAI_RATE_SUGGEST = "2/m"
    url = reverse("apply-suggest")
    for _ in range(2):
        assert client.post(url, {"agency": tree["a"].pk, "description": "道路"}).status_code == 200
    blocked = client.post(url, {"agency": tree["a"].pk, "description": "道路"})
    assert _said_wait(blocked) <= 60
    fragment = client.get(url, {"q": "道路"})  # the script's request, same counter
    assert fragment.status_code == 429 and 0 < int(fragment["Retry-After"]) <= 60
