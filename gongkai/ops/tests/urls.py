"""Views for the tests of the operations middleware (mounted with ``pytest.mark.urls``)."""

import logging

from django.db import OperationalError, connection, transaction
from django.http import HttpResponse
from django.urls import include, path

log = logging.getLogger("gongkai.test")


def logs_something(request):
    # What a careless message could carry: it must not reach the log as written.
    log.warning("申请人电话13812341234，身份证11010519491231002X，邮箱wang.xiaoming@example.com")
    return HttpResponse("ok")


def locked(request):
    raise OperationalError("database is locked")


def writes(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO busy_probe (n) VALUES (1)")
    return HttpResponse("written")


def echo_length(request):
    return HttpResponse(str(len(request.body)))


urlpatterns = [
    path("test/log/", logs_something),
    path("test/locked/", locked),
    path("test/write/", writes),
    path("test/echo/", echo_length),
    path("audit/echo/", echo_length),
    path("staff/publishing/echo/", echo_length),
    path("", include("gongkai.urls")),
]
