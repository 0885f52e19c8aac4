"""The report reader is pure Python: the standard library, OpenCC, the law's schema and itself; and it
stays in small pieces (no module over 600 lines, no function over 80)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent
MODULES = sorted(p.stem for p in PACKAGE.glob("*.py"))


def _tree(module: str) -> ast.Module:
    return ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))


@pytest.mark.parametrize("module", MODULES)
def test_imports_only_the_standard_library_and_the_law(module):
    imported = set()
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "use absolute imports"
            imported.add(node.module)
    outside = {name for name in imported if name.split(".")[0] not in sys.stdlib_module_names | {"__future__"}}
    allowed = ("gongkai.law.", "gongkai.reportreader.")
    assert all(name in ("opencc", "gongkai.law") or name.startswith(allowed) for name in outside), outside
    assert not any(name.split(".")[0] == "django" for name in imported)


@pytest.mark.parametrize("module", MODULES)
def test_small_modules_and_functions(module):
    tree = _tree(module)
    assert len((PACKAGE / f"{module}.py").read_text(encoding="utf-8").splitlines()) <= 600
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 80
    ]
    assert not long, long


def test_all_is_complete():
    import gongkai.reportreader as reader

    assert len(set(reader.__all__)) == len(reader.__all__)
    for name in reader.__all__:
        assert hasattr(reader, name), name
