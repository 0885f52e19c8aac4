"""The year-boundary banner (revised domain.md 3.1): from 1 November until next year's holiday
arrangement is confirmed, staff pages say how many open cases have provisional dates."""

from django.utils.functional import SimpleLazyObject


def _banner(request) -> dict:
    from gongkai.agencies import access as agency_access
    from gongkai.holidays.services import unconfirmed_years_ahead
    from gongkai.law import today as law_today

    from . import access
    from .models import OPEN_STATUSES

    user = request.user
    if not user.is_authenticated or not (user.is_superuser or agency_access.working_agency_ids(user)
                                         or agency_access.is_supervisor(user)):
        return {}
    years = unconfirmed_years_ahead(law_today.today())
    if not years:
        return {}
    count = access.readable(user).filter(status__in=OPEN_STATUSES).exclude(due_provisional_years="").count()
    scope = "全平台" if user.is_superuser else "您可查看的机关"
    return {"years": years, "count": count, "scope": scope, "can_enter": user.is_superuser}


def _nav(request) -> dict:
    """Which links of the staff menu lead to a page the user may open (no link to a 403)."""
    from gongkai.agencies import access as agency_access

    user = request.user
    if not user.is_authenticated:
        return {}
    return {"register": bool(agency_access.working_agency_ids(user)), "supervision": agency_access.is_supervisor(user)}


def calendar_banner(request):
    return {"calendar_banner": SimpleLazyObject(lambda: _banner(request)),
            "staff_nav": SimpleLazyObject(lambda: _nav(request))}
