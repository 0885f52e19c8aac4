"""Full-text search over N synthetic published documents: index search vs a LIKE '%term%' scan.

    .venv/bin/python bench/search_bench.py [--docs 100000] [--db sqlite|postgres] [--runs 3] [--keep]
                                           [--name search] [--wrk-seconds 12] [--no-served | --served-only]

Builds a throwaway database (removed at the end unless --keep) — SQLite file var/bench-search.sqlite3, or the PostgreSQL database
``gongkai_bench`` (created and dropped by the script; server from BENCH_PG_URL, default
postgres://postgres@127.0.0.1:5432/gongkai_bench) — and fills it with N published documents whose
titles and bodies are generated from Chinese policy word lists. The index entries are computed
in worker processes with the same code as the index (``index.index_fields``) and bulk-inserted.

Then ~50 varied queries (single words, two-character words, several words, 文号 spellings,
title-only, filtered, common words) run several times through ``index.search`` (count + one page
of 20 hits with highlighting), and the same queries as a naive ORM ``LIKE '%term%'`` scan over
title and body (count + first 20 by date). Prints p50/p95 latency side by side, per labelled group
and over all, then the library page (test client, no page cache) with and without words.

    .venv/bin/python bench/search_bench.py --db postgres --reuse --keep [--runs 3]

times a database kept by an earlier ``--keep`` run again (migrations applied first: the RUM index
of ``search/0002``, ~2 min at 300k; the counts kept per content generation in a private cache).
``--name NAME`` builds or reuses var/bench-NAME.sqlite3 instead (``BENCH_SQLITE`` names any file).

Last, the served phase (bench/_library_served.py; ``--no-served`` skips it, ``--served-only`` runs
only it): deploy/serve.sh serves the bench database as ``make serve`` does (gunicorn with
deploy/gunicorn.conf.py, 3 workers, production settings) on port ``--port`` (8221), with
``GONGKAI_PAGE_CACHE=0`` and the search limit off, and wrk (``-t2 -c4``, ``--wrk-seconds`` 12 per
group) asks the library page without words, with words (common and rare, several, by date, pages
1–3) and with filters, the home page and document pages, each group's URLs in turn. Printed per
group: requests/s, wrk's and the server's p50/p95, and the CPU the app used per request.

Results, 2026-12-07, 300,000 documents, 2-core machine shared with 8 other processes (load average
5–11 during these runs: the LIKE scan of the same query ran 2× slower than in the build run an hour
earlier; read ±50 %). ms, index p50 / p95 (LIKE p50 in the same run):

    before (exact ranking of every match), PostgreSQL:  all 291 / 1999 (LIKE 571); 管理 2987, 工作 3249
    after, PostgreSQL + RUM, WINDOW 1000, --runs 2, load ~1.5 (the last run, 23:15 UTC):
                                                        all 32 / 102 (LIKE 423); 常见词 34 / 36;
                                                        单词 27 / 32; 长词 54 / 108; 多词 72 / 150
    the same at load ~10 (--runs 3, 22:35 UTC):         all 218 / 514 (LIKE 1274); 常见词 196 / 226
    after, SQLite (FTS5), --runs 2, load 5–11:          all 43 / 164 (LIKE 1496); 常见词 26 / 113;
                                                        单词 48 / 121; 长词 101 / 251; 多词 46 / 105
    again (last estimate rule), load ~6:                all 49 / 162 (LIKE 1982); 常见词 92 / 253
    before, SQLite: not measured in this round (the issue: common words 470–870 ms)
    2026-12-08, SQLite, --runs 2, old and new search code run at the same time (load 9–12; a query's
    LIKE scan 2–35 s, 2–10× the build run: read every figure as 2–4× a quiet machine):
      before: all 177 / 1100 (LIKE 3763); 常见词 443 / 996; 长词 82 / 241; 多词 104 / 232; 单词 120 / 232
      after:  all 113 / 1016 (LIKE 3895); 常见词 198 / 387; 长词 57 / 115;  多词 67 / 100;  单词 85 / 134
              (筛选 938 / 1549 and 仅标题 486 / 673 are the slow groups now; before 948 / 1304, 311 / 409)
      index only, --runs 3, load ~11.5: before all 447 / 1321, after 298 / 675; CPU per query 11–35 ms
      仅标题 totals after 约9,800 / 约3,100 / 2,513 / 约2,500 (exact 9,961 / 3,123 / 2,513 / 2,550;
      before 约39,000 / 约20,000 / 约17,000 / 约37,000)

    library page, test client, no page cache, one process, ms p50 (requests/s of one process):
    SQLite: no words 34 (29/s), 管理 44 (23/s), 户籍 32 (31/s), 管理 by date 41 (25/s), 养老 + organ 58 (17/s)
    PostgreSQL: no words 43 (23/s), 管理 65 (15/s), 户籍 61 (16/s), 管理 by date 43 (24/s), 养老 + organ 55 (18/s)

    served (gunicorn, 3 workers, page cache off; wrk -t2 -c4, 10 s per group after each URL once),
    2026-12-08 01:20–01:37 UTC, 300,000 documents, load average 5–14 (two other benches, tests and an
    OCR job on the 2 cores: the stack got 0.2–0.7 of a core, so requests/s and latencies are those of a
    starved server; CPU per request, from the gunicorn processes' CPU time, is the telling figure).
    before = the code of d835e0f, after = the library page's form options kept per generation, its
    inputs, selects, result list and facet panel written out in Python, facet links encoded once:

                     req/s before → after   server p50 ms     app CPU ms / request (→ 2 cores ÷ that)
    SQLite  无检索词      7.7 → 13.7          366 → 212          39.7 → 30.4  (≈ 66 req/s on 2 idle cores)
            检索词        5.2 → 14.9          481 → 173          72.9 → 45.7  (≈ 44)
            筛选          3.7 → 4.9           421 → 243          76.8 → 81.0  (one URL: 2.5 s, see below)
            首页         11.4 → 19.1           77 → 46           26.7 → 26.2
            文件页       20.1 → 18.7          122 → 141          22.9 → 22.2
    PostgreSQL 无检索词   6.2 → 10.5          471 → 258          35.0 → 27.5  (+ PostgreSQL's own CPU)
            检索词        4.6 → 8.6           599 → 303          42.6 → 31.1
            筛选          5.3 → 8.0           491 → 275          37.9 → 33.4
            首页         21.0 → 33.7          104 → 75            9.9 → 9.4
            文件页        9.7 → 15.1          291 → 190          20.1 → 21.5

    Not met: ≥ 100 library req/s needs ≤ ~20 ms of CPU per request on 2 cores; the page now costs
    30–46 ms on SQLite and 28–33 ms (+ the database's) on PostgreSQL, of which index.search is about
    half (~12 ms at 20k documents, more at 300k: snippets and the ranking query) and gunicorn,
    middleware and base template ~7 ms (the home page's cost). In the 筛选 group on SQLite, one URL
    (?l1=其他&q=营商环境&sort=date: a subject without documents) takes ~2.5–3.5 s of CPU in
    index.search each time, most of that group's average.

Goal of issue 15 item 5 (p95 ≤ 150 ms): met on PostgreSQL once the machine was quiet (p95 102 ms;
very common words 2–4 s → ~35 ms); SQLite p95 164 ms measured at load 5–11 (long words). At load
~10 every query slows 2–3× (PostgreSQL p95 514 ms). The ≥ 100 library requests/s was NOT measured
under concurrent load (gunicorn + client): one process serves 15–31 requests/s uncached. Measured
on 2026-12-08 (the served figures above): not met.
"""

