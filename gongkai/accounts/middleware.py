"""Sends a signed-in user who owes a second factor to it before anything else (policy.next_step):
the code of this sign-in (VERIFY) or the enrolment of a device (ENROL). Only the sign-in pages, the
logout and static files stay open meanwhile; every other page, the API and /admin/ redirect.

Requests without a session cookie (the public) pass untouched: nobody is signed in, and the
session is not even read."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from . import policy

STEP_URL_NAMES = {policy.VERIFY: "login-verify", policy.ENROL: "two-factor"}
OPEN_URL_NAMES = ("login", "logout", "login-verify", "two-factor")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            step = policy.next_step(request.user, request.path)
            if step and not self._open(request.path):
                target = reverse(STEP_URL_NAMES[step])
                if request.method in ("GET", "HEAD"):
                    target += "?" + urlencode({"next": request.get_full_path()})
                return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        return path in {reverse(name) for name in OPEN_URL_NAMES} or path.startswith(settings.STATIC_URL)
