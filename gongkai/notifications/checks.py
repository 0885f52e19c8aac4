"""``check --deploy``: the links in messages to applicants must reach the public site, not this machine."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.checks import Warning, register


@register("notifications", deploy=True)
def public_base_url(app_configs, **kwargs):
    from django.conf import settings

    url = settings.GONGKAI.get("PUBLIC_BASE_URL", "")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme in ("http", "https") and host and host != "localhost" and not host.startswith(("127.", "::1")):
        return []
    return [Warning(
        f"GONGKAI_PUBLIC_BASE_URL（{url or '未设置'}）不是本网站的公网地址：发给申请人的邮件和短信中的查询链接将无法打开",
        hint="在环境变量中设置 GONGKAI_PUBLIC_BASE_URL，例如 https://gk.example.gov.cn（README“Notifications to applicants”）",
        id="notifications.W001",
    )]
