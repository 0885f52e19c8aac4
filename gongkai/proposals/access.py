"""Who may read and change 建议提案: the one door for the proposals app.

- Staff of the lead organ (主办单位: handler, reviewer, admin) handle a proposal: record progress,
  write the answer (复文), record the feedback and decide its publication.
- Staff of a co-handling organ (会办单位) read it and add their organ's opinion (会办意见).
- A supervisor (政务公开办) reads the proposals of its whole subtree (as lead or co-handler) and acts on none.
- Platform administrators (superusers) read and handle everything.
- The public reads only results whose publication document is public (``public_results``): an
  answered proposal stays invisible until the document passed the review and was published.

Proposers (代表、委员) act publicly and are named; phone and ID numbers typed anywhere are masked for
every reader outside the lead organ (``text_view``) and in what is published.
"""

from __future__ import annotations

from django.db.models import Q

from gongkai.agencies import access as agency_access
from gongkai.law.privacy import FREE_TEXT_KINDS, mask_text
from gongkai.publishing.models import DisclosureAttribute, DocStatus

from .models import Proposal


def readable(user):
    """Proposals the user may read: led by or co-handled by an organ the user works for or supervises."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    if user.is_superuser:
        return Proposal.objects.all()
    own = agency_access.working_agency_ids(user)
    q = Q(lead_id__in=own) | Q(co_handlers__in=own)
    for path in agency_access.supervised_paths(user):
        q |= Q(lead__path__startswith=path) | Q(co_handlers__path__startswith=path)
    ids = Proposal.objects.filter(q).values("pk")
    return Proposal.objects.filter(pk__in=ids)


def can_read(user, proposal: Proposal) -> bool:
    return readable(user).filter(pk=proposal.pk).exists()


def can_handle(user, proposal: Proposal) -> bool:
    """Staff of the lead organ (or a superuser)."""
    return bool(user.is_authenticated and (user.is_superuser
                                           or proposal.lead_id in agency_access.working_agency_ids(user)))


def can_add_opinion(user, proposal: Proposal) -> bool:
    """Staff of a co-handling organ add that organ's opinion."""
    return bool(opinion_agencies(user, proposal))


def opinion_agencies(user, proposal: Proposal) -> list:
    if not user.is_authenticated:
        return []
    co = list(proposal.co_handlers.all())
    if user.is_superuser:
        return co
    own = agency_access.working_agency_ids(user)
    return [a for a in co if a.pk in own]


def registering_agencies(user):
    """Organs for which the user may register a proposal (those they work for)."""
    from gongkai.agencies.models import Agency

    if not user.is_authenticated:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=agency_access.working_agency_ids(user))


def public_results():
    """The only public door: proposals whose result document is published and 主动公开."""
    return Proposal.objects.filter(document__status=DocStatus.PUBLISHED,
                                   document__disclosure_attribute=DisclosureAttribute.PROACTIVE)


def text_view(user, proposal: Proposal, text: str) -> str:
    """Free text as ``user`` may read it: phone, ID and card numbers masked outside the lead organ."""
    if can_handle(user, proposal):
        return text
    return mask_text(text or "", FREE_TEXT_KINDS)


def public_text(text: str) -> str:
    """What is published: ID, mobile and card numbers masked (law/privacy.KINDS, as the pre-publication
    check); the organ's own office telephone in a 复文 stays."""
    return mask_text(text or "")
