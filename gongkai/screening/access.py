"""Who may see and act on the leak guard's findings (issue 16 item 5): the staff who may read the
document see them (publishing.access); the 保密审查员 decides — accepts a finding with a reason, and
makes a clean copy — while the document is at 保密审查; an editor may make a clean copy of a draft's
attachment before submitting it (a copy only removes; nothing is accepted). A kept original holds
exactly what the copy removed (personal data, comments, hidden sheets): only the organ's 保密审查员,
who answers for the decision (谁审查谁负责), downloads it, at any state of the document, each download
logged (views.original); editors, section reviewers and supervisors see that it exists, not its bytes."""

from __future__ import annotations

from gongkai.law import workflows
from gongkai.publishing import access as publishing_access
from gongkai.publishing.models import DocStatus


def can_see(user, doc) -> bool:
    return publishing_access.staff_documents(user).filter(pk=doc.pk).exists()


def can_decide(user, doc) -> bool:
    return (doc.status == DocStatus.SECRECY_REVIEW
            and workflows.SECRECY_REVIEWER in publishing_access.roles(user, doc))


def can_clean(user, doc) -> bool:
    return can_decide(user, doc) or (doc.status == DocStatus.DRAFT and publishing_access.can_edit(user, doc))


def can_read_original(user, doc) -> bool:
    """The kept originals of ``doc`` (models.KeptOriginal): the organ's 保密审查员 only."""
    return workflows.SECRECY_REVIEWER in publishing_access.roles(user, doc)
