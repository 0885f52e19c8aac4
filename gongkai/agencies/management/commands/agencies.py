"""python manage.py agencies add --code CODE --name NAME [--parent CODE] | agencies list"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.agencies.models import Agency


class Command(BaseCommand):
    help = "管理机关：add 新增机关，list 列出机关树"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="新增机关")
        add.add_argument("--code", required=True)
        add.add_argument("--name", required=True)
        add.add_argument("--parent")
        add.add_argument("--kind", choices=[k for k, _ in Agency.KIND_CHOICES], default=None)
        add.add_argument("--uscc", default="")
        add.add_argument("--letter-prefix", default="")
        add.add_argument("--reconsideration-organ", default="", help="行政复议机关名称（答复书必须写明）")
        add.add_argument("--court", default="", help="管辖人民法院名称（答复书必须写明）")
        sub.add_parser("list", help="列出机关树")

    def handle(self, *args, action, **opts):
        if action == "add":
            return self.add(**opts)
        for agency in Agency.objects.order_by("path"):
            indent = "  " * agency.depth
            self.stdout.write(f"{indent}{agency.code}\t{agency.name}\t{agency.get_kind_display()}")

    def add(self, code, name, parent=None, kind=None, uscc="", letter_prefix="", reconsideration_organ="",
            court="", **_):
        parent_obj = None
        if parent:
            parent_obj = Agency.objects.filter(code=parent).first()
            if parent_obj is None:
                raise CommandError(f"上级机关不存在：{parent}")
        if Agency.objects.filter(code=code).exists():
            raise CommandError(f"机关简码已存在：{code}")
        if kind is None:
            kind = Agency.DEPARTMENT if parent_obj else Agency.GOVERNMENT
        agency = Agency(code=code, name=name, parent=parent_obj, kind=kind, uscc=uscc, letter_prefix=letter_prefix,
                        reconsideration_organ=reconsideration_organ, court=court)
        try:
            agency.full_clean()
        except ValidationError as e:
            raise CommandError("；".join(f"{k}: {'，'.join(v)}" for k, v in e.message_dict.items()))
        agency.save()
        self.stdout.write(self.style.SUCCESS(f"已新增机关：{agency.code} {agency.name}"))
        missing = agency.missing_remedy_fields()
        if missing:  # legal-review.md B12
            self.stdout.write(self.style.WARNING(
                f"注意：尚未填写{'、'.join(missing)}，填写前本机关不能签发答复书"
                "（--reconsideration-organ、--court，或在管理后台的机关设置中填写）"
            ))
