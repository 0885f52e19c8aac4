"""The search app's on-demand jobs (found by djhuey's autodiscovery of ``tasks`` modules), enqueued
on commit by publishing: (re)index one document; extract one attachment's text. The work is in
``index.py``; the daily repair of the schedule catches what a killed process lost."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from gongkai.jobs import EXTRACT, INDEX
from gongkai.jobs.labels import describe


@db_task(retries=4, retry_delay=30, retry_backoff=2, priority=INDEX)
def index_document(pk: int) -> None:
    """(Re)index one document, or drop it from the index when it is no longer public."""
    from . import index

    index.update_document(pk)


describe(index_document, "更新检索索引")


@db_task(retries=2, retry_delay=120, priority=EXTRACT)
def extract_attachment_text(pk: int) -> None:
    """Extract the text of one uploaded attachment, then reindex its document."""
    from . import index

    index.extract_attachment_text(pk)


describe(extract_attachment_text, "提取附件文本")


@db_task(retries=0, priority=INDEX)
def refresh_library_facets(filters: dict | None = None) -> None:
    """Count the policy library's facets anew after a change (enqueued by the first library visit
    of a new content generation, which meanwhile shows the previous counts): the plain list, or a
    list narrowed by ``filters`` without words."""
    from . import facet_counts

    if filters:
        facet_counts.recount_listed(filters)
    else:
        facet_counts.refresh_plain()


describe(refresh_library_facets, "统计文件库分类数量")
