"""/favicon.ico answers, and the Django admin is titled with the site's name in Chinese (issue 15)."""

from django.conf import settings
from django.templatetags.static import static


def test_favicon_ico_redirects_to_the_svg_icon(client, db):
    resp = client.get("/favicon.ico")
    assert resp.status_code == 302 and resp["Location"] == static("gongkai/favicon.svg")
    assert "max-age=86400" in resp["Cache-Control"]


def test_admin_is_titled_with_the_site_name(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw-123456")
    page = client.get("/admin/login/").content.decode()
    site = settings.GONGKAI["SITE_NAME"]
    assert "Gongkai" not in page and f"{site}" in page and "配置管理" in page
    client.force_login(admin)
    page = client.get("/admin/").content.decode()
    assert "Gongkai" not in page and f"<title>配置管理（日常办理请使用工作台） | {site} 配置管理</title>" in page
