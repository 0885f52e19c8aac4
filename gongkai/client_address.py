"""The client's address, the one place it is read (rate limits key on it: RATELIMIT_IP_META_KEY).

Behind the nginx of ``deploy/`` the application sees nginx's address in REMOTE_ADDR; nginx passes the
client's as ``X-Real-IP: $remote_addr`` and appends it to ``X-Forwarded-For``
(``$proxy_add_x_forwarded_for``). Those headers are believed only when the request comes from a
trusted proxy (``settings.GONGKAI_TRUSTED_PROXIES``: addresses or networks, default the loopback
addresses, where nginx runs beside gunicorn). Anything a client writes into them itself sits to the
left in X-Forwarded-For, so the chain is read from the right and the first address that is not a
trusted proxy is the client; a client talking to the application directly gets its REMOTE_ADDR,
whatever headers it sends.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _ip(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(ip, networks) -> bool:
    return ip is not None and any(ip in net for net in networks)


def client_ip(request) -> str:
    """The address of the client that sent ``request`` (a string, as REMOTE_ADDR)."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(getattr(settings, "GONGKAI_TRUSTED_PROXIES", ())))
    if not _trusted(_ip(remote), networks):
        return remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        ip = _ip(hop)
        if ip is None:
            break  # a malformed entry: nothing left of it can be believed
        if not _trusted(ip, networks):
            return str(ip)
    real = _ip(request.META.get("HTTP_X_REAL_IP", ""))
    if real is not None:
        return str(real)
    return remote
