"""Issue 13: no module over 600 lines and no function over 80 lines outside migrations and tests, so
that each file and each function can be read in one sitting (the report format package has its own,
stricter check in law/tests/test_report_format.py)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # gongkai/
MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 80


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" not in path.parts and "tests" not in path.parts:
            yield path


def test_no_module_over_600_lines():
    long = {str(p.relative_to(ROOT)): n for p in _sources()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES}
    assert not long, f"modules over {MAX_FILE_LINES} lines: {long}"


def test_no_function_over_80_lines():
    long = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.name} ({n})")
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"
