"""Scanned reports (a PDF without a text layer, a page photographed or scanned as PNG/JPEG) read by OCR.

The engine is tesseract with its Simplified Chinese model, both Debian packages (``tesseract-ocr``,
``tesseract-ocr-chi-sim``; ``make system``): nothing is downloaded at run time. Pages are rendered by
poppler's ``pdftoppm``; both run as child processes under their own limits (a process group, a
wall-clock timeout, memory and CPU ceilings — as LibreOffice does in :mod:`gongkai.auditor.office`),
and each page's image work runs in the parsing sandbox (:func:`gongkai.ops.sandbox.run`).

A page becomes lines (:mod:`gongkai.auditor.scangrid`: ruled tables cell by cell) and the lines become
:class:`ScanText`: the text the report parser reads, and a *probe* — the same text with every number
replaced by a marker number of its own. Parsing both gives, for every cell, the token it came from
(:func:`mark_reports`): its OCR confidence goes into the report (``ParsedReport.ocr_cells``), and a
cell below ``reportreader.results.UNCERTAIN_BELOW`` (or a blank cell with ink in it) is uncertain — shown as 识别存疑
and never the ground of an error finding (:mod:`gongkai.reportreader.results`).
"""

from __future__ import annotations

import io
import os
import re
import resource
import shutil
import signal
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from gongkai.auditor import scangrid, scanrows
from gongkai.ops import sandbox
from gongkai.reportreader.cells import value_of
from gongkai.reportreader.normalise import normalize_text

DPI = 300  # pages of a PDF are rendered at this resolution; an image is read as it is
ENGINE_MEMORY = 2 * 1024**3
MISSING = "服务器未安装文字识别组件，无法读取扫描件；请管理员安装 tesseract-ocr 和 tesseract-ocr-chi-sim（Debian）"
FAILED = "扫描件第{page}页无法识别（文件可能已损坏）"
IMAGE_KINDS = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}
MAX_IMAGE_PIXELS = 60_000_000


class ScanError(sandbox.Refused):
    """The scan cannot be read; ``str(e)`` is the Chinese reason."""


def _setting(name: str, default):
    return getattr(settings, name, default)


def page_seconds() -> float:
    return float(_setting("GONGKAI_OCR_PAGE_SECONDS", 120))


def max_pages() -> int:
    return int(_setting("GONGKAI_OCR_MAX_PAGES", 60))


def available() -> bool:
    return bool(shutil.which("tesseract") and shutil.which("pdftoppm"))


def image_kind(data: bytes) -> str | None:
    for magic, kind in IMAGE_KINDS.items():
        if data.startswith(magic):
            return kind
    return None


def _limits() -> None:  # pragma: no cover - runs in the forked child before exec
    os.setsid()
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    ceiling = ENGINE_MEMORY if hard == resource.RLIM_INFINITY else min(ENGINE_MEMORY, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    seconds = int(page_seconds())
    soft_cpu, hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)
    if soft_cpu == resource.RLIM_INFINITY or soft_cpu > seconds:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, hard_cpu))


def _tool(cmd: list[str], data: bytes, page: int) -> bytes:
    """Run a tool on ``data`` (stdin) under its limits; its stdout."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            preexec_fn=_limits, env=env)
    try:
        out, _ = proc.communicate(data, timeout=page_seconds())
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ScanError(f"扫描件第{page}页识别超过{page_seconds():g}秒，已停止") from None
    if proc.returncode != 0:
        raise ScanError(FAILED.format(page=page))
    return out


def page_count(data: bytes) -> int:
    """Pages of a scanned PDF (1 for an image); within the parsing sandbox."""
    if image_kind(data):
        return 1
    from gongkai.auditor.readers import _pdf_reader

    return _pdf_reader(data)[1]


def _page_image(data: bytes, number: int):
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    if image_kind(data):
        try:
            image = Image.open(io.BytesIO(data))
            image.load()
        except Exception:  # noqa: BLE001 - a broken or oversized image is the sender's
            raise ScanError("图片无法打开（文件损坏或尺寸过大）") from None
        dpi = int((image.info.get("dpi") or (150, 150))[0] or 150)
        return image.convert("L"), max(72, min(dpi, 600))
    png = _tool(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", str(number), "-l", str(number), "-"],
                data, number)
    return Image.open(io.BytesIO(png)).convert("L"), DPI


def read_page(data: bytes, number: int) -> list[scangrid.Line]:
    """One page (1-based) as lines: rules found, erased, the page OCR'd, words placed in cells."""
    image, dpi = _page_image(data, number)
    h_edges, v_edges = scangrid.find_rules(image, dpi)
    tables = scangrid.find_tables(h_edges, v_edges)
    clean = scangrid.erase_rules(image, h_edges + v_edges) if tables else image
    words = _ocr(clean, dpi, number, ["-l", "chi_sim", "--psm", "6", "-c", "tessedit_do_invert=0"])
    digits: dict[int, list[scangrid.Word]] = {}
    ruled: dict[int, list[scangrid.Line]] = {}
    for i, found in scangrid.table_words(words, tables).items():
        if (rows := scanrows.bands(tables[i], found, clean)) is not None:
            _read_slots(clean, dpi, number, [s for b in rows[2] for s in b.slots if s.ink])
            ruled[i] = scanrows.band_lines(*rows)
        elif (region := scangrid.value_region(tables[i], found)) is not None:
            digits[i] = _read_digits(clean, dpi, number, *region)
    return scangrid.page_lines(words, tables, clean, digits, ruled)


