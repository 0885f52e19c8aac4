"""Output an organ's annual report.

    python manage.py annual_report --agency CODE --year YYYY --format json|html|docx|xlsx [--out FILE]

Uses the frozen snapshot when the report is approved or published; otherwise computes the report
live from the records (a draft report's narrative and adjustments are included when one exists).
JSON and HTML go to standard output unless --out is given; DOCX and XLSX need --out.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Agency
from gongkai.reports import office, render, services
from gongkai.reports.models import AnnualReport, Scope


class Command(BaseCommand):
    help = "输出政府信息公开工作年度报告（JSON、HTML、DOCX、XLSX）"

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="机关简码")
        parser.add_argument("--year", required=True, type=int, help="报告年度")
        parser.add_argument("--format", default="json", choices=["json", "html", "docx", "xlsx"])
        parser.add_argument("--scope", default=Scope.ORGAN, choices=[Scope.ORGAN, Scope.ROLLUP])
        parser.add_argument("--out", help="输出文件；JSON、HTML 默认输出到标准输出")

    def handle(self, *args, **options):
        try:
            agency = Agency.objects.get(code=options["agency"])
        except Agency.DoesNotExist:
            raise CommandError(f"机关简码不存在：{options['agency']}") from None
        year, fmt = options["year"], options["format"]
        report = AnnualReport.objects.filter(agency=agency, year=year, scope=options["scope"]).first()
        try:
            if report is not None:
                doc = services.report_doc(report)
            elif options["scope"] == Scope.ROLLUP:
                raise CommandError("该机关没有此年度的汇总报告")
            else:
                doc = services.live_doc(agency, year)
        except services.ReportError as e:
            raise CommandError(str(e)) from None
        if fmt == "json":
            body = (json.dumps(render.to_json(doc), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        elif fmt == "html":
            body = render.to_html_document(doc).encode("utf-8")
        elif fmt == "docx":
            body = office.to_docx(doc)
        else:
            body = office.to_xlsx(doc)
        if options["out"]:
            Path(options["out"]).write_bytes(body)
            basis = "冻结数据" if doc.frozen else "实时计算"
            self.stderr.write(f"已输出 {options['out']}（{basis}）")
        elif fmt in ("docx", "xlsx"):
            raise CommandError("DOCX、XLSX 请用 --out 指定输出文件")
        else:
            self.stdout.write(body.decode("utf-8"), ending="")
