"""The shared plumbing: the version lock, staff_required, the error hierarchy, the date widget."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.core.decorators import staff_required
from gongkai.core.errors import AppendOnlyError, ConflictError, GongkaiError, RuleError
from gongkai.core.versioning import VersionLock
from gongkai.core.widgets import DATE_WIDGET

# -- versioning ---------------------------------------------------------------------------------


def test_version_lock_bumps_on_success(received_app):
    app = received_app()
    before = app.version
    with VersionLock(Application, app.pk, expected_version=before) as locked:
        assert locked.pk == app.pk
        Application.objects.filter(pk=app.pk).update(description="改")
    assert locked.version == before + 1
    assert Application.objects.get(pk=app.pk).version == before + 1


def test_a_stale_version_is_a_conflict_and_changes_nothing(received_app):
    app = received_app()
    with pytest.raises(ConflictError, match="^该申请已被他人更新，请刷新页面后重试$"):
        with VersionLock(Application.objects, app.pk, expected_version=app.version - 1, what="该申请"):
            raise AssertionError("the body must not run")
    assert Application.objects.get(pk=app.pk).version == app.version


def test_no_expected_version_means_no_check_and_an_exception_no_bump(received_app):
    app = received_app()
    with pytest.raises(RuntimeError), VersionLock(Application.objects.all(), app.pk):
        Application.objects.filter(pk=app.pk).update(description="半途")
        raise RuntimeError
    fresh = Application.objects.get(pk=app.pk)
    assert fresh.version == app.version and fresh.description != "半途"  # rolled back


def test_actions_keep_their_message_and_error_types(received_app, staff):
    """applications.actions._Action uses the lock: a stale form is an ActionError (what the views
    catch) and a ConflictError, with the message of before; a fresh one bumps the version."""
    app = received_app()
    with pytest.raises(services.ActionError, match="该申请已被他人更新，请刷新页面后重试") as caught:
        services.assign(app, staff["a_handler"], staff["a_reviewer"], expected_version=app.version + 5)
    assert isinstance(caught.value, ConflictError)
    services.assign(app, staff["a_handler"], staff["a_reviewer"], expected_version=app.version)
    assert Application.objects.get(pk=app.pk).version == app.version + 1
    with pytest.raises(services.ActionError, match="您无权办理该申请"):  # permission before the version
        services.assign(app, staff["b_handler"], staff["b_handler"], expected_version=0)


# -- staff_required -----------------------------------------------------------------------------


@staff_required
def _page(request):
    """A staff page."""
    return HttpResponse("ok")


def _request(user):
    request = RequestFactory().get("/staff/page/")
    request.user = user
    return request


def test_staff_required_sends_the_anonymous_to_login(db):
    response = _page(_request(AnonymousUser()))
    assert response.status_code == 302 and "/login/" in response["Location"] and "next=/staff/page/" in response["Location"]


def test_staff_required_refuses_a_user_of_no_organ(make_user):
    with pytest.raises(PermissionDenied, match="您不是任何机关的工作人员"):
        _page(_request(make_user("nobody")))


def test_staff_required_lets_a_member_in(staff):
    assert _page(_request(staff["a_handler"])).content == b"ok"
    assert _page.__name__ == "_page" and _page.__doc__ == "A staff page."


def test_the_apps_use_the_one_decorator():
    from gongkai.applications import views as application_views
    from gongkai.letters import views as letter_views
    from gongkai.publishing import views as publishing_views
    from gongkai.remedies import views as remedy_views
    from gongkai.reports import views as report_views

    for module in (application_views, letter_views, publishing_views, remedy_views, report_views):
        assert module.staff_required is staff_required


# -- errors and widgets -------------------------------------------------------------------------


def test_the_apps_errors_are_in_the_hierarchy():
    from gongkai.applications.models import AppendOnlyError as OldAppendOnly
    from gongkai.holidays.models import CalendarLogError
    from gongkai.ops.backup import BackupError
    from gongkai.publishing.attachments import AttachmentError

    assert issubclass(services.ActionError, RuleError) and issubclass(RuleError, GongkaiError)
    assert issubclass(services.StaleVersionError, services.ActionError)
    assert issubclass(services.StaleVersionError, ConflictError)
    assert issubclass(AttachmentError, RuleError) and issubclass(AttachmentError, ValueError)
    assert OldAppendOnly is AppendOnlyError and CalendarLogError is AppendOnlyError
    assert issubclass(BackupError, GongkaiError)


def test_the_date_widget_is_a_browser_date_picker_in_iso_form():
    class Form(forms.Form):
        on = forms.DateField(widget=DATE_WIDGET)

    html = str(Form(initial={"on": dt.date(2025, 3, 3)})["on"])
    assert 'type="date"' in html and 'value="2025-03-03"' in html
