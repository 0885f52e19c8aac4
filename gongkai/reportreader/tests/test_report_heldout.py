"""The accuracy bar of issue 5 on real reports not used in development (data/heldout, data/heldout2;
see their READMEs).

Each corpus was collected and transcribed by hand by someone who did not look at the parser, and
measured before any change for it (``bench/auditor_accuracy.py [heldout2]`` prints the table):

* heldout (24 reports, 967 cells): first run 909 right (94.0%), none invented. Fixed afterwards:
  double-spaced text, one cell per line with grid pipes, table 二 without captions, a cut-off row
  spread to 总计, Taiwan wording, years named only in the overview.
* heldout2 (20 reports, 524 cells), measured after those fixes: first run 496 right (94.7%), none
  invented. Fixed afterwards: "|" separator lines shifting every row by one, bracketed explanations
  in labels taken for prose, double spacing in short texts, zeros glued to their label ("规章000").

* heldout3 (15 reports, 229 cells), measured after both rounds and not used for any change: first
  run 223 right (97.4%), none invented, no false error; the 6 misses are one report whose rows print a
  single 0 and then empty cells (its column cannot be told: the parser reads it as the 总计 and says
  so, the transcriber put it under 自然人); every other cell right. Two years not found (pinyin
  inserted after the characters: "數(shù)據(jù)").

* heldout4a + heldout4b (30 reports, 1,031 scored cells; two collectors working apart, one after
  pages that reach table 三, one after variety), measured after all earlier fixes: first run 980
  right (95.1%; 96.5% and 92.3%), none invented. The misses were layouts not met before: tables
  flattened onto one space-separated line, labels opened by a grid pipe ("| 规章"), blank cells
  written as one extra line each, a stray "?" before a number, "未增未减" for 0, misprinted captions
  ("第二十一条") and labels ("上年转结"). Years not found in three (title "(2024年度)", indented
  openings). All fixed afterwards (100%).

* heldout5a + heldout5b (24 reports, 558 scored cells; again two collectors), measured after the
  heldout4 fixes: first run 468 right (83.9%; 99.6% and 71.9%), none invented, no false error. Two
  reports made 84 of the 90 misses: a 2021 report printing the trial headers in sub-table (一) (read
  in the wrong format: 54 cells) and table 三 rows printed as one token "0000000" (30). The others: pipe
  rows ended by a pipe (5 cells), and one amount in 元 that the transcriber left unconverted (the
  parser was right; the transcription now gives 万元 like all others). All fixed afterwards.

* heldout6 (13 reports, 376 scored cells, 20 "?"), measured after the heldout5 fixes: first run 372
  right (98.9%), none invented, no false error. The 4 misses: a table double-spaced under a
  single-spaced page header (two values read one column to the right). Fixed afterwards.

* heldout7a + heldout7b (30 reports, 687 scored cells, 26 "?"; two collectors working apart, by
  province), measured after the heldout6 fixes and the splitting of pasted reports: first run 686
  right (99.9%; 100% and 99.7%), none invented, no false error. The one miss was the transcriber's:
  an amount printed "70487元" written 70487 where the schema's column is in 万元 (the parser read
  7.0487; the transcription now says so, as in heldout5a). Nothing changed in the parser for them.

Cells transcribed "?" (the source does not let a reader tell them) are not scored (heldout4 on).
None of these corpora is unseen any more: new held-out reports belong in a new folder, measured first.
"""

from __future__ import annotations

import re

import pytest

from gongkai.law import report_format as rf
from gongkai.reportreader import audit, html_to_text, parse_reports
from gongkai.reportreader.tests.heldout import HELDOUT, compare, load_cases, parse_case

