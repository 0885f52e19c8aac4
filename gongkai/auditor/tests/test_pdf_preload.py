"""The PDF readers' libraries are loaded with the auditor, before the sandbox forks.

Files are read in a forked child (gongkai.ops.sandbox.run) that inherits the parent's imported
modules; a library imported only inside the child is imported again for every file (pdfplumber and
pdfminer cost about a quarter of a second each time, a third of a text-layer PDF's audit, when they
read the PDFs; now PDFium's binding, pdfplumber's table geometry and pypdf do).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_importing_the_auditor_loads_the_pdf_libraries():
    code = (
        "import sys; import gongkai.auditor.services; "
        "print(*(m in sys.modules for m in ('pypdfium2', 'pdfplumber.table', 'pypdf')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "gongkai.settings", "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.split() == ["True", "True", "True"]
