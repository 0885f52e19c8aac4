"""Headers every response carries (CSP without inline script or style, frames, referrer), no inline
script or style in the pages, and the error pages in Chinese with DEBUG off (as in production)."""

import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import path, reverse

from gongkai import urls as site_urls
from gongkai.demo import applications as demo


def _boom(request):
    raise RuntimeError("boom")


# The site's URLs plus one that fails, for the 500 page (ROOT_URLCONF of one test).
urlpatterns = [path("boom/", _boom), *site_urls.urlpatterns]
handler500 = "gongkai.portal.errors.server_error"


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_security_headers(client):
    resp = client.get("/")
    assert not settings.DEBUG
    csp = csp_directives(resp)
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"] and csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in resp["Content-Security-Policy"]
    assert resp["X-Frame-Options"] == "DENY"
    assert resp["Referrer-Policy"] == "same-origin"
    assert resp["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style(client, django_user_model):
    """What the browser would refuse under the CSP: <script> without src, <style>, style="", on*=."""
    demo.load()
    public = ["/", reverse("apply"), reverse("query"), reverse("login"), reverse("public:library"),
              reverse("column", args=[demo.MARKER_AGENCY]), "/audit/", "/no-such-page/"]
    client.force_login(django_user_model.objects.get(username="shi_handler"))
    staff_pages = [reverse("workbench"), reverse("register"), reverse("fee-calculator"), reverse("doc-list"),
                   reverse("two-factor"), reverse("reports:list")]
    anonymous = Client()
    for url in public + staff_pages:
        resp = (client if url in staff_pages else anonymous).get(url)
        assert resp.status_code in (200, 404), url
        page = resp.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        assert "<style" not in page and " style=" not in page, url
        assert not re.search(r"\son[a-z]+=", page), url


@pytest.mark.django_db
def test_404_page_in_chinese_with_debug_off(client):
    resp = client.get("/no-such-page/")
    assert resp.status_code == 404
    page = resp.content.decode()
    assert "页面不存在" in page and "返回网站首页" in page
    assert settings.GONGKAI["SITE_NAME"] in page  # base.html
    assert "Page not found" not in page and "Traceback" not in page


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_500_page_in_chinese_never_the_debug_page():
    resp = Client(raise_request_exception=False).get("/boom/")
    assert resp.status_code == 500
    page = resp.content.decode()
    assert "系统暂时无法处理" in page and settings.GONGKAI["SITE_NAME"] in page
    assert "Traceback" not in page and "boom" not in page


def test_500_template_needs_no_request():
    page = render_to_string("500.html")
    assert "系统暂时无法处理" in page and "<!DOCTYPE html>" in page


@pytest.mark.django_db
def test_400_for_a_foreign_host_in_chinese(client):
    resp = client.get("/", HTTP_HOST="evil.example")
    assert resp.status_code == 400 and "请求无法处理" in resp.content.decode()


@pytest.mark.django_db
def test_403_page_in_chinese(client, tree, make_user):
    client.force_login(make_user("nobody"))
    resp = client.get(reverse("calendar-years"))
    assert resp.status_code == 403 and "无权访问" in resp.content.decode()


@pytest.mark.django_db
def test_csrf_failure_in_chinese():
    resp = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    assert resp.status_code == 403
    page = resp.content.decode()
    assert "页面已过期" in page and "CSRF" not in page


def test_session_expires_after_eight_idle_hours():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600 and settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY


@pytest.mark.django_db
def test_login_page_shows_the_site_name_not_the_host(client):
    page = client.get(reverse("login")).content.decode()
    assert f'{settings.GONGKAI["SITE_NAME"]} · 政府信息公开' in page and "testserver" not in page
