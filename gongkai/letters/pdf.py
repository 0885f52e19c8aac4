"""Issued letters as PDF (issue 14 item 4), beside DOCX and HTML.

The HTML is letters/letter.html, the template of the printable page, rendered from the letter's
frozen fields; letters/pdf.css gives it the GB/T 9704 page (see there). WeasyPrint lays it out with
the fonts of the machine (Debian: fonts-noto-cjk; subsetting is fast with libharfbuzz-subset0) and
never loads a URL: every fetch is refused (``files.pdf.refusing_fetcher``), the stylesheet is passed as text.

An issued letter's PDF is frozen: ``freeze_pdf`` renders it once, when the issuing transaction
commits (``issue_letter`` → ``freeze_on_commit``, at most AT_ISSUE_LIMIT a transaction), and stores
it in the private storage beside the record (``Letter.pdf``; no URL). It is never rendered again, so a later change of the template, the
stylesheet, the fonts or WeasyPrint does not change it. A letter issued before PDFs existed (or
whose rendering failed at issue) is frozen on its first download. Served only by the access-checked,
access-logged views of letters/views.py.

A letter is one or two pages: rendering takes a fraction of a second, so it runs in the request.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import router, transaction
from django.template.loader import render_to_string

from gongkai.files.pdf import refusing_fetcher

log = logging.getLogger("gongkai.letters")

STYLESHEET = Path(__file__).resolve().parent / "pdf.css"
CONTENT_TYPE = "application/pdf"
AT_ISSUE_LIMIT = 5  # PDFs frozen when one transaction commits (the rest: on first download)


def _refuse():
    return refusing_fetcher("gongkai.letters", "letter PDF", "文书PDF")


def letter_html(letter) -> str:
    """The HTML the PDF is made from: the printable page's template, without its screen parts."""
    return render_to_string("letters/letter.html", {"letter": letter, "pdf": True})


def render_pdf(letter) -> bytes:
    """The letter as PDF bytes, from its frozen fields (not stored; see ``freeze_pdf``)."""
    import weasyprint

    fetcher = _refuse()
    css = weasyprint.CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=fetcher)
    html = weasyprint.HTML(string=letter_html(letter), url_fetcher=fetcher, base_url=None)
    return html.write_pdf(stylesheets=[css])


def freeze_pdf(letter) -> bool:
    """Render and store the letter's PDF unless one is stored; True if this call stored it.

    The row is updated only where its ``pdf`` is still empty (a conditional UPDATE, as two first
    downloads may race): the first stored PDF stays; a file written by the loser is removed.
    """
    from .models import Letter

    if letter.pdf:
        return False
    data = render_pdf(letter)
    field = letter.pdf
    name = field.storage.save(field.field.generate_filename(letter, "letter.pdf"), ContentFile(data))
    if Letter.objects.filter(pk=letter.pk, pdf="").update(pdf=name):
        letter.pdf.name = name
        return True
    field.storage.delete(name)
    primary = router.db_for_write(Letter)  # the row just updated by the winner, never a lagging replica
    letter.pdf.name = Letter.objects.using(primary).values_list("pdf", flat=True).get(pk=letter.pk)
    return False


def _freeze_quietly(pk: int) -> None:
    from .models import Letter

    letter = Letter.objects.select_related("agency").filter(pk=pk).first()
    if letter is None:
        return
    try:
        freeze_pdf(letter)
    except Exception:  # the letter is issued; its PDF is then frozen on the first download
        log.exception("letter PDF could not be rendered at issue", extra={"letter": pk})


def _pending_in_transaction(using=None) -> int:
    """How many letter PDFs the current transaction will freeze when it commits."""
    entries = getattr(transaction.get_connection(using), "run_on_commit", None) or []
    return sum(1 for entry in entries if getattr(entry[1], "letter_pdf", False))


def freeze_on_commit(letter, task=None) -> None:
    """Freeze the PDF once the issuing transaction has committed.

    With a job worker (production) ``task`` (``tasks.freeze_letter_pdf``) is enqueued for every
    letter. Without one (``HUEY_IMMEDIATE``: development and tests) the PDF is drawn at commit, at
    most ``AT_ISSUE_LIMIT`` a transaction (an action issues one to three letters); the letters of a bulk
    transaction beyond it (the demo world, an import) are frozen on their first download instead, so
    no request or command renders hundreds of PDFs at once.
    """
    from huey.contrib.djhuey import HUEY

    if task is not None and not HUEY.immediate:
        from gongkai.jobs import enqueue_on_commit

        enqueue_on_commit(task, letter.pk)
        return
    if _pending_in_transaction() >= AT_ISSUE_LIMIT:
        return
    callback = functools.partial(_freeze_quietly, letter.pk)
    callback.letter_pdf = True
    transaction.on_commit(callback, robust=True)


def stored_pdf(letter) -> bytes:
    """The frozen PDF's bytes, freezing it first if it was never rendered."""
    freeze_pdf(letter)
    with letter.pdf.open("rb") as handle:
        return handle.read()
