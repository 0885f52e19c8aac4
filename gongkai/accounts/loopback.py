"""Is a server's bind address on this machine only? Plain HTTP (no SSL redirect, no Secure cookies)
is allowed only then (settings: GONGKAI_ALLOW_HTTP_LOOPBACK with GONGKAI_BIND). Pure Python: the
settings module calls it before Django is set up."""

import ipaddress


def bind_host(bind: str) -> str:
    """The host part of a bind address: "127.0.0.1:8000" → "127.0.0.1", "[::1]:8000" → "::1",
    "localhost" → "localhost"; a bare IPv6 address is kept whole."""
    bind = bind.strip()
    if bind.startswith("["):
        return bind[1:].split("]", 1)[0]
    if bind.count(":") == 1:
        return bind.split(":", 1)[0]
    return bind


def is_loopback_bind(bind: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost (with or without a port); False for anything else,
    including 0.0.0.0, ::, private and public addresses, names and an empty value."""
    host = bind_host(bind or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
