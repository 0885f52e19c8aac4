"""``python manage.py audit_report FILE [FILE …] [--json | --csv]`` — audit published annual reports.

FILE may be a text, HTML, DOCX or PDF file, a scan (PDF without a text layer, PNG/JPEG: read by OCR
here, page by page) or a directory (searched recursively for such files). All
reports found are audited together, so an agency's consecutive years are checked across files
(cross_year). ``--json`` (the default) prints one JSON array with an object per report; ``--csv`` one
summary row per report. An unreadable file or one without a report gives a finding, never a
traceback; the exit status is 0 then, and 1 when a named path does not exist (its finding is printed
too).
"""

from __future__ import annotations

import csv
import json
import sys

from django.core.management.base import BaseCommand

from gongkai.auditor.services import audit_paths, collect_paths, summary_row

CSV_FIELDS = ("source", "agency", "year", "format", "errors", "warnings", "rules")


class Command(BaseCommand):
    help = "年报体检：核对已发布的政府信息公开工作年度报告（文本、HTML、DOCX、PDF、扫描件或目录；扫描件经文字识别读取）"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="FILE", help="文件或目录")
        out = parser.add_mutually_exclusive_group()
        out.add_argument("--json", action="store_true", help="输出 JSON 数组（默认）")
        out.add_argument("--csv", action="store_true", help="每份报告输出一行摘要（CSV）")

    def handle(self, *args, **options):
        paths = collect_paths(options["paths"])
        results = audit_paths(paths)
        if options["csv"]:
            writer = csv.DictWriter(self.stdout, fieldnames=CSV_FIELDS, lineterminator="\n")
            writer.writeheader()
            for result in results:
                writer.writerow(summary_row(result))
        else:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        if any(path is None for _, path in paths):
            sys.exit(1)
