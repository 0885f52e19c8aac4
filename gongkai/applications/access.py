"""Who may read and change applications: the one door. Every view, export and API goes through
``readable`` (querysets) and the ``can_*`` predicates (single objects).

- Staff of the receiving organ (handler, reviewer, admin) read its cases in full and act on them.
- Only a reviewer (the head of the disclosure unit, Art. 33) approves extensions and signs answers.
- A supervisor (政务公开办) reads the cases of its whole subtree, with the applicant's personal data
  masked, and cannot act on them.
- Platform administrators (superusers) read everything.

Personal data is the applicant's fields (``PERSONAL_FIELDS``) and whatever identifiers were typed into
the free text (``FREE_TEXT_FIELDS``, timeline notes): outside the handling organ both are masked
(``applicant_view``, ``text_view``, ``summary``). Every read of unmasked personal data is logged
(``log_read``, ``log_bulk_read``; rule in ARCHITECTURE.md).
"""

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Membership
from gongkai.law import workflows
from gongkai.law.identifiers import mask_address, mask_id_number, mask_name, mask_phone
from gongkai.law.privacy import FREE_TEXT_KINDS, find_personal_data, mask_text

from .models import AccessLog, Application


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


class OnlineApplicant:
    """The applicant of one application, acting from the public progress page after proving the 查询号
    and the name (portal/progress.py); no account, so timeline events record no user."""

    is_authenticated = False

    def __init__(self, application_id: int):
        self.application_id = application_id


def roles(user, app: Application) -> set[str]:
    """The roles of law/workflows.APPLICATION that ``user`` holds on ``app``; ``None`` is the schedule."""
    if user is None:
        return {workflows.SYSTEM}
    if isinstance(user, OnlineApplicant):
        return {workflows.APPLICANT} if user.application_id == app.pk else set()
    held = set()
    if can_handle(user, app):
        held.add(workflows.HANDLER)
        if can_approve(user, app):
            held.add(workflows.APPROVER)
    return held


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
        # Organisations' names are not personal data, but an identifier typed into one is.
        return mask_text(value, FREE_TEXT_KINDS) if app.applicant_kind == "organisation" else mask_name(value)
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


# Free text an applicant or a handler writes; identifiers typed into it are personal data too.
FREE_TEXT_FIELDS = ("info_title", "description", "purpose", "outcome_reasons")
# The applicant's own values that are replaced wherever they occur in free text (postcode and
# employer are left: a 6-digit number or a company named in a request is usually not the applicant).
_OWN_VALUES_IN_TEXT = ("id_number", "agent_id_number", "phone", "agent_phone", "fax", "email", "name",
                       "agent_name", "contact_name", "legal_representative", "address")


def mask_free_text(text: str, app: Application) -> str:
    """``text`` as readers outside the handling organ see it: the applicant's own identifiers
    (name, ID number, phone, e-mail, address …) masked as in their fields, then any ID number, mobile,
    bank card, fixed-line number or e-mail address (gongkai.law.privacy, ``FREE_TEXT_KINDS``) masked
    as for publication (domain 6.6)."""
    if not text:
        return text
    for field in _OWN_VALUES_IN_TEXT:
        value = (getattr(app, field, "") or "").strip()
        if len(value) >= 2 and value in text:
            text = text.replace(value, masked_value(field, value, app))
    return mask_text(text, FREE_TEXT_KINDS)


def looks_personal(query: str) -> bool:
    """A search term that is (or contains) an ID number, mobile, bank card or a run of 6+ digits."""
    import re

    return bool(find_personal_data(query) or re.search(r"[0-9０-９]{6,}", query))


def text_view(user, app: Application) -> dict:
    """The free-text fields as this user may see them."""
    full = sees_personal_data(user, app)
    return {f: getattr(app, f) if full else mask_free_text(getattr(app, f), app) for f in FREE_TEXT_FIELDS}


def summary(user, app: Application) -> str:
    """What lists show for "所需信息": the title, else the description, masked before any truncation."""
    text = app.info_title or app.description
    return text if sees_personal_data(user, app) else mask_free_text(text, app)


def shown_name(user, app: Application) -> str:
    return app.name if sees_personal_data(user, app) else masked_value("name", app.name, app)


def can_open_attachment(user, attachment) -> bool:
    """Identity proofs, authorisations and every other upload: the handling organ only."""
    return sees_personal_data(user, attachment.application)


# -------------------------------------------------------------------------------- the access log

def log_read(user, app: Application, what: str) -> AccessLog:
    """One read of one application's unmasked personal data (case page, attachment, letter, API)."""
    return AccessLog.objects.create(application=app, user=user, what=what[:50])


class BulkRead:
    """Collects what a list or export request returns, then writes its one AccessLog row."""

    def __init__(self, user, what: str, query: str = ""):
        self.user, self.what, self.query = user, what, query
        self.count = 0
        self.unmasked_ids: list[int] = []

    def add(self, app: Application) -> bool:
        """Count ``app``; True when this reader sees its personal data unmasked."""
        self.count += 1
        full = sees_personal_data(self.user, app)
        if full:
            self.unmasked_ids.append(app.pk)
        return full

    def save(self) -> AccessLog | None:
        """One row: the filter, how many applications were returned, links to those shown unmasked.
        Nothing returned, nothing logged."""
        if not self.count:
            return None
        entry = AccessLog.objects.create(user=self.user, what=self.what[:50], query=self.query[:500],
                                         count=self.count)
        link = AccessLog.applications.through
        link.objects.bulk_create([link(accesslog_id=entry.pk, application_id=pk) for pk in self.unmasked_ids],
                                 batch_size=500)
        return entry


def log_bulk_read(user, what: str, apps, *, query: str = "") -> AccessLog | None:
    bulk = BulkRead(user, what, query)
    for app in apps:
        bulk.add(app)
    return bulk.save()
