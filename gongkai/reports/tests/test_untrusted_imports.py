"""CSV/XLSX imports of the annual report read files made elsewhere: a ZIP bomb is refused from its
directory, a workbook that needs too much memory is stopped by the parsing budget; nothing is imported
and the reason is said in Chinese."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from gongkai.ops.tests import bombs
from gongkai.reports import importers


def test_xlsx_bomb_is_refused():
    with pytest.raises(importers.ImportFailed) as e:
        importers.read_rows(bombs.xlsx_bomb(100))
    assert "疑似压缩炸弹，已拒绝处理" in str(e.value.problems[0])


def test_xlsx_over_the_memory_budget(settings, monkeypatch):
    # A parse that keeps growing (as openpyxl does on a sheet of millions of cells) is stopped at the
    # budget; the mechanism's own test is gongkai/ops/tests/test_sandbox.py.
    settings.GONGKAI_PARSE_MEMORY_MB = 32

    def greedy(data):
        rows = []
        while True:
            rows.append(bytearray(8 * 1024 * 1024))

    monkeypatch.setattr(importers, "_xlsx_rows", greedy)
    with pytest.raises(importers.ImportFailed) as e:
        importers.read_rows(bombs.xlsx_heavy(1_000))
    assert "文件处理所需内存超过32 MB，已停止处理" in str(e.value.problems[0])


def test_a_normal_workbook_is_read():
    wb = Workbook()
    wb.active.append(["行", "列", "数值"])
    wb.active.append(["行政许可", "本年处理决定数量", 12])
    buf = io.BytesIO()
    wb.save(buf)
    assert importers.read_rows(buf.getvalue()) == [["行", "列", "数值"], ["行政许可", "本年处理决定数量", 12]]
