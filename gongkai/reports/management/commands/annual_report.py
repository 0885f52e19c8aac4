"""Output an organ's annual report.

    python manage.py annual_report --agency CODE --year YYYY --format json|html|docx|xlsx [--out FILE]
    python manage.py annual_report --agency CODE --year YYYY --format interpretation|interpretation-png|
                                   interpretation-docx --out FILE

The 年报解读 (图解, issue 17) formats output the stored 解读 of that year, else one generated from the
frozen report (or the entered figures of a year before the platform) without saving it.

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

INTERPRETATION = ("interpretation", "interpretation-png", "interpretation-docx")


def _interpretation(agency, year: int, scope: str, fmt: str) -> bytes:
    from gongkai.reports import interp_outputs, interpretations

    ri = interpretations.for_output(agency, year, scope)
    if fmt == "interpretation":
        return interp_outputs.to_html(ri).encode("utf-8")
    return interp_outputs.to_png(ri) if fmt == "interpretation-png" else interp_outputs.to_docx(ri)


class Command(BaseCommand):
    help = "输出政府信息公开工作年度报告（JSON、HTML、DOCX、XLSX）及其解读（HTML、PNG长图、DOCX）"

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="机关简码")
        parser.add_argument("--year", required=True, type=int, help="报告年度")
        parser.add_argument("--format", default="json", choices=["json", "html", "docx", "xlsx", *INTERPRETATION])
        parser.add_argument("--scope", default=Scope.ORGAN, choices=[Scope.ORGAN, Scope.ROLLUP])
        parser.add_argument("--out", help="输出文件；JSON、HTML 默认输出到标准输出")

    def handle(self, *args, **options):
        try:
            agency = Agency.objects.get(code=options["agency"])
        except Agency.DoesNotExist:
            raise CommandError(f"机关简码不存在：{options['agency']}") from None
        year, fmt = options["year"], options["format"]
        if fmt in INTERPRETATION:
            if not options["out"]:
                raise CommandError("解读请用 --out 指定输出文件")
            try:
                body = _interpretation(agency, year, options["scope"], fmt)
            except services.ReportError as e:
                raise CommandError(str(e)) from None
            Path(options["out"]).write_bytes(body)
            self.stderr.write(f"已输出 {options['out']}（年报解读）")
            return
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
