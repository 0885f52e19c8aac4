"""Pathological text through the report parser and audit: every pattern is bounded.

Found by an attack run on /audit/: 40 KB of digits pasted into a report's narrative cost 137 s of CPU
(``_N`` of the narrative-figure check, ``\\d+(?:,\\d{3})*件``, tried at every digit of the run; also
``_SENTENCE`` and ``_TRAILING_NUMBER`` of the parser and the markdown-rule pattern on long runs of
spaces). Each input here runs under the parsing budget itself (gongkai.ops.sandbox: a child process
that the parent kills at the deadline), so a regression fails with BudgetExceeded instead of hanging
the suite. Before the fix the first inputs took about a minute each; now well under a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.ops.sandbox import Budget, run
from gongkai.reportreader import audit, narrative_figures, parse_reports

BUDGET = Budget(seconds=8, memory_mb=1024)
N = 40_000  # the size of the paste that took 137 s
REPORT = (Path(__file__).parent / "data" / "heldout" / "bjtzh_xinhua_2019.txt").read_text(encoding="utf-8")

PATHOLOGICAL = {
    "digits": "1" * N,
    "full-width digits": "１" * N,
    "digits then 件": "1" * N + "件",
    "digit-comma": "1," * (N // 2),
    "thousands": "1,000" * (N // 5),
    "digit-dot": "1." * (N // 2),
    "第1": "第1" * (N // 2),
    "digit-space": "1 " * (N // 2),
    "digit-tab": "1\t" * (N // 2),
    "spaces": " " * N + "x",
    "ideographic spaces": "\u3000" * N + "x",
    "rule then spaces": "---" + " " * N + "x",
    "new applications": "收到政府信息公开申请" + "1" * N,
    "carried over": "结转" + "1" * N,
    "outcome with share": "予以公开1件，占" + "1" * N + "%",
    "remedy": "行政复议" + "1" * N,
    "percent": "1%" * (N // 2),
    "year": "2024年" * (N // 5),
}


def _in_report(payload: str) -> str:
    # The narrative-figure check only runs on a recognised report: the paste goes into section one.
    at = REPORT.index("一、总体情况\n") + len("一、总体情况\n")
    return REPORT[:at] + payload + "\n" + REPORT[at:]


def _parse_and_audit(text: str) -> int:
    return len(audit(parse_reports(text)))


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_finishes_within_budget(name):
    payload = PATHOLOGICAL[name]
    assert run(_parse_and_audit, _in_report(payload), budget=BUDGET) == 1
    run(_parse_and_audit, payload, budget=BUDGET)


def test_narrative_figures_still_read_the_counts():
    figures = narrative_figures("本年度收到政府信息公开申请1,234件，办结答复1200件，结转下年度继续办理34件。")
    assert {(f.key, f.value) for f in figures} >= {("new", 1234), ("processed", 1200), ("carried_out", 34)}
    # A run of digits is not a count: nothing is invented from it.
    assert narrative_figures("收到政府信息公开申请" + "1" * 50 + "件") == []


TOKENS = ["1", "１", "0", ",", "，", ".", "。", "件", "年", "%", " ", "\u3000", "\t", "\n", "|", "-", "=", ":",
          "申请", "结转", "予以公开", "占", "第", "页", "（", "）", "一、", "总计", "行政复议", "元",
          "本年新收政府信息公开申请数量", "政府信息公开工作年度报告"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40), st.integers(min_value=200, max_value=2000))
def test_repeated_token_mixtures_finish_within_budget(pattern, repeat):
    """Any short mixture of the characters the patterns care about, repeated to tens of KB."""
    text = "".join(pattern) * repeat
    run(_parse_and_audit, text[: N * 2], budget=BUDGET)
    run(_parse_and_audit, _in_report(text[:N]), budget=BUDGET)
