"""Who may read and change published information: the one door for the publishing app.

- The public sees only documents that are published and 主动公开 (``public_documents``); drafts,
  documents under review, scheduled, withdrawn and 依申请/不予公开 items never reach the portal,
  search, API or sitemap.
- Editors, reviewers, secrecy reviewers and admins of an organ work on that organ's documents only.
- Who holds which role of law/workflows.PUBLICATION is ``roles``: section review (科室审核) is the
  reviewer's, secrecy review (保密审查) the 保密审查员's, who never authors, edits or publishes
  (谁公开谁审查、谁审查谁负责); the table says which step each role may take.
- Supervisors read their subtree.
- Attachments (all in the private storage): anyone while their document is public; otherwise the
  staff who may read the document (``can_read_attachment``), each read logged by the staff view.
"""

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Membership
from gongkai.law import workflows

from .models import DisclosureAttribute, DocStatus, Document


def public_documents():
    return Document.objects.filter(status=DocStatus.PUBLISHED, disclosure_attribute=DisclosureAttribute.PROACTIVE)


def staff_documents(user):
    return agency_access.scope(Document.objects.all(), user, own_ids=agency_access.publishing_agency_ids(user))


def is_public(doc) -> bool:
    """The same test as ``public_documents`` for one document."""
    return doc.status == DocStatus.PUBLISHED and doc.disclosure_attribute == DisclosureAttribute.PROACTIVE


def can_read_attachment(user, attachment) -> bool:
    doc = attachment.document
    return is_public(doc) or staff_documents(user).filter(pk=doc.pk).exists()


# Which memberships give which role of law/workflows.PUBLICATION. The 保密审查员 holds only its own:
# it reviews what others wrote and never authors, edits, publishes or repeals (separation of duties).
ROLE_MEMBERSHIPS = {
    workflows.EDITOR: (Membership.EDITOR, Membership.REVIEWER, Membership.ADMIN),
    workflows.SECTION_REVIEWER: (Membership.REVIEWER,),
    workflows.SECRECY_REVIEWER: (Membership.SECRECY,),
}


def roles(user, doc_or_agency) -> set[str]:
    """The roles of law/workflows.PUBLICATION that ``user`` holds for a document (or an organ);
    ``None`` is the schedule."""
    if user is None:
        return {workflows.SYSTEM}
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(ROLE_MEMBERSHIPS)
    agency_id = getattr(doc_or_agency, "agency_id", None) or doc_or_agency.pk
    return {role for role, kinds in ROLE_MEMBERSHIPS.items()
            if any(agency_id in agency_access.role_agency_ids(user, kind) for kind in kinds)}


def can_edit(user, doc_or_agency) -> bool:
    return workflows.EDITOR in roles(user, doc_or_agency)


def can_manage_catalogue(user, agency) -> bool:
    """The catalogue's owners and time limits (issue 17) are the organ admin's (机关管理员) to set."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or agency.pk in agency_access.role_agency_ids(user, Membership.ADMIN)
