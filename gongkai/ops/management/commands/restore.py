"""python manage.py restore DIR [--force] — put a backup back (gongkai/ops/backup.py). Stop the web,
worker and scheduler services first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "从 backup 生成的目录恢复数据库和文件（先核对校验和；当前系统已有数据时须加 --force）"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="backup 生成的备份目录")
        parser.add_argument("--force", action="store_true", help="当前系统已有数据时仍然覆盖")

    def handle(self, *args, directory, force, **options):
        try:
            report = restore(Path(directory), force=force, progress=lambda m: self.stdout.write(m))
        except BackupError as e:
            raise CommandError(str(e)) from None
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"注意：{warning}"))
        m = report.manifest
        self.stdout.write(self.style.SUCCESS(
            f"恢复完成：{m['created_at']} 的备份，{len(m['database']['rows'])} 个表的行数与清单一致。"
            "如本版本有更新的迁移，请执行 python manage.py migrate"
        ))