import argparse
import datetime as dt
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHUNK = 2000
RUM_INDEX = "search_searchentry_vector_rum"
RUM_SQL = f"CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON search_searchentry USING rum (vector rum_tsvector_ops)"
CITY = "示范市"

TOPICS = {
    "户籍": ["户籍管理", "户口迁移", "落户", "居住证", "户籍制度改革", "身份证办理", "户口登记", "农业转移人口"],
    "医保": ["医疗保障", "医保报销", "城乡居民基本医疗保险", "异地就医", "门诊统筹", "医保基金", "大病保险", "医疗救助"],
    "养老": ["养老服务", "基本养老金", "养老保险", "居家养老", "养老机构", "医养结合", "老年人", "养老床位"],
    "公积金": ["住房公积金", "公积金提取", "公积金贷款", "缴存基数", "租房提取", "缴存职工", "贷款额度"],
    "营商": ["营商环境", "市场主体", "企业开办", "工程建设项目审批", "一网通办", "减税降费", "政务服务"],
    "安全": ["安全生产", "隐患排查", "危险化学品", "消防安全", "应急管理", "事故隐患", "安全生产责任制"],
    "教育": ["义务教育", "招生入学", "学前教育", "课后服务", "校外培训", "教师队伍", "集团化办学", "职业教育"],
    "环境": ["垃圾分类", "生活垃圾", "大气污染防治", "扬尘污染", "河长制", "污水处理", "生态环境保护", "节能减排"],
    "土地": ["征地补偿", "区片综合地价", "安置补助费", "青苗补偿", "不动产登记", "国土空间规划", "土地征收"],
    "民政": ["最低生活保障", "低保", "特困人员", "残疾人补贴", "社会救助", "临时救助", "儿童福利"],
    "就业": ["就业创业", "创业担保贷款", "职业技能培训", "高校毕业生", "稳岗返还", "就业补贴", "农民工"],
    "住房": ["保障性租赁住房", "老旧小区改造", "物业管理", "住宅专项维修资金", "棚户区改造", "农村危房改造"],
    "交通": ["网约车", "电动自行车", "公共交通", "道路运输", "停车管理", "交通安全"],
    "卫生": ["疫情防控", "公共卫生", "家庭医生", "分级诊疗", "药品集中采购", "医疗卫生共同体"],
    "农业": ["乡村振兴", "高标准农田", "农村人居环境", "粮食安全", "农业保险", "种业振兴"],
}
VERBS = ["进一步加强", "全面推进", "切实做好", "深入开展", "加快推进", "规范", "优化", "完善", "健全", "落实"]
NOUNS = ["工作", "管理", "服务", "制度", "机制", "体系", "措施", "标准", "政策", "保障"]
DOC_KINDS = ["通知", "实施意见", "管理办法", "实施方案", "若干措施", "暂行规定", "工作要点", "实施细则"]
FILLER = [
    "各级各部门要提高思想认识，加强组织领导，明确责任分工，确保各项任务落到实处。",
    "本办法自发布之日起施行，有效期五年。",
    "各县（市、区）人民政府要结合本地实际，制定具体实施办法，并报市政府备案。",
    "加强宣传引导，及时回应社会关切，营造良好社会氛围。",
    "对工作中出现的新情况新问题，要及时研究解决，重大事项及时报告。",
    "财政部门要做好资金保障，审计部门依法开展监督检查。",
    "建立健全考核评价机制，将落实情况纳入年度绩效考核。",
    "严禁弄虚作假，对违反规定的依法依规追究责任。",
]
PREFIXES = ["示政发", "示政办发", "示公发", "示医保发", "示人社发", "示教发", "示建发", "示应急", "示民发", "示自然资发"]
SUBJECTS = ["综合政务\\政务公开", "公安、安全、司法\\公安", "劳动、人事、监察\\社会保障", "科技、教育\\教育",
            "城乡建设、环境保护\\城乡建设(含住房)", "国土资源、能源\\土地", "民政、乡村振兴、救灾\\社会福利",
            "市场监管、安全生产监管\\安全生产监管", "卫生、体育\\卫生", "农业、林业、水利\\农业、畜牧业、渔业"]
