"""python manage.py demo_info: where to click and how to log in."""

from django.core.management.base import BaseCommand

from gongkai.demo import applications as demo

URLS = [
    ("/", "门户首页（政府信息公开专栏）"),
    ("/apply/", "在线申请"),
    ("/query/", "申请查询（凭姓名/名称和查询号）"),
    ("/staff/", "工作台（经办人、审核人）"),
    ("/staff/supervision/", "监督视图（政务公开办）"),
    ("/gk/library/", "政策文件库（全文检索）"),
    ("/staff/publishing/", "主动公开：编辑、科室审核、保密审查、发布"),
    ("/staff/reports/", "政府信息公开工作年度报告：编制、审核、批准、发布"),
    ("/staff/reports/dashboard/", "年度报告督办（政务公开办）"),
    ("/admin/", "配置管理（平台管理员）"),
]


class Command(BaseCommand):
    help = "显示演示环境的访问地址和演示账号"

    def add_arguments(self, parser):
        parser.add_argument("--base", default="http://127.0.0.1:8000", help="服务地址（make run 传入 HOST、PORT）")

    def handle(self, *args, **options):
        base = options["base"].rstrip("/")
        w = self.stdout.write
        w("Gongkai 政府信息公开平台 · 演示环境")
        w("")
        w("访问地址：")
        for path, label in URLS:
            w(f"  {base}{path:<22} {label}")
        w("")
        w(f"演示账号（密码均为 {demo.PASSWORD}）：")
        for username, name, role in demo.logins():
            w(f"  {username:<15} {name}  {role}")
        w(f"  {'shi_secrecy':<15} 许文博  示例市人民政府 保密审查员（各部门由审核人兼任）")
        w("  各机关经办人同时是主动公开信息编辑。")
        w("")
        if demo.demo_exists():
            w("演示数据已载入。")
        else:
            w("尚未载入演示数据，请运行 python manage.py load_demo。")