CASES = {
    c.name: c
    for folder in (
        "heldout", "heldout2", "heldout3", "heldout4a", "heldout4b", "heldout5a", "heldout5b", "heldout6",
        "heldout7a", "heldout7b",
    )
    for c in load_cases(HELDOUT.parent / folder)
}
# Reports whose year the parser does not find. (heldout3's two, found after its first run: pinyin
# inserted by a mirror, "统计时限", a year in the sentence above 一、总体情况.)
YEAR_NOT_FOUND: set[str] = set()

# The cells still not read, each the last number before the text stops: it may have lost digits or
# its column cannot be told, so it is left out (reported as incomplete) rather than guessed.
KNOWN_MISSES = {
    "haizhu_guanzhou_2023": {"applications.withheld_process_info.other_org"},
    "yngm_sfj_2021": {"applications.carried_in.social_welfare"},
    "xiongxian_xiang_2019_blank": {"proactive.rules.made"},
    # One 0 in a row of seven with the blank cells dropped: its column cannot be told; the parser's
    # documented reading (a lone number is the 总计) differs from the transcriber's (自然人).
    "yynanhu_ju_2019": {"applications.partially_disclosed.natural_person", "applications.partially_disclosed.total"},
    "zhashui_fenghuang_2021_trad": {
        f"applications.{row}.{col}" for row in ("new", "carried_in", "disclosed") for col in ("natural_person", "total")
    },
}


def test_the_corpus_is_there():
    assert len(CASES) >= 156
    assert sum(1 for c in CASES.values() if c.format in rf.FORMATS) >= 152


def test_at_least_98_percent_of_cells_and_none_invented():
    listed = right = 0
    invented = []
    for case in CASES.values():
        result = compare(case)
        listed += result.listed
        right += result.right
        invented += [(case.name, cid, got) for cid, got in result.invented]
    assert invented == []
    assert right / listed >= 0.98, f"{right}/{listed}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_report(name):
    case = CASES[name]
    result = compare(case)
    if name in YEAR_NOT_FOUND:
        assert result.meta_got == (None, case.format)
    elif case.format in rf.FORMATS or case.format == "pre_2019":
        assert result.meta_ok, (result.meta_got, result.meta_want)
    wrong = {cid for cid, _, _ in result.wrong}
    assert wrong == KNOWN_MISSES.get(name, set()), result.wrong
    # A miss is a cell left out, never a wrong number (but for the lone zeros of unknown column).
    assert all(got is None for cid, got, _ in result.wrong if cid not in KNOWN_MISSES.get(name, ()))


# Real errors in what these reports print: a row whose 自然人 is filled and whose 总计 is left blank
# (arithmetic counts a blank as 0, domain.md; the transcribers noted the blank 总计).
KNOWN_ERRORS = {
    "xinghua_daying_2023": {
        ("row_sum", "applications.disclosed.total"),
        ("row_sum", "applications.withheld_process_info.total"),
    },
    "erdao_fwzsb_2022": {("row_sum", "applications.disclosed.total")},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_false_error(name):
    """No error but the known ones: the other reports have no arithmetic error in what they print
    (see the READMEs)."""
    errors = set()
    for result in audit(parse_case(CASES[name])):
        errors |= {(f["rule"], f["cells"][-1]) for f in result["findings"] if f["severity"] == "error"}
    assert errors == KNOWN_ERRORS.get(name, set())


def _numbered_lines(text: str) -> list[tuple[int, list[str]]]:
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))
    return [(i, lines[i].split("\t")) for i in range(start, len(lines)) if "\t" in lines[i]]


