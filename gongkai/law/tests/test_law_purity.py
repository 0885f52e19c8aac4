"""The proactive-disclosure law modules are pure: standard library (and gongkai.law) only."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

LAW = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "module",
    ["docnumber", "index_no", "subjects", "catalogue_items", "privacy", "inspection", "holiday_notice", "answers",
     "holiday_notice_text", "holiday_notice_days"],
)
def test_imports_only_the_standard_library(module):
    tree = ast.parse((LAW / f"{module}.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "use absolute imports"
            imported.add(node.module)
    outside = {name for name in imported if name.split(".")[0] not in sys.stdlib_module_names | {"__future__"}}
    assert all(name.startswith("gongkai.law.") for name in outside), outside
    assert not any(name.split(".")[0] == "django" for name in imported)


@pytest.mark.parametrize(
    "module", ["docnumber", "index_no", "subjects", "catalogue_items", "privacy", "inspection", "holiday_notice"]
)
def test_all_is_complete(module):
    mod = __import__(f"gongkai.law.{module}", fromlist=["__all__"])
    for name in mod.__all__:
        assert hasattr(mod, name), name
