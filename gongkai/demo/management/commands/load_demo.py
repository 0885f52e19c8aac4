"""python manage.py load_demo: build the 示例市 demo world (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from gongkai.demo import applications as demo
from gongkai.demo import publishing as publishing_demo
from gongkai.demo import reports as reports_demo
from gongkai.law import outcomes
from gongkai.law.calendar import CalendarMissing
from gongkai.reports.services import ReportError


class Command(BaseCommand):
    help = ("载入演示数据：示例市人民政府及其部门、示例县人民政府、工作人员账号、约215件政府信息公开申请、"
            "主动公开文件和政府信息公开工作年度报告")

    def handle(self, *args, **options):
        try:
            result = demo.load(self.stdout)
        except CalendarMissing as e:
            raise CommandError(str(e))
        docs = publishing_demo.load_documents(self.stdout)
        if docs:
            self.stdout.write(self.style.SUCCESS(
                f"已载入主动公开演示数据：文件{docs['documents']}件（其中有效性变更{docs['validity_changed']}件），"
                f"政策解读{docs['interpretations']}篇，政府公报{docs['gazette_issues']}期，用时{docs['seconds']}秒"))
        try:
            reports = reports_demo.load(self.stdout)
        except ReportError as e:
            raise CommandError(f"年度报告演示数据载入失败：{e}")
        if reports:
            late = "、".join(reports["late"]) or "无"
            unpublished = "、".join(reports["unpublished"]) or "无"
            self.stdout.write(self.style.SUCCESS(
                f"已载入年度报告演示数据：{reports['past_year']}年度往年数据{reports['past_reports']}份，"
                f"年报文件{reports['documents']}件（政府信息公开年报栏目）；{reports['year']}年度报告"
                f"{reports['reports']}份，已发布{reports['published']}份（逾期发布：{late}），"
                f"未发布：{unpublished}；汇总报告{reports['rollups']}份（草稿），用时{reports['seconds']}秒"))
        from gongkai.demo import mailbox as mailbox_demo

        boxes = mailbox_demo.load(self.stdout)
        if boxes:
            self.stdout.write(self.style.SUCCESS(
                f"已载入领导信箱演示数据：信箱{boxes['mailboxes']}个，来信{boxes['messages']}件"))
        from gongkai.demo import report_interpretations as interpretations_demo

        interps = interpretations_demo.load(self.stdout)  # 年报解读 (issue 17): after the reports
        if interps:
            self.stdout.write(self.style.SUCCESS(
                f"已载入年报解读演示数据：{interps['interpretations']}篇，已发布{interps['published']}篇"))
        from gongkai.demo import catalogue_limits as limits_demo

        limits = limits_demo.load(self.stdout)  # 公开目录的责任主体和时限要求 (issue 17 item 4)
        if limits:
            self.stdout.write(self.style.SUCCESS(
                f"已载入公开目录责任主体和时限要求演示数据：基本目录{limits['items']}项，责任主体{limits['units']}个"))
        from gongkai.demo import proposals as proposals_demo

        props = proposals_demo.load(self.stdout)  # 建议提案办理 (issue 17 item 2)
        if props:
            self.stdout.write(self.style.SUCCESS(
                f"已载入建议提案演示数据：{props['proposals']}件，办理结果已公开{props['published']}件"))
        from gongkai.demo import screening as screening_demo

        leak = screening_demo.load(self.stdout)  # the leak guard (issue 16 item 5)
        if leak:
            self.stdout.write(self.style.SUCCESS(
                f"已载入发布前保密检查演示数据：待保密审查文件{leak['waiting']}件（未处理发现{leak['open']}项），"
                f"已清理并发布文件{leak['published']}件"))
        if result is None:
            if not docs and not reports and not boxes and not interps and not props and not limits and not leak:
                self.stdout.write("演示数据已存在，未做更改")
            return
        w = self.stdout.write
        w(self.style.SUCCESS(
            f"已载入演示数据：申请{result['applications']}件，办理记录{result['events']}条，"
            f"文书{result['letters']}份，复议诉讼案件{result['remedy_cases']}件，用时{result['seconds']}秒"))
        w("办理状态：" + "，".join(f"{k} {v}" for k, v in result["by_status"].items()))
        w("申请方式：" + "，".join(f"{k} {v}" for k, v in result["by_channel"].items()))
        w("申请人类型：" + "，".join(f"{k} {v}" for k, v in result["by_column"].items()))
        w("办理结果：")
        for oc in outcomes.LEAVES:
            w(f"  {oc.code:<4} {oc.choice_label}：{result['by_outcome'].get(oc.code, 0)}")
        if result["warnings"]:
            w(self.style.WARNING(f"有{len(result['warnings'])}条警告，见上文"))
        w("运行 python manage.py demo_info 查看访问地址和演示账号。")
