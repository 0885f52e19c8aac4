"""Fixture websites for the crawler's tests and bench: small HTTP servers on 127.0.0.1 (one per host,
random ports) that log every request, answer ETag / If-None-Match with 304, and can be slow.

``build_world()`` starts the sites of the tests: organs with real report pages (the texts of
../shared/testdata/reports, in page chrome), a PDF attachment on a separate file server, a GBK
site, a 404, a slow host, a robots.txt disallowing a path, a link off the listed hosts.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Copies of ../shared/testdata/reports kept with the reader's tests (gongkai/reportreader/tests/data).
REPORTS = Path(__file__).resolve().parents[2] / "reportreader" / "tests" / "data" / "testdata"
PDF = Path(__file__).resolve().parents[2] / "auditor" / "tests" / "data" / "huaian_shi_2024.pdf"
LAST_MODIFIED = "Mon, 20 Jan 2025 08:00:00 GMT"


@dataclass
class Site:
    """One host: ``routes`` path → (content type, body); every request logged as (path, conditional)."""

    routes: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    slow: float = 0.0
    log: list[tuple[str, bool, int]] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def host(self) -> str:
        assert self.server is not None
        return f"127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8") -> None:
        self.routes[path] = (content_type, body.encode() if isinstance(body, str) else body)

    def paths(self) -> list[str]:
        return [p for p, _c, _s in self.log]

    def start(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 - http.server's name
                if site.slow:
                    time.sleep(site.slow)
                conditional = bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))
                route = site.routes.get(self.path)
                if route is None:
                    site.log.append((self.path, conditional, 404))
                    self._send(404, "text/html; charset=utf-8", "<h1>404 页面不存在</h1>".encode())
                    return
                ctype, body = route
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    site.log.append((self.path, conditional, 304))
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                site.log.append((self.path, conditional, 200))
                self._send(200, ctype, body, {"ETag": etag, "Last-Modified": LAST_MODIFIED})

            def _send(self, status, ctype, body, extra=None):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    for k, v in (extra or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client timed out
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def report_lines(name: str, *, replace: dict[str, str] | None = None) -> list[str]:
    """The lines of a real report (its first line, the source note, dropped)."""
    text = (REPORTS / name).read_text(encoding="utf-8").split("\n", 1)[1]
    for a, b in (replace or {}).items():
        text = text.replace(a, b)
    return text.splitlines()


def page(title: str, body_lines: list[str], *, date: str | None = None, links: list[tuple[str, str]] = (),
         charset: str = "utf-8") -> str:
    """An HTML page in site chrome (navigation, breadcrumbs, footer) around the body."""
    from html import escape

    paras = "\n".join(f"<p>{escape(line)}</p>" for line in body_lines)
    items = "\n".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>' for h, t in links)
    stamp = f'<div class="info">发布时间：{date}　来源：本网</div>' if date else ""
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="{charset}"><title>{escape(title)}</title>'
            '</head><body><div class="nav"><a href="/">首页</a> <a href="/gk/">政务公开</a> '
            '<a href="/hd/">政民互动</a></div><div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 年报</div>'
            f"<h1>{escape(title)}</h1>{stamp}<div class=\"content\">{paras}<ul>{items}</ul></div>"
            '<div class="footer">主办单位：测试市人民政府办公室　网站标识码 9999000001</div></body></html>')


def column(title: str, links: list[tuple[str, str]], *, charset: str = "utf-8") -> str:
    return page(title, [], links=links, charset=charset)


@dataclass
class World:
    main: Site
    gbk: Site
    files: Site
    slow: Site
    off: Site
    expected: dict[str, dict] = field(default_factory=dict)
    sites: list[dict[str, str]] = field(default_factory=list)

    def all(self) -> list[Site]:
        return [self.main, self.gbk, self.files, self.slow, self.off]

    def stop(self) -> None:
        for s in self.all():
            s.stop()

    def csv(self) -> str:
        return "organ,url\n" + "".join(f"{s['organ']},{s['url']}\n" for s in self.sites)


def build_world(slow: float = 2.0) -> World:
    w = World(Site().start(), Site().start(), Site().start(), Site(slow=slow).start(), Site().start())
    m = w.main
    m.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    hzq24 = report_lines("03_huaian_hongzequ_2024.txt")
    hzq23 = report_lines("02_huaian_hongzequ_2023.txt")
    # 1. a government's column: the report page, last year's, a disallowed and an off-host candidate first
    m.add("/hzq/ndbg/index.html", column("政府信息公开年报", [
        ("/private/hzq2024.html", "洪泽区2024年政府信息公开工作年度报告（内部稿）"),
        (w.off.url("/zz/2024.html"), "洪泽区2024年政府信息公开工作年度报告（转载）"),
        ("/hzq/ndbg/art_2024.html", "淮安市洪泽区人民政府2024年政府信息公开工作年度报告"),
        ("/hzq/ndbg/jd_2024.html", "图解：洪泽区2024年政府信息公开工作年度报告"),
        ("/hzq/ndbg/art_2023.html", "淮安市洪泽区人民政府2023年政府信息公开工作年度报告"),
        (w.off.url("/links.html"), "友情链接"),
    ]))
    m.add("/private/hzq2024.html", page("内部稿", hzq24))
    m.add("/hzq/ndbg/art_2024.html", page("淮安市洪泽区人民政府2024年政府信息公开工作年度报告", hzq24, date="2025-03-20"))
    m.add("/hzq/ndbg/art_2023.html", page("淮安市洪泽区人民政府2023年政府信息公开工作年度报告", hzq23, date="2024-03-15"))
    w.sites.append({"organ": "淮安市洪泽区人民政府", "url": m.url("/hzq/ndbg/index.html")})
    w.expected["淮安市洪泽区人民政府"] = {"status": "found", "report_url": m.url("/hzq/ndbg/art_2024.html"),
                                       "late": "no"}
    # 2. a page that only links the report: “附件：….pdf” on a separate file server; published late
    m.add("/hs/nb/index.html", column("年度报告", [
        ("/hs/nb/t20250408.html", "关于公开淮安市人民政府2024年政府信息公开工作年度报告的通知")]))
    m.add("/hs/nb/t20250408.html", page("关于公开淮安市人民政府2024年政府信息公开工作年度报告的通知",
                                        ["现将我市2024年政府信息公开工作年度报告予以公开。"], date="2025-04-08",
                                        links=[(w.files.url("/upload/hs2024.pdf"),
                                                "附件：淮安市人民政府2024年政府信息公开工作年度报告.pdf")]))
    w.files.add("/upload/hs2024.pdf", PDF.read_bytes(), "application/pdf")
    w.sites.append({"organ": "淮安市人民政府", "url": m.url("/hs/nb/index.html")})
    w.expected["淮安市人民政府"] = {"status": "found", "report_url": w.files.url("/upload/hs2024.pdf"), "late": "yes"}
    # 3. a department that copied last year's report (雷同), on time
    copy24 = report_lines("02_huaian_hongzequ_2023.txt", replace={"2023": "2024", "2022": "2023"})
    m.add("/jyj/nb/index.html", column("年报", [("/jyj/nb/2024.html", "测试市教育局2024年度政府信息公开工作年度报告"),
                                                ("/jyj/nb/2023.html", "测试市教育局2023年度政府信息公开工作年度报告")]))
    m.add("/jyj/nb/2024.html", page("测试市教育局2024年度政府信息公开工作年度报告", copy24, date="2025-01-15"))
    m.add("/jyj/nb/2023.html", page("测试市教育局2023年度政府信息公开工作年度报告", hzq23, date="2024-01-16"))
    w.sites.append({"organ": "测试市教育局", "url": m.url("/jyj/nb/index.html")})
    w.expected["测试市教育局"] = {"status": "found", "report_url": m.url("/jyj/nb/2024.html"), "late": "no",
                                "copy": True}
    # 4. a listed URL that is gone
    w.sites.append({"organ": "测试市交通运输局", "url": m.url("/jtj/nb/index.html")})
    w.expected["测试市交通运输局"] = {"status": "not_found", "report_url": "", "late": "yes"}
    # 5. a column without this year's report (only last year's, and an interpretation)
    m.add("/mzj/nb/index.html", column("年报", [("/mzj/nb/jd2024.html", "《测试市民政局2024年政府信息公开工作年度报告》解读"),
                                                ("/mzj/nb/2023.html", "测试市民政局2023年政府信息公开工作年度报告")]))
    m.add("/mzj/nb/2023.html", page("测试市民政局2023年政府信息公开工作年度报告", hzq23))
    w.sites.append({"organ": "测试市民政局", "url": m.url("/mzj/nb/index.html")})
    w.expected["测试市民政局"] = {"status": "not_found", "report_url": "", "late": "yes"}
    # 6. a GBK site: the column declares GBK in the header, the report page only in a <meta>
    g = w.gbk
    g.add("/czj/nb/index.html", column("年度报告", [("/czj/nb/2024.html", "测试市财政局2024年政府信息公开工作年度报告")],
                                       charset="gbk").encode("gbk"), "text/html; charset=GBK")
    g.add("/czj/nb/2024.html", page("测试市财政局2024年政府信息公开工作年度报告", hzq24, date="2025-01-10",
                                    charset="gb2312").encode("gb18030"), "text/html")
    w.sites.append({"organ": "测试市财政局", "url": g.url("/czj/nb/index.html")})
    w.expected["测试市财政局"] = {"status": "found", "report_url": g.url("/czj/nb/2024.html"), "late": "no"}
    # 7. a host that does not answer in time
    w.slow.add("/nb/index.html", column("年报", []))
    w.sites.append({"organ": "测试市统计局", "url": w.slow.url("/nb/index.html")})
    w.expected["测试市统计局"] = {"status": "unreachable", "report_url": "", "late": "no"}
    return w
