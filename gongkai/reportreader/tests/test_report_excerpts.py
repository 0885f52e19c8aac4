"""Excerpts of real report pages in layouts the seeds do not have (data/excerpts/README.md).

Every cell printed in an excerpt is asserted; every other cell must be None (the excerpts stop in the
middle of the page: truncated input is reported, never filled in).
"""

from __future__ import annotations

import pytest

from gongkai.law import report_format as rf
from gongkai.reportreader import audit, parse_reports
from gongkai.reportreader.tests.report_fixtures import DATA, rows

Z3 = "0 0 0"
Z7 = "0 0 0 0 0 0 0"
T7 = "- - - - - - 0"
ZERO_2021_PROACTIVE = f"rules {Z3}\nnormative_documents {Z3}\nlicensing 0\npenalties 0\nenforcement 0\nfees 0"

EXCERPTS = {
    # lg.gov.cn 2024: pipe rows, cut inside （三）7 (the last 总计 is lost).
    "longgang_2024.txt": (
        2024,
        "2021",
        "rules 0 0 0\nnormative_documents 5 1 25\nlicensing 0\npenalties 0\nenforcement 0\nfees 0",
        f"""new 58 7 0 0 1 0 66
        carried_in 2 0 0 0 0 0 2
        disclosed 2 1 0 0 0 0 3
        partially_disclosed 16 1 0 0 0 0 17
        withheld_state_secret {Z7}
        withheld_law_prohibited {Z7}
        withheld_security_stability {Z7}
        withheld_third_party {Z7}
        withheld_internal_affairs 1 0 0 0 0 0 1
        withheld_process_info {Z7}
        withheld_enforcement_file 0 0 0 0 0 0 -""",
    ),
    # xuwen.gov.cn: pipe rows with empty cells, continuation rows starting with "| |".
    "xuwen_shangwu.txt": (
        None,
        "2021",
        "rules 0 0 0\nnormative_documents 3 0 101\nlicensing 0\npenalties 0\nenforcement 0\nfees 0",
        f"""new 0 - - - - - 0
        carried_in {T7}
        disclosed {T7}
        partially_disclosed {T7}
        withheld_state_secret {T7}
        withheld_law_prohibited {T7}
        withheld_security_stability {T7}
        withheld_third_party {T7}
        withheld_internal_affairs {T7}""",
    ),
    # js.changchun.gov.cn: markdown rows "| a | b |", captions with double spaces.
    "changchun_tiyu.txt": (None, "2021", ZERO_2021_PROACTIVE, f"new 3 0 0 0 0 0 3\ncarried_in {Z7}"),
    # sjzca.gov.cn: one cell per line, lines of pipes between the cells; cut before the fee value.
    "sjz_tongji_2023.txt": (
        2023,
        "2021",
        "rules 0 0 0\nnormative_documents 0 0 0\nlicensing 0\npenalties 0\nenforcement 0",
        "",
    ),
    # 61.150.65.235: one cell per line ending in "|", a line "|" is a blank cell, "/" for none.
    "qu_tongji_2023.txt": (
        2023,
        "2021",
        "rules - - -\nnormative_documents 0 0 0\nlicensing 0\npenalties 0\nenforcement 0\nfees 0",
        f"new {T7}\ncarried_in {T7}\ndisclosed - - - - - - -",
    ),
    "wqx_shangwu_2022.txt": (2022, "2021", ZERO_2021_PROACTIVE, ""),
    # bjspsj.com: a 2022 report in the 2019 trial format.
    "fengshou_2022.txt": (
        2022,
        "2019_trial",
        f"""rules {Z3}
        normative_documents {Z3}
        licensing {Z3}
        other_services {Z3}
        penalties {Z3}
        enforcement {Z3}
        fees 0 0
        procurement 0 0""",
        f"new {Z7}",
    ),
    # owenbabies.com: one cell per line ending in "|", 减4, 52.15; after （三）不予公开 its leaf labels are
    # missing and 63 zeros (9 rows for 8) run to the cut: they stay unplaced.
    "trial_bureau_cells.txt": (
        None,
        "2019_trial",
        f"""rules {Z3}
        normative_documents {Z3}
        licensing 6 -4 2
        other_services {Z3}
        penalties 2 0 2
        enforcement {Z3}
        fees 0 0
        procurement 6 52.15""",
        f"new {Z7}\ncarried_in {Z7}\ndisclosed {Z7}\npartially_disclosed {Z7}",
    ),
    "zhanjiang_dfz_2023.txt": (2023, "2021", ZERO_2021_PROACTIVE, f"new {Z7}\ncarried_in {Z7}\ndisclosed {Z7}"),
    # sxjiaxian.gov.cn: a 2022 report in the trial format whose tables print no numbers at all.
    "xizhen_2022.txt": (2022, "2019_trial", "", ""),
}


@pytest.mark.parametrize("name", sorted(EXCERPTS))
def test_every_printed_cell_and_nothing_else(name):
    year, fmt, proactive, applications = EXCERPTS[name]
    (report,) = parse_reports((DATA / "excerpts" / name).read_text(encoding="utf-8"), source=name)
    assert (report.year, report.format) == (year, fmt)
    expected = {rf.TABLE_PROACTIVE: rows(proactive) if proactive else {}}
    expected[rf.TABLE_APPLICATIONS] = rows(applications) if applications else {}
    schema = rf.schema_for(fmt)
    wrong = []
    for t in schema.tables:
        for row in t.rows:
            want = expected.get(t.code, {}).get(row.code, [None] * len(row.columns))
            got = [report.tables[t.code][row.code][c] for c in row.columns]
            if got != want:
                wrong.append((t.code, row.code, got, want))
    assert wrong == []


@pytest.mark.parametrize("name", sorted(EXCERPTS))
def test_truncated_excerpts_have_no_false_errors(name):
    (result,) = audit(parse_reports((DATA / "excerpts" / name).read_text(encoding="utf-8"), source=name))
    assert [f for f in result["findings"] if f["severity"] == "error"] == []
    rules = {f["rule"] for f in result["findings"]}
    assert rules & {"missing_table", "incomplete_table"}
    if name in ("fengshou_2022.txt", "xizhen_2022.txt"):
        assert "format_outdated" in rules
