"""Where a member of staff lands after signing in (when the sign-in did not name a page): the queue
of their role, never an empty list of cases they do not handle (issue 15, item 6).

- reviewer (审核人, the unit head): the answers waiting for a signature (待签发); when none wait
  and documents wait for the section review, that queue (待审核); when neither waits, the organ's
  open cases (本机关全部案件), not an empty queue;
- supervisor (政务公开办): 督办;
- secrecy reviewer: the documents waiting for the secrecy review; editor: the document list;
- platform administrator: every open case (本机关（含可查看机关）全部案件: the whole platform), as
  they are assigned none;
- everyone else (handler, organ administrator): the workbench (my open cases).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Membership

SIGN_QUEUE = {"scope": "agency", "status": "decided"}  # 待签发答复 on the workbench
ALL_OPEN = {"scope": "agency"}  # 本机关（含可查看机关）全部案件, open ones (the workbench's default status)


def _url(name: str, **params) -> str:
    return reverse(name) + (f"?{urlencode(params)}" if params else "")


def _reviewer_url(user) -> str:
    from gongkai.applications import access as app_access
    from gongkai.applications.models import Status
    from gongkai.publishing import access as doc_access
    from gongkai.publishing.models import DocStatus

    own = agency_access.role_agency_ids(user, Membership.REVIEWER)
    if app_access.readable(user).filter(agency_id__in=own, status=Status.DECIDED).exists():
        return _url("workbench", **SIGN_QUEUE)
    if doc_access.staff_documents(user).filter(agency_id__in=own, status=DocStatus.SECTION_REVIEW).exists():
        return _url("doc-list", status=DocStatus.SECTION_REVIEW)
    return _url("workbench", **ALL_OPEN)


def landing_url(user) -> str:
    """The first page of ``user`` after signing in."""
    if not user.is_authenticated:
        return reverse("workbench")
    if user.is_superuser:
        return _url("workbench", **ALL_OPEN)
    roles = {m.role for m in user.memberships.all()}
    if Membership.REVIEWER in roles:
        return _reviewer_url(user)
    if Membership.SUPERVISOR in roles:
        return reverse("supervision")
    if Membership.HANDLER in roles or Membership.ADMIN in roles:
        return reverse("workbench")
    if Membership.SECRECY in roles:
        from gongkai.publishing.models import DocStatus

        return _url("doc-list", status=DocStatus.SECRECY_REVIEW)
    if Membership.EDITOR in roles:
        return reverse("doc-list")
    return reverse("workbench")
