"""Remedy cases follow the scoping of their organ (see gongkai.agencies.access)."""

from django.db.models import Q

from gongkai.agencies import access as agency_access

from .models import RemedyCase


def readable(user):
    if not user.is_authenticated:
        return RemedyCase.objects.none()
    if user.is_superuser:
        return RemedyCase.objects.all()
    q = Q(agency_id__in=agency_access.working_agency_ids(user))
    for path in agency_access.supervised_paths(user):
        q |= Q(agency__path__startswith=path)
    return RemedyCase.objects.filter(q)


def can_change(user, agency) -> bool:
    return user.is_authenticated and (user.is_superuser or agency.pk in agency_access.working_agency_ids(user))
