"""Who may read and change applications: the one door. Every view, export and API goes through
``readable`` (querysets) and the ``can_*`` predicates (single objects).

- Staff of the receiving organ (handler, reviewer, admin) read its cases in full and act on them.
- Only a reviewer (the head of the disclosure unit, Art. 33) approves extensions and signs answers.
- A supervisor (政务公开办) reads the cases of its whole subtree, with the applicant's personal data
  masked, and cannot act on them.
- Platform administrators (superusers) read everything.
"""

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Membership
from gongkai.law.identifiers import mask_address, mask_id_number, mask_name, mask_phone

from .models import Application


def readable(user):
    return agency_access.scope(Application.objects.all(), user)


def can_read(user, app: Application) -> bool:
    return readable(user).filter(pk=app.pk).exists()


def can_handle(user, app: Application) -> bool:
    return user.is_authenticated and (
        user.is_superuser or app.agency_id in agency_access.working_agency_ids(user)
    )


def can_approve(user, app: Application) -> bool:
    return user.is_authenticated and (
        user.is_superuser or app.agency_id in agency_access.role_agency_ids(user, Membership.REVIEWER)
    )


def can_register(user, agency) -> bool:
    return user.is_authenticated and (user.is_superuser or agency.pk in agency_access.working_agency_ids(user))


def sees_personal_data(user, app: Application) -> bool:
    """Personal data is shown in full only to the handling organ (domain.md 7.4)."""
    return can_handle(user, app)


PERSONAL_FIELDS = ("name", "id_number", "phone", "email", "address", "agent_name", "agent_id_number",
                   "agent_phone", "fax", "contact_name", "legal_representative", "postcode", "employer")


def masked_value(field: str, value: str, app: Application) -> str:
    if not value:
        return value
    if field == "name":
        # Organisations' names are not personal data.
        return value if app.applicant_kind == "organisation" else mask_name(value)
    if field in ("id_number", "agent_id_number"):
        return value if app.applicant_kind == "organisation" and field == "id_number" else mask_id_number(value)
    if field in ("phone", "agent_phone", "fax"):
        return mask_phone(value)
    if field == "address":
        return mask_address(value)
    if field == "email":
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    if field in ("agent_name", "contact_name", "legal_representative"):
        return mask_name(value)
    return "***"


def applicant_view(user, app: Application) -> dict:
    """The applicant's fields as this user may see them."""
    full = sees_personal_data(user, app)
    return {f: getattr(app, f) if full else masked_value(f, getattr(app, f), app) for f in PERSONAL_FIELDS}
