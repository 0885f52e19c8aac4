"""The public auditor under hostile input (issue 12, item 8): a paste of tens of KB of digits, a DOCX
zip bomb, a DOCX that passes the directory checks but needs too much memory, a PDF of too many pages.
Each finishes within the parsing budget (the child process of gongkai.ops.sandbox) with a Chinese
reason, and the page stays usable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.auditor import readers, services
from gongkai.ops.tests import bombs

REPORT = (Path(__file__).resolve().parents[2] / "reportreader/tests/data/heldout/bjtzh_xinhua_2019.txt").read_text(
    encoding="utf-8")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _reason(result: dict) -> str:
    assert result["findings"][0]["rule"] == "unreadable", result["findings"]
    return result["findings"][0]["message"]


def test_forty_kb_of_digits_pasted_into_a_report(client, settings):
    # The paste that cost 137 s of CPU: now audited at once; the budget is the mechanism's own.
    settings.GONGKAI_PARSE_SECONDS = 8
    at = REPORT.index("一、总体情况\n") + len("一、总体情况\n")
    text = REPORT[:at] + "1" * 40_000 + "\n" + REPORT[at:]
    r = client.post(reverse("auditor:audit"), {"text": text})
    assert r.status_code == 200
    assert "无法读取" not in r.content.decode()
    assert r.context["results"][0]["format"] == "2019_trial"


def test_docx_bomb_is_refused_by_the_form_before_it_is_opened(client):
    bomb = bombs.docx_bomb(100)
    r = client.post(reverse("auditor:audit"), {"file": SimpleUploadedFile("report.docx", bomb)})
    assert r.status_code == 200
    assert "疑似压缩炸弹，已拒绝处理" in r.content.decode()
    assert r.context["results"] is None


def test_docx_bomb_given_to_the_service_is_refused_with_the_reason(settings):
    settings.GONGKAI_UNZIP_MAX_RATIO = 10_000  # the size limit alone refuses it too
    settings.GONGKAI_UNZIP_MAX_MB = 50
    [result] = services.audit_batch([("bomb.docx", bombs.docx_bomb(100))])
    assert "文件解压后超过50 MB" in _reason(result)


def test_a_heavy_docx_runs_out_of_memory_budget_not_the_server(settings):
    settings.GONGKAI_PARSE_MEMORY_MB = 64
    settings.GONGKAI_PARSE_SECONDS = 20
    heavy = bombs.docx_heavy(1_000_000)
    assert readers.sniff(heavy) == "docx"
    [result, ok] = services.audit_batch([("heavy.docx", heavy), ("粘贴的文本", REPORT)])
    assert "文件处理所需内存超过64 MB，已停止处理" in _reason(result)
    assert ok["format"] == "2019_trial"  # the other input of the batch is audited as usual


def test_a_slow_input_is_stopped_at_the_time_budget(settings, monkeypatch):
    settings.GONGKAI_PARSE_SECONDS = 1

    def slow(*args):
        while True:
            pass

    monkeypatch.setattr(services, "_read_and_parse", slow)
    [result] = services.audit_batch([("slow.txt", b"x")])
    assert "文件处理超过1秒，已停止处理" in _reason(result)


def test_pdf_of_too_many_pages(monkeypatch):
    monkeypatch.setattr(readers, "MAX_PDF_PAGES", 5)
    [result] = services.audit_batch([("long.pdf", bombs.pdf_of_pages(6))])
    assert _reason(result) == "PDF 共6页，超过上限5页，已拒绝处理"


def test_an_unreadable_file_is_named_once_on_the_page(client, monkeypatch):
    """The finding is shown as 「无法读取：<reason>」, not 「无法读取：无法读取：<reason>」."""

    cache.clear()
    monkeypatch.setattr(readers, "MAX_PDF_PAGES", 5)
    r = client.post(reverse("auditor:audit"), {"file": SimpleUploadedFile("long.pdf", bombs.pdf_of_pages(6))})
    text = re.sub(r"<[^>]+>", "", r.content.decode())
    assert "无法读取：PDF 共6页，超过上限5页，已拒绝处理" in text
    assert "无法读取：无法读取" not in text


def test_a_paste_of_hundreds_of_reports_shows_the_first_ones(client):
    text = ("北京市新华街道2019年政府信息公开工作年度报告\n" + REPORT + "\n") * 40
    r = client.post(reverse("auditor:audit"), {"text": text})
    assert r.status_code == 200
    assert len(r.context["results"]) == 30 and r.context["found"] == 40
    assert "本次共识别出 40 份报告，页面只显示前 30 份；其余 10 份请分批提交" in r.content.decode()
