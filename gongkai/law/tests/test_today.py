"""One function says "today" (gongkai.law.today); nothing else in the product asks the system clock."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from gongkai.law import today as law_today

ROOT = Path(__file__).resolve().parents[2]  # gongkai/

# Calls that read the real date or time. timezone.now() is included: a legal act's moment is
# law_today.now(), so a pinned date moves it too.
FORBIDDEN = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
    ("timezone", "localdate"),
    ("timezone", "now"),
    ("time", "localtime"),
}


def _stray_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
            if (owner_name, node.func.attr) in FORBIDDEN:
                found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} {owner_name}.{node.func.attr}()")
    return found


def test_no_direct_calls_to_the_system_clock():
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or path == ROOT / "law" / "today.py":
            continue
        offenders += _stray_calls(path)
    assert offenders == [], "use gongkai.law.today instead:\n" + "\n".join(offenders)


def test_the_scan_finds_a_stray_call(tmp_path):
    sample = ROOT / "law" / "_probe_sample.py"
    try:
        sample.write_text("import datetime as dt\nfrom django.utils import timezone\n"
                          "a = dt.date.today()\nb = timezone.localdate()\n", encoding="utf-8")
        assert [s.split()[1] for s in _stray_calls(sample)] == ["date.today()", "timezone.localdate()"]
    finally:
        sample.unlink()


def test_pinned_inside_a_block_only():
    real = law_today.today()
    with law_today.pinned(dt.date(2026, 12, 31)) as day:
        assert law_today.today() == day == dt.date(2026, 12, 31)
        with law_today.pinned("2027-01-04"):
            assert law_today.today() == dt.date(2027, 1, 4)
        assert law_today.today() == dt.date(2026, 12, 31)
        assert law_today.now().date() == dt.date(2026, 12, 31)
        assert law_today.now().utcoffset() == dt.timedelta(hours=8)
    assert law_today.today() == real or law_today.pinned_from_env()


def test_environment_pins_the_process(monkeypatch):
    monkeypatch.setenv(law_today.ENV_VAR, "2027-01-04")
    assert law_today.today() == dt.date(2027, 1, 4)
    assert law_today.now().date() == dt.date(2027, 1, 4)
    with law_today.pinned(dt.date(2026, 12, 31)):  # a block inside still wins
        assert law_today.today() == dt.date(2026, 12, 31)


def test_a_malformed_pin_is_refused(monkeypatch):
    monkeypatch.setenv(law_today.ENV_VAR, "2027-13-01")
    with pytest.raises(ValueError, match="GONGKAI_TODAY"):
        law_today.today()
