"""python manage.py import_documents FILE.jsonl --agency CODE

One JSON object per line: title, doc_no (may be empty), issuing_agency, written_date, published_date,
validity (有效 / 已修改 / 已废止 / 已失效), body; optional category (主题分类), doc_type, keywords.
Imported as published. Bad lines are reported with their line number and skipped; the rest import.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Agency
from gongkai.publishing.services import PublishingError, import_published


class Command(BaseCommand):
    help = "批量导入已发布的政府信息（JSON Lines）"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--agency", required=True, help="发布机构简码")

    def handle(self, *args, file, agency, **opts):
        organ = Agency.objects.filter(code=agency).first()
        if organ is None:
            raise CommandError(f"机关不存在：{agency}")
        try:
            handle = open(file, encoding="utf-8-sig")  # noqa: SIM115
        except OSError as e:
            raise CommandError(f"无法读取文件：{file}（{e.strerror}）")
        ok = bad = 0
        with handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as e:
                        raise PublishingError(f"不是有效的 JSON（{e.msg}）")
                    if not isinstance(record, dict):
                        raise PublishingError("每行应为一个 JSON 对象")
                    import_published(organ, record)
                    ok += 1
                except PublishingError as e:
                    bad += 1
                    self.stderr.write(f"第{number}行：{e}，已跳过")
        self.stdout.write(f"导入完成：成功 {ok} 条，跳过 {bad} 条")
        if ok == 0 and bad:
            sys.exit(1)
