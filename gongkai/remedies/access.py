"""Remedy cases follow the scoping of their organ (see gongkai.agencies.access)."""

from gongkai.agencies import access as agency_access

from .models import RemedyCase


def readable(user):
    return agency_access.scope(RemedyCase.objects.all(), user)


def can_change(user, agency) -> bool:
    return user.is_authenticated and (user.is_superuser or agency.pk in agency_access.working_agency_ids(user))