# Value cells the batch read nothing in are read again one by one (the batch's layout analysis
# drops a narrow "11" as a rule's remains), at most this many a page; a flat mark (a dash) is not.
RETRIES = 16


def _read_slots(clean, dpi: int, number: int, slots: list) -> None:
    """Value cells read alone, digits only: in one batch, then the ones it left empty one by one."""
    _read_batch(clean, dpi, number, slots)
    least = scanrows.tall(slots)
    missed = [s for s in slots if not s.text and s.ink[3] - s.ink[1] >= least]
    for slot in missed[:RETRIES]:
        _read_batch(clean, dpi, number, [slot], psm="7")


def _read_batch(clean, dpi: int, number: int, slots: list, psm: str = "6") -> None:
    """Each cell's ink (padded) on a line of its own, one above the other with wide gaps, read digits
    only; each slot gets its text and the lowest confidence."""
    from PIL import Image

    if not slots:
        return
    scale = 2 if dpi < 200 else 1
    pad = max(6, dpi // 25)
    crops = [clean.crop((s.ink[0] - pad, s.ink[1] - pad, s.ink[2] + pad, s.ink[3] + pad)) for s in slots]
    if scale > 1:
        crops = [c.resize((c.width * scale, c.height * scale), Image.Resampling.LANCZOS) for c in crops]
    gap = max(c.height for c in crops)
    width = max(c.width for c in crops) + 2 * gap
    canvas = Image.new("L", (width, sum(c.height + gap for c in crops) + gap), 255)
    spans, y = [], gap
    for c in crops:
        canvas.paste(c, (gap, y))
        spans.append((y - gap / 2, y + c.height + gap / 2))
        y += c.height + gap
    found: list[list[scangrid.Word]] = [[] for _ in slots]
    for w in _ocr(canvas, dpi * scale, number, ["-l", "eng", "--psm", psm, "-c", DIGITS]):
        cy = (w.y0 + w.y1) / 2
        for k, (a, b) in enumerate(spans):
            if a <= cy < b:
                found[k].append(w)
                break
    for slot, ws in zip(slots, found, strict=True):
        text, slot.conf = scangrid.cell_text(ws)
        slot.text = text.replace(" ", "")  # "1 1": one number read as two words


def _read_digits(clean, dpi: int, number: int, xs: list[float], top: int, bottom: int) -> list[scangrid.Word]:
    """The value columns read again for digits only, side by side with wide gaps between them (an
    engine joins "23" and "0" of adjacent narrow cells into "230"); words in page coordinates."""
    from PIL import Image

    gap = dpi // 2
    spans = [(int(a), int(b)) for a, b in zip(xs, xs[1:], strict=False) if b - a > 4]
    width = sum(b - a for a, b in spans) + gap * (len(spans) + 1)
    canvas = Image.new("L", (width, bottom - top), 255)
    offsets = []
    x = gap
    for a, b in spans:
        canvas.paste(clean.crop((a, top, b, bottom)), (x, 0))
        offsets.append((x, x + b - a, a))
        x += b - a + gap
    out = []
    for w in _ocr(canvas, dpi, number, ["-l", "eng", "--psm", "11", "-c", DIGITS]):
        cx = (w.x0 + w.x1) / 2
        for start, end, a in offsets:
            if start - gap / 2 <= cx <= end + gap / 2:
                shift = a - start
                out.append(scangrid.Word(w.x0 + shift, w.y0 + top, w.x1 + shift, w.y1 + top, w.text, w.conf, w.line))
                break
    return out


# The value columns of a table are read a second time for digits only: the Chinese model reads a
# lone "0" or "12" beside a rule as "0。" or "]世".
DIGITS = "tessedit_char_whitelist=0123456789.+-"


def _ocr(image, dpi: int, number: int, args: list[str]) -> list[scangrid.Word]:
    buf = io.BytesIO()
    image.save(buf, "PNG")
    tsv = _tool(["tesseract", "stdin", "stdout", *args, "--dpi", str(dpi), "tsv"], buf.getvalue(), number)
    return scangrid.parse_tsv(tsv.decode("utf-8", errors="replace"))


@dataclass
class ScanText:
    """The text read from a scan, its probe and the token behind each marker number."""

    text: str
    probe: str
    tokens: dict[int, tuple[float | None, str]] = field(default_factory=dict)
    pages: int = 0


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MARK_BASE = 8_000_000


def _probe_of(text: str, conf: float | None, tokens: dict[int, tuple[float | None, str]]) -> str:
    if not text or value_of(normalize_text(text)) is None:
        return text
    marker = _MARK_BASE + len(tokens)
    tokens[marker] = (conf, text)
    return _NUMBER.sub(str(marker), text, count=1)


def assemble(pages: list[list[scangrid.Line]]) -> ScanText:
    """The pages' lines as the parser's text (table rows tab-separated) and its probe."""
    from gongkai.auditor.readers import strip_running_lines

    tokens: dict[int, tuple[float | None, str]] = {}
    real_pages, probe_pages = [], []
    for lines in pages:
        real, probe = [], []
        for line in lines:
            if line.grid:
                texts = [p.text for p in line.pieces]
                marked = [_ink_probe(p, tokens) if p.ink else _probe_of(p.text, p.conf, tokens)
                          for p in line.pieces]
                sep = "\t"
                real.append(sep.join(texts) if len(texts) > 1 else texts[0] + sep)
                probe.append(sep.join(marked) if len(marked) > 1 else marked[0] + sep)
            else:
                real.append(" ".join(p.text for p in line.pieces))
                probe.append(" ".join(_probe_of(p.text, p.conf, tokens) for p in line.pieces))
        real_pages.append("\n".join(real))
        probe_pages.append("\n".join(probe))
    return ScanText("\n".join(strip_running_lines(real_pages)), "\n".join(strip_running_lines(probe_pages)),
                    tokens, len(pages))


def _ink_probe(piece: scangrid.Piece, tokens: dict[int, tuple[float | None, str]]) -> str:
    # A cell the engine read nothing in though it holds ink: blank in the text, a marker of
    # confidence 0 in the probe — a blank that may not be one is uncertain.
    marker = _MARK_BASE + len(tokens)
    tokens[marker] = (0.0, "")
    return str(marker)


def read_scan(data: bytes, progress: Callable[[int, int], None] | None = None) -> ScanText:
    """Every page of a scan OCR'd, each in the sandbox under its own budget; ``progress(done, total)``
    after each page. Raises :class:`ScanError` (or the sandbox's refusals) with a Chinese reason."""
    if not available():
        raise ScanError(MISSING)
    total = sandbox.run(page_count, data)
    sandbox.check_pages(total, max_pages())
    return assemble(_pages([(data, n) for n in range(1, total + 1)], progress))


def _pages(items: list[tuple[bytes, int]], progress) -> list[list[scangrid.Line]]:
    """``read_page`` for each (data, page number), ``GONGKAI_OCR_WORKERS`` at a time (the engine uses
    one core per page), each in the sandbox; ``progress(done, total)`` from this thread."""
    from concurrent.futures import ThreadPoolExecutor, as_completed

    budget = sandbox.Budget.configured(seconds=page_seconds() + 30, memory_mb=1024)
    total = len(items)
    if progress:
        progress(0, total)
    pages: list[list[scangrid.Line]] = [[] for _ in items]
    workers = max(1, int(_setting("GONGKAI_OCR_WORKERS", 2)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(sandbox.run, read_page, data, n, budget=budget): i for i, (data, n) in enumerate(items)}
        for done, future in enumerate(as_completed(futures), start=1):
            pages[futures[future]] = future.result()
            if progress:
                progress(done, total)
    return pages


def read_images(images: list[bytes], progress: Callable[[int, int], None] | None = None) -> ScanText:
    """PNG/JPEG images (the pictures of a document) OCR'd as pages, each in the sandbox."""
    if not available():
        raise ScanError(MISSING)
    return assemble(_pages([(image, 1) for image in images[:max_pages()] if image_kind(image)], progress))


def _marker(value, tokens: dict) -> int | None:
    if value is None:
        return None
    for candidate in (Decimal(str(value)), Decimal(str(value)) * 10000):
        if candidate == candidate.to_integral_value() and int(candidate) in tokens:
            return int(candidate)
    return None


def _same_value(read, token_text: str) -> bool:
    """Whether the value read for a cell is the token's (so the probe placed the token there too)."""
    if not token_text:
        return read is None
    value = value_of(normalize_text(token_text))
    if value is None or read is None:
        return False
    return Decimal(str(read)) in (value.number, value.as_amount())


def mark_reports(reports: list, probes: list, scan: ScanText) -> None:
    """Each report's cells with the confidence of the token they were read from (None: a blank
    cell without ink). A cell the probe did not place alike — another token, or none — is uncertain
    (0): a confidence is never guessed."""
    for i, report in enumerate(reports):
        probe = probes[i] if i < len(probes) else None
        report.read_by_ocr = True
        if report.tables is None:
            continue
        cells: dict[str, float | None] = {}
        for table, rows in report.tables.items():
            for row, cols in rows.items():
                for col, read in cols.items():
                    cid = f"{table}.{row}.{col}"
                    if cid not in report.located:
                        continue
                    cells[cid] = _confidence(read, probe, table, row, col, cid, scan)
        report.ocr_cells = cells


def _confidence(read, probe, table: str, row: str, col: str, cid: str, scan: ScanText) -> float | None:
    if probe is None or probe.tables is None or cid not in probe.located:
        return 0.0
    marker = _marker(probe.tables[table][row][col], scan.tokens)
    if marker is None:
        return None if read is None else 0.0
    conf, text = scan.tokens[marker]
    return conf if _same_value(read, text) else 0.0
