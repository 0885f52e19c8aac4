"""Display preferences of public visitors: 长者模式 (senior mode) and 繁體 (traditional characters).

Both are kept in long-lived cookies so they persist across pages without creating a session, and
are read by the context processor below, by the switch template and by the response middleware.
Register ``gongkai.publishing.context.display_prefs`` in TEMPLATES context_processors.
"""

SENIOR_COOKIE = "gk_senior"
TRADITIONAL_COOKIE = "gk_trad"
PREF_COOKIES = {"senior": SENIOR_COOKIE, "traditional": TRADITIONAL_COOKIE}
COOKIE_MAX_AGE = 365 * 24 * 3600


def _flag(request, cookie: str) -> bool:
    return getattr(request, "COOKIES", {}).get(cookie) == "1"


def senior_mode(request) -> bool:
    return _flag(request, SENIOR_COOKIE)


def traditional(request) -> bool:
    return _flag(request, TRADITIONAL_COOKIE)


def display_prefs(request):
    return {"senior_mode": senior_mode(request), "traditional": traditional(request)}
