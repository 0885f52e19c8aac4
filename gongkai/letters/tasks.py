"""The letters app's on-demand jobs (found by djhuey's autodiscovery of ``tasks`` modules): freeze an
issued letter's PDF in the job worker, so that 签发 never waits for a PDF to be drawn (0.5–2 s each)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from gongkai.jobs import INDEX
from gongkai.jobs.labels import describe

from .pdf import freeze_pdf


@db_task(retries=3, retry_delay=60, retry_backoff=2, priority=INDEX)
def freeze_letter_pdf(pk: int) -> bool:
    """Render and store the PDF of the issued letter ``pk`` unless one is stored (idempotent: the
    first stored PDF stays). A failure is retried; until it succeeds the first download freezes it."""
    from .models import Letter

    letter = Letter.objects.select_related("agency").filter(pk=pk).first()
    return freeze_pdf(letter) if letter is not None else False


describe(freeze_letter_pdf, "生成文书PDF")