DOC_TYPES = ["通知"] * 6 + ["意见", "行政规范性文件", "规章", "通告", "函"]
VALIDITIES = ["in_force"] * 8 + ["amended", "repealed", "expired"]
N_AGENCIES = 20


def doc_no_for(i: int) -> str:
    """Every third document has a 文号; deterministic, so queries can name some."""
    if i % 3:
        return ""
    n = i // 3  # distinct (prefix, year, serial) for every n
    prefix = PREFIXES[n % len(PREFIXES)]
    year = 2015 + (n // len(PREFIXES)) % 11
    serial = n // (len(PREFIXES) * 11) + 1
    return f"{prefix}〔{year}〕{serial}号"


def make_doc(i: int, rng: random.Random) -> dict:
    topic = rng.choice(list(TOPICS))
    words = TOPICS[topic]
    main = rng.choice(words)
    kind = rng.choice(DOC_KINDS)
    title = rng.choice([
        f"关于{rng.choice(VERBS)}{main}{rng.choice(NOUNS)}的{kind if kind in ('通知', '实施意见') else '通知'}",
        f"{CITY}{main}{rng.choice(NOUNS)}{kind}",
        f"关于印发{CITY}{main}{kind}的通知",
        f"{CITY}{rng.randint(2016, 2025)}年{main}工作要点",
    ])
    sentences = []
    for _ in range(rng.randint(6, 14)):
        w1, w2 = rng.choice(words), rng.choice(words)
        sentences.append(rng.choice([
            f"{rng.choice(VERBS)}{w1}{rng.choice(NOUNS)}，{rng.choice(VERBS)}{w2}{rng.choice(NOUNS)}。",
            f"到{rng.randint(2020, 2030)}年，全市{w1}{rng.choice(NOUNS)}基本健全，{w2}水平明显提升。",
            f"对符合条件的{w1}对象，按照每人每月{rng.randint(50, 2000)}元的标准给予补助。",
            f"{rng.choice(['市', '县', '乡镇'])}{rng.choice(['人民政府', '有关部门'])}负责本行政区域内的{w1}{rng.choice(NOUNS)}。",
            rng.choice(FILLER),
        ]))
    if rng.random() < 0.1:
        other = doc_no_for(rng.randrange(0, max(3, i + 1), 3))
        if other:
            sentences.append(f"根据{other}文件精神，结合本市实际，制定本{kind}。")
    published = dt.datetime(2015, 1, 1, 9) + dt.timedelta(days=rng.randint(0, 11 * 365), minutes=rng.randint(0, 600))
    return {
        "i": i, "title": title, "doc_no": doc_no_for(i), "body": "".join(sentences),
        "keywords": " ".join(rng.sample(words, 2)), "summary": "", "issuers": f"{CITY}第{i % N_AGENCIES + 1}局",
        "subject": rng.choice(SUBJECTS), "doc_type": rng.choice(DOC_TYPES), "validity": rng.choice(VALIDITIES),
        "published": published, "signed": (published - dt.timedelta(days=rng.randint(1, 10))).date(),
    }


def build_chunk(start: int, count: int) -> list[dict]:
    """Worker: generate documents start..start+count and their index fields (no database)."""
    from gongkai.search.index import index_fields

    out = []
    for i in range(start, start + count):
        doc = make_doc(i, random.Random(i))
        doc["index"] = index_fields(title=doc["title"], doc_no=doc["doc_no"], issuers=doc["issuers"],
                                    keywords=doc["keywords"], summary=doc["summary"], body=doc["body"])
        out.append(doc)
    return out


def pct(samples: list[float], p: float) -> float:
    samples = sorted(samples)
    k = (len(samples) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(samples) - 1)
    return samples[lo] + (samples[hi] - samples[lo]) * (k - lo)


def pg_admin(url: str, sql: str) -> None:
    import psycopg

    base = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per query (after one warm-up)")
    parser.add_argument("--workers", type=int, default=max(1, min(2, os.cpu_count() or 1)))
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    parser.add_argument("--name", default="search",
                        help="SQLite file var/bench-NAME.sqlite3 (default: search); PostgreSQL: BENCH_PG_URL")
    parser.add_argument("--wrk-seconds", type=int, default=12, help="served phase: seconds of wrk per URL group")
    parser.add_argument("--wrk-connections", type=int, default=4, help="served phase: wrk connections")
    parser.add_argument("--served-workers", type=int, default=3, help="served phase: gunicorn workers (deployed: 3)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8221)),
                        help="served phase: the port of the stack (loopback)")
    parser.add_argument("--no-served", action="store_true", help="skip the served phase (gunicorn + wrk)")
    parser.add_argument("--served-only", action="store_true",
                        help="only the served phase (with --reuse: no query timings, no test-client pages)")
    parser.add_argument("--reuse", action="store_true",
                        help="time the database a run with --keep built (migrated first), without rebuilding it")
    args = parser.parse_args()

    if args.reuse:
        sqlite = Path(os.environ.get("BENCH_SQLITE") or ROOT / "var" / f"bench-{args.name}.sqlite3")
        db = sqlite if args.db == "sqlite" else PG_URL
        os.environ["DATABASE_URL"] = f"sqlite:///{db}" if args.db == "sqlite" else PG_URL
    else:
        db = bench_database(args.db, args.name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ["DEBUG"] = "1"
    # A private cache: the counts kept per content generation must not be ended by other processes
    # sharing the checkout's var/cache.
    os.environ.setdefault("GONGKAI_VAR", tempfile.mkdtemp(prefix="gk-search-bench-"))
    try:
        run(args)
    finally:
        if not args.keep and not args.reuse:
            drop_bench_database(args.db, db)


PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/gongkai_bench")


def bench_database(kind: str, name: str, pg_url: str = PG_URL) -> Path | str:
    """Create an empty throwaway database (SQLite var/bench-NAME.sqlite3 or the PostgreSQL database of
    BENCH_PG_URL) and point DATABASE_URL at it; returns what ``drop_bench_database`` needs."""
    if kind == "sqlite":
        db = ROOT / "var" / f"bench-{name}.sqlite3"
        db.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
        return db
    pg_admin(pg_url, f'DROP DATABASE IF EXISTS "{pg_url.rsplit("/", 1)[1]}"')
    pg_admin(pg_url, f'CREATE DATABASE "{pg_url.rsplit("/", 1)[1]}"')
    os.environ["DATABASE_URL"] = pg_url
    return pg_url


def drop_bench_database(kind: str, db: Path | str) -> None:
    from django.db import connections

    connections.close_all()
    if kind == "postgres":
        pg_admin(db, f'DROP DATABASE IF EXISTS "{db.rsplit("/", 1)[1]}"')
    else:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(db) + suffix).unlink(missing_ok=True)


def load_documents(n: int, workers: int, agencies: list, on_batch=None) -> tuple[float, float]:
    """Generate N published documents of ``agencies`` (document i belongs to agencies[i % len]) in
    worker processes and bulk-insert them with their index entries, then build the full-text index
    and ANALYZE. ``on_batch(docs, batch)`` (saved documents, generated dicts) may add rows in the same
    transaction. Returns (seconds to generate and insert, seconds to build the index)."""
    from django.db import connection, connections, transaction
    from django.utils import timezone

    from gongkai.publishing.models import Document
    from gongkai.search import index
    from gongkai.search.backends import get_backend
    from gongkai.search.models import SearchEntry

    t0 = time.perf_counter()
    backend = get_backend()
    index.segment("预热")  # load the jieba dictionary once, before the workers fork
    connections.close_all()  # no connection shared with the workers
    tz = timezone.get_current_timezone()
    chunks = [(s, min(CHUNK, n - s)) for s in range(0, n, CHUNK)]
    with multiprocessing.get_context("fork").Pool(workers) as pool, transaction.atomic():
        if connection.vendor == "sqlite":
            backend.before_bulk_load()  # FTS index built in one pass at the end
        else:
            with connection.cursor() as cur:
                cur.execute("DROP INDEX IF EXISTS search_searchentry_vector_gin")
                cur.execute(f"SELECT 1 FROM pg_indexes WHERE indexname = '{RUM_INDEX}'")
                rum = cur.fetchone() is not None  # migration 0002 made it: rebuilt at the end
                cur.execute(f"DROP INDEX IF EXISTS {RUM_INDEX}")
        done = 0
        for batch in pool.imap(_star_build, chunks):
            docs = Document.objects.bulk_create([
                Document(agency=agencies[d["i"] % len(agencies)], title=d["title"], doc_no=d["doc_no"],
                         doc_no_key=_key(d["doc_no"]), issuers=d["issuers"], subject=d["subject"],
                         doc_type=d["doc_type"], validity=d["validity"], keywords=d["keywords"], body=d["body"],
                         status="published", disclosure_attribute="proactive",
                         published_at=d["published"].replace(tzinfo=tz), signed_on=d["signed"],
                         index_no=f"BENCH/{d['i']:07d}", search_text=d["index"]["search_text"])
                for d in batch], batch_size=500)
            SearchEntry.objects.bulk_create([
                SearchEntry(document_id=doc.pk, **{k: v for k, v in d["index"].items() if k != "search_text"})
                for doc, d in zip(docs, batch, strict=True)], batch_size=500)
            if on_batch is not None:
                on_batch(docs, batch)
            done += len(batch)
            print(f"\r  已生成并写入 {done:,} / {n:,}", end="", flush=True)
        print()
        t_load = time.perf_counter() - t0
        t1 = time.perf_counter()
        if connection.vendor == "sqlite":
            backend.after_bulk_load()
            with connection.cursor() as cur:
                cur.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        else:
            with connection.cursor() as cur:
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # flush the deferred foreign-key checks
                cur.execute("CREATE INDEX search_searchentry_vector_gin ON search_searchentry USING gin (vector)")
                if rum:
                    cur.execute(RUM_SQL)
    with connection.cursor() as cur:
        # As autovacuum leaves a table after a bulk load: statistics, and the visibility map set.
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return t_load, time.perf_counter() - t1


def run(args):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.publishing.access import public_documents

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    if args.reuse:  # the search app's migrations (the RUM index on PostgreSQL) applied to the kept database
        print(f"迁移（含检索索引）：{time.perf_counter() - t0:.1f} 秒")
        args.docs = public_documents().count()
    print(f"数据库：{connection.vendor}，文件数：{args.docs:,}，进程数：{args.workers}")
    if connection.vendor == "postgresql":
        from gongkai.search.backends import get_backend

        print(f"RUM 索引：{'有' if get_backend().has_rum() else '无'}")

    # ---- load -------------------------------------------------------------------------------
    if not args.reuse:
        t0 = time.perf_counter()
        gov = Agency.objects.create(code="gov", name=f"{CITY}人民政府", kind=Agency.GOVERNMENT)
        agencies = [gov] + [Agency.objects.create(code=f"d{i}", name=f"{CITY}第{i}局", parent=gov)
                            for i in range(1, N_AGENCIES)]
        t_load, t_index = load_documents(args.docs, args.workers, agencies)
        print(f"生成、分词并写入：{t_load:.1f} 秒；建立全文索引：{t_index:.1f} 秒；"
              f"合计 {time.perf_counter() - t0:.1f} 秒")

    if not args.served_only:
        time_queries(args)
        library_pages(args.runs)
    if not args.no_served:
        served(args)


def time_queries(args) -> None:
    """~50 queries through index.search beside the same as a LIKE scan (the module docstring)."""
    from django.db import connection
    from django.db.models import Q

    from gongkai.publishing.access import public_documents
    from gongkai.search import index
    from gongkai.search.text import parse_query

    some = list(public_documents().exclude(doc_no="").order_by("?").values_list("doc_no", flat=True)[:6])
    variants = [some[0].replace("〔", "[").replace("〕", "]"), some[1].replace("〔", "（").replace("〕", "）"),
                some[2].replace("〕", "〕第"), some[3].translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}),
                some[4], f"{some[5]} 文件"]
    # (group, query, options): the report gives p50/p95 per group and over all of them.
    queries = (
        [("单词", w, {}) for w in ["户籍", "医保", "养老", "低保", "落户", "网约车", "河长制", "征地", "消防",
                                  "公积金"]]
        + [("长词", w, {}) for w in ["户籍管理", "住房公积金", "营商环境", "安全生产", "义务教育", "垃圾分类",
                                    "征地补偿", "异地就医", "创业担保贷款", "保障性租赁住房", "大气污染防治",
                                    "区片综合地价"]]
        + [("多词", w, {}) for w in ["城乡居民 医保 缴费", "住房公积金 租房提取", "如何办理户口迁移", "养老服务 补助",
                                    "高校毕业生 就业 补贴", "老旧小区改造 物业管理"]]
        + [("文号", w, {}) for w in variants]
        + [("仅标题", w, {"title_only": True}) for w in ["户籍", "养老服务", "垃圾分类", "医疗救助"]]
        + [("筛选", w, {"agency_codes": ["d3"]}) for w in ["养老", "安全生产"]]
        + [("筛选", w, {"validity": "repealed"}) for w in ["户籍", "公积金"]]
        + [("筛选", w, {"published_from": dt.date(2023, 1, 1), "published_to": dt.date(2023, 12, 31)})
           for w in ["医保", "营商环境"]]
        + [("按日期", w, {"sort": "date"}) for w in ["义务教育", "安全生产"]]
        + [("常见词", w, {}) for w in ["管理", "工作", "通知", "人民政府"]]  # very common words
        + [("常见词", w, {"sort": "date"}) for w in ["管理"]]
        + [("常见词", "管理 工作", {})]
        + [("翻页", "养老", {"page": 50})]
    )

    def like_scan(query, options):
        """What a naive implementation does: every word in title or body, newest first."""
        qs = public_documents()
        words = [t.word for t in parse_query(query).terms] if query else []
        for w in words:
            qs = qs.filter(Q(title__contains=w) | Q(body__contains=w))
        if options.get("title_only"):
            qs = public_documents()
            for w in words:
                qs = qs.filter(title__contains=w)
        if options.get("agency_codes"):
            qs = qs.filter(agency__code__in=options["agency_codes"])
        if options.get("validity"):
            qs = qs.filter(validity=options["validity"])
        if options.get("published_from"):
            qs = qs.filter(published_at__date__gte=options["published_from"],
                           published_at__date__lte=options["published_to"])
        page = options.get("page", 1)
        total = qs.count()
        rows = list(qs.order_by("-published_at", "-id")[(page - 1) * 20 : page * 20])
        return total, rows

    def timed(fn):
        started = time.perf_counter()
        result = fn()
        return (time.perf_counter() - started) * 1000, result

    samples = {"index": [], "like": []}
    groups: dict[str, dict[str, list[float]]] = {}
    print(f"\n{len(queries)} 个检索式，每个预热 1 次后计时 {args.runs} 次（“约”：估计数）")
    print(f"{'检索式':<26}{'命中(索引)':>12}{'命中(LIKE)':>12}{'索引 ms':>10}{'LIKE ms':>10}")
    for group, query, options in queries:
        index.search(query, **options)
        like_scan(query, options)
        t_idx, t_like = [], []
        for _ in range(args.runs):
            ms, res = timed(lambda q=query, o=options: index.search(q, **o))
            t_idx.append(ms)
            ms, (like_total, _rows) = timed(lambda q=query, o=options: like_scan(q, o))
            t_like.append(ms)
        samples["index"] += t_idx
        samples["like"] += t_like
        groups.setdefault(group, {"index": [], "like": []})
        groups[group]["index"] += t_idx
        groups[group]["like"] += t_like
        label = query + (" " + ",".join(f"{k}" for k in options) if options else "")
        total = ("约" if res.estimated else "") + f"{res.total:,}"
        print(f"{label[:24]:<26}{total:>12}{like_total:>12,}{statistics.median(t_idx):>10.1f}"
              f"{statistics.median(t_like):>10.1f}")

    print(f"\n{'组':<10}{'索引 p50':>10}{'索引 p95':>10}{'LIKE p50':>10}{'LIKE p95':>10}  (ms)")
    for group, got in [*groups.items(), ("全部", samples)]:
        print(f"{group:<10}{pct(got['index'], 0.5):>10.1f}{pct(got['index'], 0.95):>10.1f}"
              f"{pct(got['like'], 0.5):>10.1f}{pct(got['like'], 0.95):>10.1f}")
    print(f"\n{'':<28}{'p50':>10}{'p95':>10}")
    for name, label in (("index", "全文索引 index.search"), ("like", "LIKE '%词%' 全表扫描")):
        print(f"{label:<24}{pct(samples[name], 0.5):>10.1f} ms{pct(samples[name], 0.95):>8.1f} ms")
    speedup = pct(samples["like"], 0.5) / max(pct(samples["index"], 0.5), 1e-9)
    print(f"中位数加速比：{speedup:.0f}×（{connection.vendor}，{args.docs:,} 件）")


