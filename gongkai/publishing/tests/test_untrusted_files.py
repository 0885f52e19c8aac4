"""Attachments and catalogue imports are files made elsewhere: a ZIP bomb is refused from its
directory with a Chinese reason, and text extraction runs within the parsing budget
(gongkai.ops.sandbox) — a file over budget is kept, without search text, and the reason logged."""

from __future__ import annotations

import logging

import pytest

from gongkai.ops.tests import bombs
from gongkai.publishing import attachments
from gongkai.publishing.attachments import DOCX, PDF, AttachmentError
from gongkai.publishing.catalogue import import_standard_catalogue


def test_docx_bomb_attachment_is_refused():
    with pytest.raises(AttachmentError, match="疑似压缩炸弹，已拒绝处理"):
        attachments.check(bombs.docx_bomb(100))


def test_xlsx_bomb_attachment_is_refused():
    with pytest.raises(AttachmentError, match="疑似压缩炸弹，已拒绝处理"):
        attachments.check(bombs.xlsx_bomb(100))


def test_text_of_a_normal_attachment(settings):
    assert "年度报告" in attachments.extract_text(bombs.small_docx(), DOCX)


def test_text_extraction_over_the_memory_budget_keeps_the_file_without_text(settings, caplog):
    settings.GONGKAI_PARSE_MEMORY_MB = 64
    heavy = bombs.docx_heavy(1_000_000)
    assert attachments.check(heavy) == DOCX  # a legitimate-looking file is accepted …
    with caplog.at_level(logging.WARNING, logger="gongkai.publishing.attachments"):
        assert attachments.extract_text(heavy, DOCX) == ""  # … but its text is not had at any cost
    assert "内存超过64 MB" in caplog.text


def test_text_extraction_reads_only_the_first_pages(settings, monkeypatch):
    settings.GONGKAI_PDF_MAX_PAGES = 3
    seen = []
    from pypdf import PageObject

    original = PageObject.extract_text
    monkeypatch.setattr(PageObject, "extract_text", lambda self, *a, **k: seen.append(1) or original(self, *a, **k))
    attachments._extract_text(bombs.pdf_of_pages(8), PDF)
    assert len(seen) == 3


def test_catalogue_import_of_a_bomb(tree):
    created, errors = import_standard_catalogue(tree["a"], bombs.xlsx_bomb(100))
    assert created == 0 and "疑似压缩炸弹，已拒绝处理" in errors[0]
