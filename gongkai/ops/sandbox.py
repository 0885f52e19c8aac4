"""Budgets for reading untrusted files and text: the one module every reader goes through.

An attack run on the public auditor showed what a reader without limits costs: 40 KB of digits
pasted cost 137 s of CPU (a super-linear pattern; the patterns are bounded now, see
``reportreader/narrative.py``), and a 609 KB DOCX inflated to 4.6 GB of memory. So a reader of a file
that someone else made:

1. checks what it can from the outside first, for free — :func:`check_zip` reads a DOCX or XLSX's
   central directory (declared sizes, ratios, number of entries) and refuses a bomb before anything
   is inflated; PDF page counts are checked by the reader (:func:`check_pages`) inside the budget;
2. parses in a child process (:func:`run`) with a memory ceiling (``RLIMIT_AS``: the parent's size
   at the fork plus the budget), a CPU ceiling (``RLIMIT_CPU``) and a wall-clock timeout after which
   the parent kills it. A worker of the web server therefore never grows nor hangs because of a file.

Every refusal is a :class:`Refused` (a ``ValueError``) whose ``str()`` is a Chinese sentence for the
person who sent the file. Limits are settings (``GONGKAI_PARSE_*``, ``GONGKAI_UNZIP_*``,
``GONGKAI_PDF_MAX_PAGES``; README "Operations"); ``GONGKAI_SANDBOX=0`` runs readers in the process
itself (the checks of step 1 still apply), for platforms without ``fork``.
"""

from __future__ import annotations

import io
import logging
import math
import multiprocessing
import os
import signal
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings

__all__ = ["Budget", "Refused", "BudgetExceeded", "check_zip", "check_pages", "out_of_memory", "run", "MB"]

log = logging.getLogger("gongkai.ops.sandbox")

MB = 1024 * 1024
T = TypeVar("T")


class Refused(ValueError):
    """An input refused before or while parsing; ``str(e)`` is the Chinese reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class BudgetExceeded(Refused):
    """The parsing ran out of time or memory and was stopped."""


def _setting(name: str, default):
    return getattr(settings, name, default)


@dataclass(frozen=True)
class Budget:
    """Wall-clock seconds and memory (MB above the parent's size) for one parse."""

    seconds: float
    memory_mb: int

    @classmethod
    def configured(cls, seconds: float | None = None, memory_mb: int | None = None) -> Budget:
        """``GONGKAI_PARSE_SECONDS`` and ``GONGKAI_PARSE_MEMORY_MB``, or the values given."""
        return cls(
            seconds=float(seconds if seconds is not None else _setting("GONGKAI_PARSE_SECONDS", 20)),
            memory_mb=int(memory_mb if memory_mb is not None else _setting("GONGKAI_PARSE_MEMORY_MB", 768)),
        )


# ------------------------------------------------------------------------------------------ archives


def _mb(n: float) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def check_zip(data: bytes, *, max_unpacked: int | None = None, max_ratio: float | None = None,
              max_entries: int | None = None) -> list[zipfile.ZipInfo]:
    """Refuse a ZIP (DOCX, XLSX) whose directory promises too much, before anything is inflated.

    The directory declares each entry's inflated size; :mod:`zipfile` never returns more than the
    declared size of an entry (it stops there), so the declared sizes bound what a parser can get.
    Refused: more entries than ``GONGKAI_UNZIP_MAX_ENTRIES``, a total inflated size over
    ``GONGKAI_UNZIP_MAX_MB``, or an entry (of 1 MB or more inflated) compressed more than
    ``GONGKAI_UNZIP_MAX_RATIO`` to one — text and XML compress 5–20 times, a bomb thousands of times.
    Returns the entries; not a ZIP at all is left to the reader (it says what it expected).
    """
    max_unpacked = max_unpacked if max_unpacked is not None else _setting("GONGKAI_UNZIP_MAX_MB", 200) * MB
    max_ratio = max_ratio if max_ratio is not None else _setting("GONGKAI_UNZIP_MAX_RATIO", 100)
    max_entries = max_entries if max_entries is not None else _setting("GONGKAI_UNZIP_MAX_ENTRIES", 5000)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return []
    if len(infos) > max_entries:
        raise Refused(f"压缩文件包含{len(infos)}个条目，超过上限{max_entries}个，已拒绝处理")
    total = sum(max(0, i.file_size) for i in infos)
    if total > max_unpacked:
        raise Refused(f"文件解压后超过{_mb(max_unpacked)}（声明为{_mb(total)}），已拒绝处理")
    for info in infos:
        if info.file_size >= MB and info.file_size > max_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise Refused(f"文件中的“{info.filename[:60]}”压缩比异常（约{ratio:.0f}倍，上限{max_ratio:g}倍），"
                          "疑似压缩炸弹，已拒绝处理")
    return infos


def check_pages(count: int, limit: int | None = None) -> None:
    """Refuse a PDF of more pages than ``GONGKAI_PDF_MAX_PAGES`` (or ``limit``)."""
    limit = limit if limit is not None else _setting("GONGKAI_PDF_MAX_PAGES", 500)
    if count > limit:
        raise Refused(f"PDF 共{count}页，超过上限{limit}页，已拒绝处理")


# ------------------------------------------------------------------------------------ child process


def _vm_bytes() -> int:
    """The virtual size of this process (Linux), which RLIMIT_AS counts; 0 where unknown."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _vm_peak_bytes() -> int:
    """The peak virtual size of this process (Linux VmPeak); 0 where unknown."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _limit_child(b: Budget) -> int:
    """Set the child's ceilings; the address-space ceiling in bytes (0 when none was set)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Linux
        return 0
    cpu = max(1, math.ceil(b.seconds) + 1)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    base = _vm_bytes()
    if not base:
        return 0
    ceiling = base + b.memory_mb * MB
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    if _hit_ceiling(ceiling):  # the peak was already that high (not reset at fork): no inference
        return 0
    return ceiling


def _hit_ceiling(ceiling: int) -> bool:
    # A parser that fails on a refused allocation often says something else ("unknown error" from
    # libxml2): a failure while the process had reached its ceiling is the memory budget's.
    return bool(ceiling) and _vm_peak_bytes() >= ceiling - max(16 * MB, ceiling // 50)


def out_of_memory(exc: BaseException | None) -> bool:
    """Whether ``exc``, or an exception it was raised from, is a failed allocation: a MemoryError or
    libxml2's "Memory allocation failed" (lxml reports it as a syntax error)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, MemoryError) or "memory allocation failed" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def _child(conn, b: Budget, func, args, kwargs) -> None:
    # A forked child: never touch the parent's database connections or log handlers' locks beyond
    # this; the result (or the exception) goes back through the pipe.
    ceiling = 0
    try:
        ceiling = _limit_child(b)
        result = ("ok", func(*args, **kwargs))
    except MemoryError:
        result = ("memory", None)
    except BaseException as e:  # noqa: BLE001 - every failure is reported to the parent
        result = ("memory", None) if out_of_memory(e) or _hit_ceiling(ceiling) else ("error", e)
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("memory", None))
    except Exception:  # noqa: BLE001 - an exception that does not pickle
        kind, value = result
        conn.send(("error", RuntimeError(f"{type(value).__name__}: {value}"[:500])) if kind == "error"
                  else ("error", RuntimeError(traceback.format_exc(limit=3)[:500])))
    finally:
        conn.close()


