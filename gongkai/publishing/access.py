"""Who may read and change published information: the one door for the publishing app.

- The public sees only documents that are published and 主动公开 (``public_documents``); drafts,
  documents under review, scheduled, withdrawn and 依申请/不予公开 items never reach the portal,
  search, API or sitemap.
- Editors, reviewers, secrecy reviewers and admins of an organ work on that organ's documents only.
- Section review (科室审核) is the reviewer's; secrecy review (保密审查) needs the 保密审查员 role
  (谁公开谁审查、谁审查谁负责).
- Supervisors read their subtree.
- Attachments (all in the private storage): anyone while their document is public; otherwise the
  staff who may read the document (``can_read_attachment``), each read logged by the staff view.
"""

from gongkai.agencies import access as agency_access
from gongkai.agencies.models import Membership

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


def can_edit(user, doc_or_agency) -> bool:
    agency_id = getattr(doc_or_agency, "agency_id", None) or doc_or_agency.pk
    return user.is_authenticated and (user.is_superuser or agency_id in agency_access.publishing_agency_ids(user))


def can_section_review(user, doc) -> bool:
    return user.is_authenticated and (
        user.is_superuser or doc.agency_id in agency_access.role_agency_ids(user, Membership.REVIEWER)
    )


def can_secrecy_review(user, doc) -> bool:
    return user.is_authenticated and (
        user.is_superuser or doc.agency_id in agency_access.role_agency_ids(user, Membership.SECRECY)
    )
