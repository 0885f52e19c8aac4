"""``python manage.py audit_sites LIST.csv --year YYYY [--out RESULT.csv|RESULT.xlsx] [--delay SECONDS]``:
crawl every organ's website of the list (columns ``organ,url``) for its report on the year, audit
it, and print one row per organ as CSV (or write it to ``--out``). Results are kept: a rerun sends
conditional requests and audits only what changed."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models.functions import Now

from gongkai.law import today as law_today
from gongkai.websites import export
from gongkai.websites.models import CrawlRun
from gongkai.websites.runs import crawl_run, make_fetcher
from gongkai.websites.sites import BadList, check_delay, parse_sites


class Command(BaseCommand):
    help = "抓取各机关网站的政府信息公开工作年度报告并逐一审查，每个机关输出一行结果"

    def add_arguments(self, parser):
        parser.add_argument("list", help="网站清单 CSV（列：organ,url）")
        parser.add_argument("--year", type=int, required=True, help="报告年度")
        parser.add_argument("--out", help="结果文件（.csv 或 .xlsx）；不指定则以 CSV 输出到标准输出")
        parser.add_argument("--delay", type=float, default=1.0,
                            help="同一网站两次请求的最小间隔（秒，默认 1；0 只允许用于本机网站）")

    def handle(self, *args, **options):
        path = Path(options["list"])
        out = options.get("out")
        if out and Path(out).suffix.lower() not in (".csv", ".xlsx"):
            raise CommandError("--out 的文件名应以 .csv 或 .xlsx 结尾")
        try:
            sites = parse_sites(path.read_bytes())
            delay = check_delay(options["delay"], sites)
        except OSError as e:
            raise CommandError(f"无法读取网站清单：{e.strerror or type(e).__name__}")
        except BadList as e:
            raise CommandError(str(e))
        run = CrawlRun.objects.create(year=options["year"], sites=sites, delay=delay, status=CrawlRun.RUNNING,
                                      progress_total=len(sites), started_at=law_today.now())
        fetcher = make_fetcher(sites, delay)
        rows = crawl_run(run, fetcher=fetcher)
        CrawlRun.objects.filter(pk=run.pk).update(status=CrawlRun.DONE, progress_done=len(sites),
                                                  requests=len(fetcher.log.lines), finished_at=Now())
        if not out:
            self.stdout.write(export.to_csv(rows), ending="")
        elif out.lower().endswith(".xlsx"):
            Path(out).write_bytes(export.to_xlsx(rows, options["year"]))
        else:
            Path(out).write_text(export.to_csv(rows), encoding="utf-8-sig")
        if out:
            found = sum(1 for r in rows if r.status == "found")
            self.stderr.write(f"已抓取 {len(rows)} 个机关，找到年报 {found} 个，结果已写入 {out}")
