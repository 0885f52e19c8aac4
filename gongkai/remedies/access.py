"""Remedy cases follow the scoping of their organ (see gongkai.agencies.access)."""

from gongkai.agencies import access as agency_access
from gongkai.applications import access as app_access

from .models import RemedyCase


def readable(user):
    return agency_access.scope(RemedyCase.objects.all(), user)


def can_change(user, agency) -> bool:
    return user.is_authenticated and (user.is_superuser or agency.pk in agency_access.working_agency_ids(user))


def can_build_bundle(user, case) -> bool:
    """Who may generate and download a case's defence bundle (应诉材料): it holds the applicant's
    personal data unmasked and the organ's evidence, so only staff of the organ that handled the
    application who may handle it (handler, reviewer, organ admin; superusers) — the rule of
    ``applications.access.can_handle``. Not supervisors, not other organs, not the public; a case
    with no linked application has no bundle. The one place: views and templates ask here."""
    app = case.application
    return (app is not None and case.agency_id == app.agency_id
            and app_access.sees_personal_data(user, app) and app_access.can_handle(user, app))
