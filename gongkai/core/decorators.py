"""View decorators shared by the staff pages of every app."""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from gongkai.agencies import access as agency_access


def staff_required(view):
    """Signed in (else the login page) and a member of some organ (else 403): the door of every
    staff page. What the user may see there is decided by the app's access module."""

    @login_required
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not agency_access.is_staff_member(request.user):
            raise PermissionDenied("您不是任何机关的工作人员")
        return view(request, *args, **kwargs)

    return wrapped
