"""Jobs run on demand, moved out of the request (the periodic ones are in ``schedule.py``).

Each task is a thin wrapper: the work is a plain function of its app, which tests and commands call
directly. Bodies are idempotent — they compute from the data, check state under a row lock, or carry
an idempotency key — so a retry or a second enqueue for the same event has one effect. Enqueue them
with ``gongkai.jobs.enqueue_on_commit`` so that a worker never looks for a row before it is committed.
"""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from .failures import describe

# Priorities (higher first; SqliteHuey and PriorityRedisHuey honour them): what a person waits for
# comes before bulk work.
MAIL, INDEX, RECOMPUTE, EXTRACT, AUDIT = 50, 40, 30, 20, 10


@db_task(retries=6, retry_delay=60, retry_backoff=2, priority=MAIL)
def deliver_mail(key: str, subject: str, message: str, recipient_list: list[str], from_email: str | None = None):
    """Send one e-mail once: retried with backoff (1, 2, 4 … minutes) until the server takes it."""
    from .mail import deliver

    return deliver(key, subject, message, recipient_list, from_email)


describe(deliver_mail, "发送邮件",
         lambda args, kwargs: f"key={args[0] if args else kwargs.get('key')}，"
                              f"收件人{len(args[3] if len(args) > 3 else kwargs.get('recipient_list', []))}个")


@db_task(retries=3, retry_delay=60, retry_backoff=2, priority=RECOMPUTE)
def recompute_deadlines(reason: str | None = None) -> int:
    """Recompute every open case after a calendar change (domain.md 3.3 g); a case whose date moved
    gets one timeline entry with ``reason``; running it again moves nothing and writes nothing."""
    from gongkai.applications.services import refresh_open_deadlines

    return refresh_open_deadlines(reason=reason)


describe(recompute_deadlines, "节假日安排变更后重算期限",
         lambda args, kwargs: str(args[0] if args else kwargs.get("reason") or ""))


@db_task(retries=4, retry_delay=30, retry_backoff=2, priority=INDEX)
def index_document(pk: int) -> None:
    """(Re)index one document, or drop it from the index when it is no longer public."""
    from gongkai.search import index

    index.update_document(pk)


describe(index_document, "更新检索索引")


@db_task(retries=2, retry_delay=120, priority=EXTRACT)
def extract_attachment_text(pk: int) -> None:
    """Extract the text of one uploaded attachment, then reindex its document."""
    from gongkai.publishing.services import extract_attachment_text as extract

    extract(pk)


describe(extract_attachment_text, "提取附件文本")


@db_task(retries=0, priority=AUDIT)
def audit_published_reports(run_id: int) -> None:
    """The supervisor's audit of published annual reports (auditor.AuditRun): progress and result
    are stored on the run. Not retried: a failed run is marked failed and the page offers a new one."""
    from gongkai.auditor.published import execute_run

    execute_run(run_id)


describe(audit_published_reports, "审查已发布年报")
