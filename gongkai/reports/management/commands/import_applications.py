"""Import historical case records from a UTF-8 CSV file (for the annual report's history).

    python manage.py import_applications FILE.csv --agency CODE

Header: received_date,channel,applicant_type,outcome,closed_date,description
- channel: 当面 / 挂号信 / 平信 / 网络 / 传真 / 电子邮件 / 其他
- applicant_type: 自然人 / 商业企业 / 科研机构 / 社会公益组织 / 法律服务机构 / 其他
- outcome: a leaf outcome of block 三, given as its code (1, 2, 3.1 … 6.3), its key in the annual-report
  JSON (withheld_state_secret …) or its exact label (1.属于国家秘密, （三）1.属于国家秘密); empty while the
  case is open; closed_date likewise.

Every row is validated first; bad rows are reported with their line number and nothing is
imported. Otherwise all rows are imported in one transaction. The CSV is read strictly: a field
opened with a quote that is not closed on its line (which would merge the following lines into one
record) is an error naming the lines, not a silent merge.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Agency
from gongkai.reports import importers


class Command(BaseCommand):
    help = "导入历史政府信息公开申请记录（CSV，UTF-8），全部校验通过后一次性导入"

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV 文件路径")
        parser.add_argument("--agency", required=True, help="机关简码")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不导入")

    def handle(self, *args, **options):
        try:
            agency = Agency.objects.get(code=options["agency"])
        except Agency.DoesNotExist:
            raise CommandError(f"机关简码不存在：{options['agency']}") from None
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as e:
            raise CommandError(f"无法读取文件：{e}") from None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CommandError("文件不是 UTF-8 编码") from None
        try:
            rows = importers.parse_applications_csv(text)
        except importers.ImportFailed as e:
            for problem in e.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"有 {len(e.problems)} 行错误，未导入任何记录") from None
        if options["dry_run"]:
            self.stdout.write(f"校验通过：{len(rows)} 条记录（未导入）")
            return
        ids = importers.import_applications(agency, rows, source=path.name)
        closed = sum(1 for r in rows if r.outcome)
        self.stdout.write(self.style.SUCCESS(
            f"已导入 {len(ids)} 条记录到{agency.name}（已办结 {closed} 条，办理中 {len(ids) - closed} 条）"
        ))
