"""The parsing budget (gongkai/ops/sandbox.py): ZIP directories checked before inflating, a child
process with time and memory ceilings, Chinese reasons. Time is bounded by the mechanism itself (the
parent kills the child), never measured loosely."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from gongkai.ops import sandbox
from gongkai.ops.sandbox import Budget, BudgetExceeded, Refused
from gongkai.ops.tests import bombs


def _add(a, b=1):
    return a + b


def _spin():
    while True:
        pass


def _hog():
    chunks = []
    while True:
        chunks.append(bytearray(16 * 1024 * 1024))


def _fail():
    raise ValueError("坏文件")


def _catastrophic():
    # The textbook exponential pattern: would run for ages.
    return re.match(r"(a+)+$", "a" * 64 + "b")


def test_result_and_exception_come_back():
    assert sandbox.run(_add, 1, b=2) == 3
    with pytest.raises(ValueError, match="坏文件"):
        sandbox.run(_fail)


def test_time_budget_stops_a_runaway_parse():
    with pytest.raises(BudgetExceeded, match="超过1秒"):
        sandbox.run(_spin, budget=Budget(seconds=1, memory_mb=256))
    with pytest.raises(BudgetExceeded):
        sandbox.run(_catastrophic, budget=Budget(seconds=1, memory_mb=256))


def test_memory_budget_stops_a_runaway_parse():
    with pytest.raises(BudgetExceeded, match="内存超过128 MB"):
        sandbox.run(_hog, budget=Budget(seconds=20, memory_mb=128))


def test_disabled_sandbox_runs_inline(settings):
    settings.GONGKAI_SANDBOX = False
    assert sandbox.run(_add, 2) == 3


def test_a_normal_docx_passes_the_directory_check():
    assert sandbox.check_zip(bombs.small_docx())
    assert sandbox.check_zip(b"not a zip") == []  # left to the reader, which says what it expected


def test_a_docx_bomb_is_refused_from_its_directory():
    bomb = bombs.docx_bomb(100)
    assert len(bomb) < 1024 * 1024  # under 1 MB on disk, 100 MB inflated
    with pytest.raises(Refused, match="压缩比异常.*已拒绝处理"):
        sandbox.check_zip(bomb)
    with pytest.raises(Refused, match=r"文件解压后超过50 MB（声明为10\d MB），已拒绝处理"):
        sandbox.check_zip(bomb, max_unpacked=50 * sandbox.MB, max_ratio=10_000)


def test_too_many_entries_are_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(30):
            z.writestr(f"x/{i}.xml", "<a/>")
    with pytest.raises(Refused, match="30个条目，超过上限20个"):
        sandbox.check_zip(buf.getvalue(), max_entries=20)


def test_pdf_page_limit():
    sandbox.check_pages(10, 10)
    with pytest.raises(Refused, match="PDF 共11页，超过上限10页，已拒绝处理"):
        sandbox.check_pages(11, 10)