def test_every_arithmetic_error_injected_into_a_complete_report_is_found():
    """The complete held-out report balances; adding 1 to any one number of tables 三 and 四 must
    give an error that names that cell (every cell is in a row sum, and table 四 in its totals)."""
    text = html_to_text((HELDOUT / "hangzhou_style_ceshishi_2025.html").read_text(encoding="utf-8"))
    (original,) = parse_reports(text)
    lines = text.split("\n")
    mutated_cells = 0
    for i, tokens in _numbered_lines(text):
        for k, token in enumerate(tokens):
            if not re.fullmatch(r"\d+", token):
                continue
            changed = list(tokens)
            changed[k] = str(int(token) + 1)
            mutated = "\n".join([*lines[:i], "\t".join(changed), *lines[i + 1 :]])
            (report,) = parse_reports(mutated)
            diff = [
                cid
                for cid in rf.schema_for(rf.FORMAT_2021).cell_ids()
                if rf.get_cell(report.tables, cid) != rf.get_cell(original.tables, cid)
            ]
            assert len(diff) == 1, (lines[i], diff)  # the changed number, read in its place
            (result,) = audit([report])
            errors = [f for f in result["findings"] if f["severity"] == "error"]
            assert any(diff[0] in f["cells"] for f in errors), (diff[0], errors)
            mutated_cells += 1
    assert mutated_cells == 25 * 7 + 15


def test_cells_a_reader_cannot_determine_are_not_scored(tmp_path):
    """"?" in a transcription: the cell is printed but its value or column cannot be told."""
    (tmp_path / "x.txt").write_text(
        "示例县2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（八）项\n"
        "信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t7\n",
        encoding="utf-8",
    )
    (tmp_path / "x.expected").write_text(
        "year: 2023\nformat: 2021\nagency: ?\ncomplete: proactive partial\n[proactive]\nfees ?\nnotes: test\n",
        encoding="utf-8",
    )
    (case,) = load_cases(tmp_path)
    result = compare(case)
    assert (result.listed, result.unknowable, result.invented) == (0, 1, [])
    for transcribed, right in (("7", 1), ("8", 0)):
        (tmp_path / "x.expected").write_text(
            f"year: 2023\nformat: 2021\nagency: ?\ncomplete: proactive partial\n[proactive]\nfees {transcribed}\n",
            encoding="utf-8",
        )
        (case,) = load_cases(tmp_path)
        result = compare(case)
        assert (result.listed, result.right, result.unknowable) == (1, right, 0)


def _signature(report) -> tuple:
    return report.agency, report.year, report.format


def _cells(tables) -> dict:
    return {cid: value for cid, value in rf.iter_cells(tables or {})}


# A page of another report with no title, no section and no first table caption (a flipbook page
# that starts at table 四): nothing tells that a new report begins.
_UNSPLITTABLE = {("shangyu_xietang_2013", "shenji_2020_page9")}


def test_reports_pasted_one_after_another_are_read_as_they_are_alone():
    """Several reports in one text: each is cut off from the next and read on its own. Found by pasting
    consecutive held-out reports together: a report without a title was dropped before the next
    one's title, titles "政务信息公开工作报告" / "…年度工作报告" / a yearless title, "一、工作基本情况", an
    opening "根据《…》…现将…报告如下" and a table that starts again did not begin a new report, and one
    report's double spacing changed how the next was read (79 of 124 pairs differed)."""
    names = sorted(CASES, key=lambda n: (CASES[n].path.parent.name, n))
    for a, b in zip(names, names[1:], strict=False):
        if (a, b) in _UNSPLITTABLE:
            continue
        first, second = CASES[a].path.read_text(encoding="utf-8"), CASES[b].path.read_text(encoding="utf-8")
        alone = parse_reports(first) + parse_reports(second)
        together = parse_reports(first + "\n\n" + second)
        assert [_signature(r) for r in together] == [_signature(r) for r in alone], (a, b)
        assert together[-1].tables == alone[-1].tables, (a, b)
        # The first excerpt stops inside its tables; followed by more text its last, cut-off row may
        # read differently (it is no longer the end of the input), and no other row.
        got, want = _cells(together[0].tables), _cells(alone[0].tables)
        changed = {cid.rsplit(".", 1)[0] for cid in got.keys() | want.keys() if got.get(cid) != want.get(cid)}
        assert len(changed) <= 1, (a, b, changed)
