"""Benchmark: reports per second by file format (年报体检, issue 16), beside today's text reader, in
one run; then the time to audit a scanned 20-page report.

Run from the repository root:  .venv/bin/python bench/auditor_formats_bench.py [ROUNDS] [FORMAT ...]

FORMATs given (e.g. ``5 lo_pdf``) limit the run to those formats and the text reader, without the
20-page scan.

The real reports of the format corpus (gongkai/auditor/tests/corpus.py: the fixtures' 11 reports with
tables, rendered by LibreOffice, poppler and Pillow, cached under var/test-formats/) are read through
the auditor as an upload is (``services.audit_batch``: sandboxed child per file, OCR for scans):

``text``   the report's own text (today's text reader), ``docx``, ``lo_pdf`` (text-layer PDF),
``xlsx``, ``odt`` (converted by LibreOffice), ``scan_pdf`` (150 dpi, OCR) — reports per second each (and CPU
ms a report, this process and its children: what the load of a shared machine does not change),
ROUNDS rounds (scans: one round of three reports, they take minutes). Then 20 scanned pages (the
pages of several scanned reports, one PDF) audited with OCR, timed.

Measured on the 2-core development machine, shared with other processes (2026-12-07, ROUNDS=2):

    text 43.6 reports/s · docx 4.37 · lo_pdf 0.83 · xlsx 1.09 · odt 0.42 · scan_pdf 0.03 (≈33 s a
    4-page report, 2 pages at once) — scan cells right 408/598 (68 %), 279 of 360 located cells
    uncertain · scanned 20-page report: 92 s
    After the cell-by-cell reading of ruled tables (auditor/scanrows.py, 2026-12-07): scan cells right
    595/598 (99.5 %) on the three reports above, 963/996 (97 %) on five · scanned 20-page report: 82 s
    (goals of issue 16: text-layer PDF ≥ 5 reports/s — not reached here; a 20-page scan ≤ 180 s —
    reached; scan cells ≥ 95 % — reached on this corpus)

Text-layer PDF after the PDF readers' modules were imported in the parent (the forked child inherits
them instead of importing pdfplumber/pdfminer per file), same machine, medians of three runs of
``2 lo_pdf`` each (load ≈ 6): lo_pdf 0.81 → 1.47 reports/s; goal ≥ 5 still not reached (pdfminer's
parse of the page, ≈ 0.1 s a page, is what is left).

Text-layer PDF read by PDFium (auditor/pdfgrid.py on pypdfium2; pdfplumber keeps only its table
geometry), 2026-12-08, same machine shared with other processes' builds, medians of three runs of
``2 lo_pdf``: at a load of ≈ 7 lo_pdf 8.75 reports/s (8.91, 8.75, 7.87; text 71.3), 80 ms CPU a
report, where pdfminer's reader takes 360 ms CPU a report (1.25 reports/s in a run beside them) —
goal ≥ 5 reached; at a load of 12–14 (text 25–29 reports/s) lo_pdf 2.85 reports/s, 82 ms CPU a
report: the wall-clock rate follows the load, the CPU cost does not (text: 8 ms CPU a report).

The figures above are rewritten by hand from a run's output; ARCHITECTURE.md quotes them.
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from gongkai.auditor import services  # noqa: E402
from gongkai.auditor.tests import corpus  # noqa: E402
from gongkai.reportreader.tests.report_fixtures import DATA  # noqa: E402

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
ALL_FORMATS = ("docx", "lo_pdf", "xlsx", "odt", "scan_pdf")
FORMATS = tuple(sys.argv[2:]) or ALL_FORMATS


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the sandbox's forks)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _rate(inputs: list[tuple[str, bytes | str]], rounds: int, ocr: bool = False) -> tuple[float, int, float]:
    """Reports per second, reports read, and CPU milliseconds a report (what a shared machine's load
    does not change)."""
    start, cpu = time.perf_counter(), _cpu()
    count = 0
    for _ in range(rounds):
        for source, data in inputs:
            count += len(services.audit_batch([(source, data)], ocr=ocr))
    return count / (time.perf_counter() - start), count, 1000 * (_cpu() - cpu) / max(count, 1)


def _accuracy(reports, fmt: str) -> str:
    """Cells read right, and the uncertain share, of the scanned reports (the heavy test's score)."""
    right = total = uncertain = located = 0
    for e in reports:
        s = corpus.score(e, services.audit_batch([(corpus.ident(e), corpus.render(e, fmt).data)], ocr=True))
        right, total = right + s["right"], total + s["total"]
        cells = (s.get("result") or {}).get("ocr_cells") or {}
        uncertain += sum(1 for c in cells.values() if c["uncertain"])
        located += len(cells)
    return (
        f"  {fmt} cells right {right}/{total} ({100 * right / total:.0f}%), uncertain {uncertain}/{located}"
    )


def _twenty_pages(reports) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for e in reports:
        for page in PdfReader(io.BytesIO(corpus.render(e, "scan_pdf").data)).pages:
            if len(writer.pages) < 20:
                writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main() -> None:
    reports = corpus.REPORTS
    for fmt in ("docx", "lo_pdf", "xlsx", "odt"):
        if fmt in FORMATS:
            corpus.prepare(reports, fmt)
    line = []
    texts = [(e.file, (DATA / e.file).read_text(encoding="utf-8")) for e in reports]
    rate, n, cpu = _rate(texts, ROUNDS)
    line.append(f"text {rate:.1f} reports/s ({n} read, {cpu:.0f} ms CPU each)")
    for fmt in FORMATS:
        scan = fmt.startswith("scan")
        chosen = reports[:3] if scan else reports
        inputs = [(corpus.ident(e), corpus.render(e, fmt).data) for e in chosen]
        rate, n, cpu = _rate(inputs, 1 if scan else ROUNDS, ocr=scan)
        line.append(f"{fmt} {rate:.2f} reports/s ({n} read, {cpu:.0f} ms CPU each)")
        print(line[-1], flush=True)
        if scan:
            print(_accuracy(chosen, fmt), flush=True)
    if FORMATS != ALL_FORMATS:
        print(" · ".join(line))
        return
    pdf = _twenty_pages(reports)
    start = time.perf_counter()
    services.audit_batch([("20-page scan", pdf)], ocr=True)
    line.append(f"scanned 20-page report: {time.perf_counter() - start:.0f} s")
    print(" · ".join(line))


if __name__ == "__main__":
    main()
