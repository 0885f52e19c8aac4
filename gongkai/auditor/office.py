"""Office formats other than DOCX: spreadsheets read with openpyxl, the rest converted by LibreOffice.

- XLSX (tables published as a spreadsheet): each sheet's rows become tab-separated lines, merged cells
  as :func:`gongkai.auditor.readers.docx_text` treats a Word table's.
- ODT, ODS, and the old binary formats agencies still publish — Word 97–2003 (.doc), WPS 文字 (.wps),
  Excel 97–2003 (.xls), WPS 表格 (.et) — are converted by LibreOffice (``soffice --headless``) to DOCX or
  XLSX and read as those. Without LibreOffice the reader says what to install.

LibreOffice runs in its own process group with a fresh profile, a wall-clock timeout, and memory and
CPU ceilings of its own (the audit's child process has a tighter one, meant for Python parsers).
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from gongkai.reportreader.cells import grid_row_line

SOFFICE_SECONDS = 120
SOFFICE_MEMORY = 3 * 1024**3
MISSING = "服务器未安装 LibreOffice，无法读取{kind}；请管理员安装 libreoffice-writer-nogui 和 libreoffice-calc-nogui（Debian），或将文件另存为 DOCX/PDF 后上传"
FAILED = "LibreOffice 无法转换该{kind}文件（文件可能已损坏或加密）"
MAX_SHEET_CELLS = 200_000


class ConversionError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _limits() -> None:  # pragma: no cover - runs in the forked child before exec
    """LibreOffice's own ceilings: its address space (the audit child's is sized for Python parsers and
    far too small for it) within the hard limit, and the CPU time it inherits (counted from its exec;
    an unprivileged process may not raise it)."""
    os.setsid()
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = SOFFICE_MEMORY if hard == resource.RLIM_INFINITY else min(SOFFICE_MEMORY, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    soft_cpu, hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)
    if soft_cpu == resource.RLIM_INFINITY or soft_cpu > SOFFICE_SECONDS:
        resource.setrlimit(resource.RLIMIT_CPU, (SOFFICE_SECONDS, hard_cpu))


def convert(data: bytes, *, suffix: str, target: str, kind: str) -> bytes:
    """``data`` (a file ending in ``suffix``) converted by LibreOffice to ``target`` (docx, xlsx)."""
    binary = soffice()
    if binary is None:
        raise ConversionError(MISSING.format(kind=kind))
    filters = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
    with tempfile.TemporaryDirectory(prefix="gk-soffice-") as d:
        src = Path(d) / f"input{suffix}"
        src.write_bytes(data)
        out = Path(d) / "out"
        cmd = [binary, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               f"-env:UserInstallation={Path(d, 'profile').as_uri()}",
               "--convert-to", filters[target], "--outdir", str(out), str(src)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_limits)
        try:
            proc.wait(timeout=SOFFICE_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise ConversionError(FAILED.format(kind=kind)) from None
        made = out / f"input.{target}"
        if proc.returncode != 0 or not made.exists() or not made.stat().st_size:
            raise ConversionError(FAILED.format(kind=kind))
        return made.read_bytes()


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def xlsx_text(data: bytes) -> str:
    """Every sheet's rows as tab-separated lines; a label merged down the rows repeats, a number or a
    blank merged down stays in its first row, a cell merged across columns counts once."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    lines: list[str] = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        if (sheet.max_row or 0) * (sheet.max_column or 0) > MAX_SHEET_CELLS:
            raise ConversionError("表格单元格过多，不像是年度报告")
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        width = max((c for row in rows for c, v in enumerate(row, start=1) if _show(v)), default=0)
        merged = {}
        for rng in sheet.merged_cells.ranges:
            for row in range(rng.min_row, rng.max_row + 1):
                for col in range(rng.min_col, rng.max_col + 1):
                    merged[(row, col)] = (rng.min_row, rng.min_col, rng.max_col)
        for r in range(1, len(rows) + 1):
            cells: list[tuple[str, bool]] = []
            c = 1
            while c <= width:
                r0, c0, c1 = merged.get((r, c), (r, c, c))
                text = _show(rows[r0 - 1][c0 - 1] if c0 <= len(rows[r0 - 1]) else None)
                cells.append((text, r0 == r))
                c = c1 + 1
            if (line := grid_row_line(cells)) is not None:
                lines.append(line)
        lines.append("")
    return "\n".join(lines)
