"""The reader and auditor of published annual reports (政府信息公开工作年度报告), domain.md 5.6, 5.9, 5.10.

Pure Python: no Django (OpenCC for traditional → simplified when installed). The statutory layout of
the tables and their arithmetic rules are the law's (:mod:`gongkai.law.report_format`,
:mod:`gongkai.law.reconciliation`); this package reads reports as found in the wild and audits them.

Input is text as people copy it: web pages (pipe- or tab-separated table lines, one cell per line with
blank lines for empty cells), text extracted from PDF (space-separated numbers, vertical labels one
character per line, values printed before or between the lines of their labels, page footers inside
tables, repeated headers), simplified or traditional characters, full- or half-width digits and
punctuation, several reports in one file. :func:`parse_html` flattens HTML tables (rowspan/colspan)
into tab lines first.

Stages, one module each:

1. :mod:`.normalise`: OpenCC t2s, full-width → half-width, page footers and markup removed.
2. :mod:`.segments`: the file cut into reports at title lines (``…2023年政府信息公开工作年度报告``), at
   a second ``一、总体情况`` (or the pre-2019 ``一、政府信息公开工作概述``) and at pre-2019 statistics
   tables (the short introduction lines before such an anchor open the new report); per report, the
   regions of tables 二, 三 and 四 (section titles, else the tables' own captions and labels).
3. :mod:`.metadata`: agency, year, publication date, and the format: by the labels present (trial:
   本年新制作数量, 其他对外管理服务事项 …; 2021: 本年制发件数 …), else by year.
4. :mod:`.layout` and :mod:`.cells`: the lines of a table region in a common shape, split into cells
   (``26463.43万元``, ``约679.7万元`` (万元), ``251000元`` (→ 25.1 万元 in amount columns), ``+1``/``-14``/
   ``减4`` (signed), blank / ``/`` / ``-`` / ``—`` / ``无`` → None (a located blank)).
5. :mod:`.labels` and :mod:`.runs`: each table region becomes a stream of *runs* (the numbers of one
   row: a line of cells, or consecutive one-cell lines) and *label events* (a row label on its own
   line).
6. :mod:`.align`: runs are aligned to the schema rows in order by dynamic programming: a label on the
   run's own line fixes the row; a label on an adjacent line (before: label first; after: PDF values
   first) is evidence; a run without evidence is placed only when the rows between its labelled
   neighbours leave no choice. Anything else stays unplaced and is reported: a cell is never guessed.
   Columns: a run of exactly as many cells as the row has columns maps one to one; longer runs (cells
   under a spanned label, grid padding) take the leftmost window holding every value; when blank cells
   were dropped (PDF text, or a web page that printed only the filled cells) a short row of table 三 is
   read as 首个数值 = 自然人, 末个数值 = 总计 (a single value = 总计) and the rest is reported unplaced; a
   run cut off by the end of the text fills its row from the left.
7. :mod:`.tables`: the placed cells assembled into tables 二, 三 and 四, with the parse issues.
8. :mod:`.checks` (with :mod:`.narrative` and :mod:`.results`): the audit of each report against the
   statutory format and arithmetic, as JSON-ready results.

:mod:`.parser` runs stages 1–7 (:func:`parse_reports`); :mod:`.htmltext` flattens HTML.
"""

from gongkai.reportreader.cells import Value, parse_value
from gongkai.reportreader.checks import audit_report, format_name, previous_report
from gongkai.reportreader.htmltext import html_to_text, looks_like_html
from gongkai.reportreader.metadata import organ_kind
from gongkai.reportreader.model import (
    FORMAT_PRE_2019,
    FORMAT_UNKNOWN,
    KIND_INTERPRETATION,
    KIND_REPORT,
    LabelIssue,
    ParsedReport,
    ParseIssue,
)
from gongkai.reportreader.narrative import Figure, narrative_figures
from gongkai.reportreader.normalise import normalize_text
from gongkai.reportreader.parser import parse_html, parse_reports
from gongkai.reportreader.results import (
    UNREADABLE,
    UNRECOGNISED,
    audit,
    jsonable,
    report_dict,
    summary_row,
    unreadable_result,
    unrecognised_result,
)

__all__ = [
    "FORMAT_PRE_2019",
    "FORMAT_UNKNOWN",
    "KIND_REPORT",
    "KIND_INTERPRETATION",
    "ParseIssue",
    "LabelIssue",
    "ParsedReport",
    "Value",
    "normalize_text",
    "parse_value",
    "parse_reports",
    "parse_html",
    "html_to_text",
    "looks_like_html",
    "organ_kind",
    "UNREADABLE",
    "UNRECOGNISED",
    "Figure",
    "audit",
    "audit_report",
    "format_name",
    "narrative_figures",
    "previous_report",
    "report_dict",
    "unreadable_result",
    "unrecognised_result",
    "summary_row",
    "jsonable",
]