def served(args) -> None:
    """The library, home and document pages served by gunicorn under wrk (bench/_library_served.py)."""
    from _library_served import served_pages, url_groups
    from django.db import connections

    from gongkai.agencies.models import Agency
    from gongkai.publishing.access import public_documents
    from gongkai.publishing.models import Subject

    rng = random.Random(15)
    last = public_documents().order_by("-pk").values_list("pk", flat=True).first() or 0
    pks = sorted({rng.randint(1, max(1, last)) for _ in range(200)})
    pks = list(public_documents().filter(pk__in=pks).values_list("pk", flat=True)[:60])
    codes = list(Agency.objects.exclude(parent=None).order_by("code").values_list("code", flat=True))
    subjects = sorted({p.partition("\\")[0] for p in Subject.objects.values_list("path", flat=True)}) or sorted(
        {s.partition("\\")[0] for s in public_documents().exclude(subject="").values_list("subject", flat=True)[:2000]})
    connections.close_all()
    served_pages(seconds=args.wrk_seconds, connections=args.wrk_connections, workers=args.served_workers,
                 port=args.port, groups=url_groups(pks, codes, subjects))


def library_pages(runs: int) -> None:
    """The library page (search, facets, rendering) through Django's test client without the page
    cache, one request after the other: ms per request and the requests per second one worker
    process serves (the counts kept per content generation stay kept, as between two changes)."""
    from django.conf import settings
    from django.test import Client

    settings.GONGKAI_PAGE_CACHE = False
    settings.GONGKAI_RATE_LIMITS = {}
    client = Client()
    print(f"\n政策文件库页面（无页面缓存，预热 1 次后计时 {max(runs, 5)} 次）")
    for label, params in (("无检索词", {}), ("管理", {"q": "管理"}), ("户籍", {"q": "户籍"}),
                          ("管理 按日期", {"q": "管理", "sort": "date"}), ("养老 机构 d3", {"q": "养老", "agency": "d3"})):
        client.get("/gk/library/", params, secure=True)
        times = []
        for _ in range(max(runs, 5)):
            started = time.perf_counter()
            response = client.get("/gk/library/", params, secure=True)
            times.append((time.perf_counter() - started) * 1000)
        p50 = statistics.median(times)
        print(f"  {label:<14}{response.status_code:>5}{p50:>9.1f} ms（p50），每个进程 {1000 / p50:.0f} 次/秒")


def _star_build(chunk):
    return build_chunk(*chunk)


def _key(doc_no: str) -> str:
    from gongkai.law.docnumber import doc_no_key

    return doc_no_key(doc_no) if doc_no else ""


if __name__ == "__main__":
    main()
