"""Error pages in Chinese, extending base.html (never Django's debug page: DEBUG is off in production).

400 and 500 are rendered without the request (as Django does: the request may be what is broken,
e.g. a disallowed Host header, or the database may be down), with the site's name from settings
only. 403 and 404 use Django's own handlers, which render 403.html and 404.html with the request.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseForbidden, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string


def _site() -> dict:
    conf = settings.GONGKAI
    return {"site_name": conf["SITE_NAME"], "site_id_code": conf["SITE_ID_CODE"], "site_icp": conf["ICP"]}


def bad_request(request, exception=None):
    return HttpResponseBadRequest(render_to_string("400.html", _site()))


def server_error(request):
    return HttpResponseServerError(render_to_string("500.html", _site()))


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: an expired or missing form token, said in Chinese."""
    return render(request, "403_csrf.html", status=HttpResponseForbidden.status_code)
