"""Search the policy library from the command line.

    python manage.py search_documents "户籍" [--agency CODE ...] [--title-only] [--json]

With --json: a JSON array (best first, at most 20 objects) of
{doc_number, title, published_date, validity, index_no, agency, agency_code, url, score}.
"""

import json
import unicodedata

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.search import index

LIMIT = 20


def document_url(pk: int) -> str:
    return f"/gk/docs/{pk}/"


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cut(s: str, width: int) -> str:
    out, used = "", 0
    for c in s:
        w = _width(c)
        if used + w > width:
            return out[:-1] + "…" if out else "…"
        out, used = out + c, used + w
    return out


def _pad(s: str, width: int) -> str:
    s = _cut(s, width)
    return s + " " * (width - _width(s))


class Command(BaseCommand):
    help = "检索已公开的政府信息（按相关度排序，最多20条）"

    def add_arguments(self, parser):
        parser.add_argument("query", help="检索词，可含发文字号，如 聊政发〔2020〕9号")
        parser.add_argument("--agency", action="append", default=[], metavar="CODE", help="发布机构简码，可重复")
        parser.add_argument("--title-only", action="store_true", help="仅检索标题")
        parser.add_argument("--json", action="store_true", dest="as_json", help="输出 JSON")

    def handle(self, *args, query, agency, title_only, as_json, **options):
        known = set(Agency.objects.filter(code__in=agency).values_list("code", flat=True))
        unknown = [code for code in agency if code not in known]
        if unknown:
            raise CommandError(f"未知的机关简码：{'、'.join(unknown)}")
        results = index.search(query, agency_codes=agency or None, title_only=title_only, per_page=LIMIT)
        rows = [self._row(hit) for hit in results.hits[:LIMIT]]
        if as_json:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        self._table(results, rows)

    @staticmethod
    def _row(hit) -> dict:
        doc = hit.document
        published = timezone.localtime(doc.published_at).date().isoformat() if doc.published_at else None
        return {
            "doc_number": doc.doc_no,
            "title": doc.title,
            "published_date": published,
            "validity": doc.get_validity_display(),
            "index_no": doc.index_no or "",
            "agency": doc.agency.name,
            "agency_code": doc.agency.code,
            "url": document_url(doc.pk),
            "score": round(hit.score, 6),
        }

    def _table(self, results, rows):
        if not rows:
            self.stdout.write(f"未找到与“{results.query}”相关的公开信息。")
            return
        note = "（发文字号精确匹配排在首位）" if results.doc_no_match else ""
        if results.relaxed:
            note += "（没有同时包含全部检索词的结果，以下结果包含部分检索词）"
        self.stdout.write(f"共 {results.total} 条，显示前 {len(rows)} 条{note}")
        header = f"{_pad('序号', 4)}  {_pad('发布日期', 10)}  {_pad('有效性', 6)}  {_pad('发文字号', 22)}  标题"
        self.stdout.write(header)
        self.stdout.write("-" * _width(header))
        for i, row in enumerate(rows, 1):
            self.stdout.write(f"{_pad(str(i), 4)}  {_pad(row['published_date'] or '', 10)}  {_pad(row['validity'], 6)}  "
                              f"{_pad(row['doc_number'] or '—', 22)}  {_cut(row['title'], 70)}  {row['url']}")

