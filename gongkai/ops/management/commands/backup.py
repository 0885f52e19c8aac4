"""python manage.py backup DIR — the database and the files into a new directory (gongkai/ops/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份数据库和文件（公开文件、私有文件）到一个新目录，附清单和校验和"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="备份目录（须不存在或为空；建议每次用带日期的新目录）")

    def handle(self, *args, directory, **options):
        try:
            report = backup(Path(directory), progress=lambda m: self.stdout.write(m))
        except BackupError as e:
            raise CommandError(str(e)) from None
        m = report.manifest
        files = "，".join(f"{name} {v['count']} 个（{v['bytes'] / 1024 / 1024:.1f} MB）"
                         for name, v in m["files"].items())
        self.stdout.write(self.style.SUCCESS(
            f"备份完成：{directory}\n数据库 {m['database']['vendor']}，{len(m['database']['rows'])} 个表，"
            f"{sum(m['database']['rows'].values())} 行；文件 {files}；校验和 {m['checksums']['count']} 条"
        ))
