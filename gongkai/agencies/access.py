"""Who may see which organs. The one door for organ scoping; applications/access.py builds on it.

- handler, reviewer, admin: their own organ.
- supervisor (政务公开办): read access to the organ's whole subtree (its departments and lower governments).
- platform administrators (superusers): everything.
"""

from .models import Agency, Membership

STAFF_ROLES = (Membership.HANDLER, Membership.REVIEWER, Membership.ADMIN)
# Roles that work on proactive publication (editing, section review, secrecy review).
PUBLISHING_ROLES = (Membership.EDITOR, Membership.REVIEWER, Membership.ADMIN, Membership.SECRECY)


def _memberships(user):
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_gongkai_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("agency"))
        user._gongkai_memberships = cached
    return cached


def working_agency_ids(user) -> set[int]:
    """Organs whose cases the user handles (reads unmasked, may change)."""
    if user.is_authenticated and user.is_superuser:
        return set(Agency.objects.values_list("id", flat=True))
    return {m.agency_id for m in _memberships(user) if m.role in STAFF_ROLES}


def role_agency_ids(user, role) -> set[int]:
    return {m.agency_id for m in _memberships(user) if m.role == role}


def supervised_paths(user) -> list[str]:
    return [m.agency.path for m in _memberships(user) if m.role == Membership.SUPERVISOR]


def readable_agencies(user):
    """Organs the user may read: own organs plus supervised subtrees."""
    if not user.is_authenticated:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    from django.db.models import Q

    q = Q(id__in=working_agency_ids(user))
    for path in supervised_paths(user):
        q |= Q(path__startswith=path)
    return Agency.objects.filter(q)


def publishing_agency_ids(user) -> set[int]:
    if user.is_authenticated and user.is_superuser:
        return set(Agency.objects.values_list("id", flat=True))
    return {m.agency_id for m in _memberships(user) if m.role in PUBLISHING_ROLES}


def scope(queryset, user, *, own_ids=None, field="agency"):
    """Filter ``queryset`` (of objects with an organ foreign key ``field``) to what the user may read:
    rows of their own organs (``own_ids``, default: the organs they work for) plus rows of every
    organ in a subtree they supervise. Superusers read everything; anonymous users nothing."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    from django.db.models import Q

    ids = working_agency_ids(user) if own_ids is None else own_ids
    q = Q(**{f"{field}_id__in": ids})
    for path in supervised_paths(user):
        q |= Q(**{f"{field}__path__startswith": path})
    return queryset.filter(q)


def is_staff_member(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or _memberships(user)))


def is_supervisor(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or supervised_paths(user)))
