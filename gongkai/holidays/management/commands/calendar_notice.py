"""python manage.py calendar_notice FILE [--year YYYY] [--json] [--confirm [--replace]]

Reads the text of a 国务院办公厅关于YYYY年部分节假日安排的通知 (as published), prints every day off and
every make-up workday found with its festival, and the checks (domain.md 3.1). With --confirm and
no problem, stores them as the year's arrangement, marks the year confirmed with the notice as its
source and recomputes every open case.

--json prints {"year": 2027, "holidays": [...], "workdays": [...], "problems": [{"line": N, "message": "…"}]}
(holidays: every day off the notice names, weekends included; workdays: the make-up days).

Exit codes: 0 no problem (and stored, with --confirm); 1 problems (nothing stored); 2 the file
cannot be read.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from gongkai.holidays.services import NoticeRejected, confirm_notice, read_notice
from gongkai.law.holiday_notice import MAX_NOTICE_CHARS

WEEKDAYS = "一二三四五六日"


class Command(BaseCommand):
    help = "读取国务院办公厅节假日安排通知，检查并（--confirm）录入该年度节假日安排"

    def add_arguments(self, parser):
        parser.add_argument("file", help="通知全文的文本文件（UTF-8 或 GB18030）；- 表示标准输入")
        parser.add_argument("--year", type=int, help="通知所属年份（与标题不符时报错）")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--confirm", action="store_true", help="无问题时录入并标记该年为已确认")
        parser.add_argument("--replace", action="store_true", help="替换已确认年份的安排（记录在案）")

    def handle(self, *args, file, year=None, json=False, confirm=False, replace=False, **opts):
        text = self.read(file)
        notice, problems = read_notice(text, year)
        stored = None
        if confirm and not problems:
            try:
                row, open_cases = confirm_notice(text, year=year, actor_name="命令行", replace=replace)
                stored = f"已录入并确认{row.year}年节假日安排（{row.source}）；{open_cases}件未办结申请的期限已交由后台任务重新计算。"
            except NoticeRejected as e:
                problems = e.problems
        if json:
            data = notice.to_json()
            data["problems"] = [{"line": p.line, "message": p.message} for p in problems]
            self.stdout.write(_json_dumps(data))
        else:
            self.print_human(notice, problems)
            if stored:
                self.stdout.write(stored)
        if problems:
            sys.exit(1)

    def read(self, file: str) -> str:
        try:
            raw = sys.stdin.buffer.read(MAX_NOTICE_CHARS * 4 + 1) if file == "-" else \
                Path(file).open("rb").read(MAX_NOTICE_CHARS * 4 + 1)
        except OSError as e:
            self.stderr.write(f"无法读取文件：{file}（{e.strerror or e}）")
            sys.exit(2)
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        self.stderr.write(f"无法读取文件：{file}（不是 UTF-8 或 GB18030 编码的文本）")
        sys.exit(2)

    def print_human(self, notice, problems):
        w = self.stdout.write
        w(f"通知：{notice.title or '（未识别标题）'}{'（' + notice.number + '）' if notice.number else ''}"
          f"{'，' + notice.issued_on.isoformat() if notice.issued_on else ''}")
        w(f"年份：{notice.year or '未识别'}")
        for entry in notice.festivals:
            total = f"，通知写明共{entry.stated_total}天" if entry.stated_total is not None else ""
            w(f"第{entry.line}行 {entry.name}：放假{len(entry.days_off)}天{total}")
            for d in entry.days_off:
                w(f"    放假 {d.isoformat()}（星期{WEEKDAYS[d.weekday()]}）")
            for d in entry.workdays:
                w(f"    调休上班 {d.isoformat()}（星期{WEEKDAYS[d.weekday()]}）")
        if problems:
            w(f"发现{len(problems)}个问题（未录入）：")
            for p in problems:
                w(f"  {'第' + str(p.line) + '行：' if p.line and not p.message.startswith('第') else ''}{p.message}")
        else:
            w("检查通过：法定节假日均已放假，调休上班日均为周末，各节日天数与“共N天”一致。")


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