def _enabled() -> bool:
    return bool(_setting("GONGKAI_SANDBOX", True)) and "fork" in multiprocessing.get_all_start_methods()


def run(func: Callable[..., T], *args: Any, budget: Budget | None = None, **kwargs: Any) -> T:
    """``func(*args, **kwargs)`` in a child process within ``budget``; its result, or its exception
    re-raised here, or :class:`BudgetExceeded` when it ran out of time or memory.

    The child is forked, so ``func`` and its arguments need not pickle (the result must). ``func``
    must not use the database: the child shares the parent's connections.
    """
    b = budget or Budget.configured()
    if not _enabled():
        return func(*args, **kwargs)
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, b, func, args, kwargs), daemon=True)
    started = time.monotonic()
    process.start()
    sender.close()
    try:
        if not receiver.poll(b.seconds):
            log.warning("sandbox: time budget exceeded", extra={"budget_seconds": b.seconds})
            raise BudgetExceeded(f"文件处理超过{b.seconds:g}秒，已停止处理；请检查文件是否过大或格式异常")
        try:
            kind, value = receiver.recv()
        except EOFError:
            # The child died without a word: killed by RLIMIT_CPU (SIGXCPU) or by the kernel (memory).
            process.join(1)
            code = process.exitcode
            if code is not None and code < 0 and -code == getattr(signal, "SIGXCPU", -1):
                raise BudgetExceeded(f"文件处理超过{b.seconds:g}秒，已停止处理；请检查文件是否过大或格式异常") from None
            raise BudgetExceeded(f"文件处理所需内存超过{b.memory_mb} MB，已停止处理") from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
        process.close()
    elapsed = time.monotonic() - started
    if kind == "memory":
        log.warning("sandbox: memory budget exceeded", extra={"budget_mb": b.memory_mb, "seconds": round(elapsed, 3)})
        raise BudgetExceeded(f"文件处理所需内存超过{b.memory_mb} MB，已停止处理")
    if kind == "error":
        raise value
    return value
