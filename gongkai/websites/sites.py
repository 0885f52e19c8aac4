"""The list of organs' websites (CSV with the columns ``organ,url``) and the politeness asked for:
read and checked before anything is fetched, every problem a Chinese sentence."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlsplit

from gongkai.websites import links as L

MAX_SITES = 5000
MAX_LIST_BYTES = 2 * 1024 * 1024


class BadList(ValueError):
    """The list or the options cannot be used; ``str()`` says why in Chinese."""


def parse_sites(data: bytes | str) -> list[dict[str, str]]:
    """``[{"organ", "url"}]`` from CSV text (UTF-8 with or without BOM, or GB18030 as Excel saves it)."""
    if isinstance(data, bytes):
        if len(data) > MAX_LIST_BYTES:
            raise BadList(f"网站清单超过 {MAX_LIST_BYTES // (1024 * 1024)} MB")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            data = data.decode("gb18030", errors="replace")
    rows = list(csv.reader(io.StringIO(data.lstrip("\ufeff"))))
    if not rows:
        raise BadList("网站清单为空")
    header = [c.strip().lower() for c in rows[0]]
    if "organ" in header and "url" in header:
        oi, ui, body, first = header.index("organ"), header.index("url"), rows[1:], 2
    elif "机关" in header and "网址" in header:
        oi, ui, body, first = header.index("机关"), header.index("网址"), rows[1:], 2
    else:
        raise BadList("网站清单第 1 行应为列名 organ,url（或 机关,网址）")
    out: list[dict[str, str]] = []
    for n, row in enumerate(body, first):
        if not any(c.strip() for c in row):
            continue
        organ = row[oi].strip() if oi < len(row) else ""
        url = row[ui].strip() if ui < len(row) else ""
        if not organ:
            raise BadList(f"网站清单第 {n} 行缺少机关名称")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BadList(f"网站清单第 {n} 行的网址无效（应以 http:// 或 https:// 开头）：{url[:100]}")
        out.append({"organ": organ[:200], "url": url[:2000]})
    if not out:
        raise BadList("网站清单没有任何机关")
    if len(out) > MAX_SITES:
        raise BadList(f"网站清单最多 {MAX_SITES} 个机关，当前 {len(out)} 个")
    return out


def check_delay(delay: float, sites: list[dict[str, str]]) -> float:
    """The politeness delay: not negative, and 0 only when every listed host is loopback."""
    if delay < 0:
        raise BadList("请求间隔不能为负数")
    if delay == 0 and not all(L.is_loopback(L.host_of(s["url"])) for s in sites):
        raise BadList("请求间隔为 0 只允许用于本机（回环地址）网站；抓取外部网站时每个网站每秒最多一次请求")
    return delay


def hosts(sites: list[dict[str, str]]) -> set[str]:
    return {L.host_of(s["url"]) for s in sites}
