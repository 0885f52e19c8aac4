"""The pure rules of the website crawler (no Django): which link on an organ's 年报 column is the
year's annual report, which hosts and paths a crawl may visit, how a page's bytes are decoded, the
publication date a page prints, and how similar two narratives are (与上年报告雷同).

Kept apart from the fetching (:mod:`gongkai.websites.fetch`) and the crawl (:mod:`.crawl`) so that
each rule is unit-tested on plain strings.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

# Files that may hold a report; one linked from a listed page may live on another host (agencies
# keep files on separate file servers).
ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd")

_CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "О": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_CN_YEAR = re.compile(r"二[〇零○О][一二三四五六七八九〇零○О]{2}")
_REPORT_WORDS = re.compile(r"年度?报告|年报")
_INTERPRETATION = re.compile(r"解读|图解|政策解读|一图读懂")
_NEXT_PAGE = re.compile(r"^\s*(下一页|下页|更多|>>?|›|»)\s*$")
_PAGED_HREF = re.compile(r"(?:index|list)_\d+\.s?html?$|[?&](?:page|pageNo|pageIndex)=\d+", re.I)


# -- links ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    url: str
    text: str


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, list[str]]] = []
        self.base: str | None = None
        self.meta_refresh: str | None = None
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and a.get("href") and self.base is None:
            self.base = a["href"].strip()
        elif tag == "a" and a.get("href"):
            self._open = [a.get("title", "")]
            self.links.append((a["href"].strip(), self._open))
        elif tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            m = re.search(r"url\s*=\s*['\"]?([^'\";]+)", a.get("content", ""), re.I)
            if m:
                self.meta_refresh = m.group(1).strip()

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def extract_links(html: str, base_url: str) -> list[Link]:
    """Every ``<a href>`` of a page as an absolute http(s) URL (fragment dropped) with its text (the
    ``title`` attribute counts: columns often print a shortened text and the full title there);
    a ``<meta http-equiv=refresh>`` target comes first."""
    parser = _Links()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # a broken page gives the links read so far
        pass
    base = urljoin(base_url, parser.base) if parser.base else base_url
    found = [(parser.meta_refresh, [])] if parser.meta_refresh else []
    out: list[Link] = []
    seen: set[str] = set()
    for href, parts in found + parser.links:
        if href.lower().startswith(("javascript:", "mailto:", "tel:", "#")):
            continue
        url = urldefrag(urljoin(base, href)).url
        if urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        out.append(Link(url, " ".join(" ".join(parts).split())))
    return out


def cn_years(text: str) -> str:
    """``二〇二五年`` → ``2025年`` (year numerals written in Chinese)."""
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(0)), text)


def years_in(text: str) -> set[int]:
    return {int(y) for y in _YEAR.findall(cn_years(text or ""))}


def is_attachment(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(ATTACHMENT_SUFFIXES)


def report_score(link: Link, year: int) -> int:
    """How likely the link is the organ's annual report on ``year`` (0: not it).

    The text (or, for a file, its name) must name the year and a report (年度报告/年报); a
    政府信息公开 title scores higher, an interpretation (解读, 图解) is not the report."""
    text = cn_years(link.text)
    name = urlsplit(link.url).path.rsplit("/", 1)[-1]
    label = text if _REPORT_WORDS.search(text) else f"{text} {name}"
    if not _REPORT_WORDS.search(label) or _INTERPRETATION.search(label):
        return 0
    years = years_in(label)
    if year not in years:
        return 0
    score = 10
    if "政府信息公开" in label or "政务公开" in label:
        score += 5
    if "工作年度报告" in label:
        score += 3
    if years - {year}:
        score -= 4  # "2024-2025 年度…" or a list of years: less sure
    if is_attachment(link.url):
        score += 1
    return score


def best_links(links: list[Link], year: int, limit: int = 3) -> list[Link]:
    """The links most likely to be the report on ``year``, best first."""
    scored = [(report_score(link, year), i, link) for i, link in enumerate(links)]
    return [link for s, _i, link in sorted((t for t in scored if t[0] > 0), key=lambda t: (-t[0], t[1]))][:limit]


def is_next_page(link: Link) -> bool:
    return bool(_NEXT_PAGE.match(link.text)) or bool(_PAGED_HREF.search(urlsplit(link.url).path + "?" +
                                                                         urlsplit(link.url).query))


# -- hosts and paths --------------------------------------------------------------------------


def host_of(url: str) -> str:
    """The host (with a non-default port) in lower case: the unit of politeness and of the allow-list."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # IPv6
    default = {"http": 80, "https": 443}.get(parts.scheme)
    try:
        port = parts.port
    except ValueError:
        return host
    return f"{host}:{port}" if port and port != default else host


def is_loopback(host: str) -> bool:
    if host.startswith("["):
        name = host[1:].split("]", 1)[0]
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def column_prefix(column_url: str) -> str:
    """The path prefix of a column: its URL up to the last ``/`` (``/col/nb/index.html`` → ``/col/nb/``)."""
    path = urlsplit(column_url).path or "/"
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


def in_column(url: str, column_url: str) -> bool:
    """Same scheme-less host and under the column's path prefix."""
    return host_of(url) == host_of(column_url) and (urlsplit(url).path or "/").startswith(column_prefix(column_url))


# -- bytes to text -----------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_GB = {"gbk", "gb2312", "gb_2312-80", "gb-2312", "cp936", "x-gbk", "gb18030", "hz-gb-2312", "euc-cn"}


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in _GB:
        return "gb18030"
    try:
        import codecs

        return codecs.lookup(name).name
    except LookupError:
        return None


def charset_of(content_type: str | None) -> str | None:
    m = re.search(r"charset\s*=\s*([^\s;]+)", content_type or "", re.I)
    return _codec(m.group(1)) if m else None


def decode_page(body: bytes, content_type: str | None = None) -> str:
    """A page's text: the HTTP header's charset, else the ``<meta charset>``, else UTF-8 if it
    decodes, else GB18030 (GBK and GB2312 are read as GB18030, their superset)."""
    for codec in (charset_of(content_type), _codec((m := _META_CHARSET.search(body[:4096])) and m.group(1).decode())):
        if codec:
            try:
                return body.decode(codec)
            except UnicodeDecodeError:
                continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("gb18030", errors="replace")


# -- dates -------------------------------------------------------------------------------------

_DATE_LABEL = re.compile(
    r"(?:发布(?:时间|日期)|发文日期|公开日期|成文日期|日期|时间)\s*[:：]?\s*"
    r"(20\d\d)\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
)


def page_date(text: str) -> dt.date | None:
    """The publication date a page prints beside the text (``发布时间：2026-01-20``)."""
    for m in _DATE_LABEL.finditer(text or ""):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
    return None


def http_date(value: str | None) -> dt.date | None:
    """The date of a ``Last-Modified`` header."""
    if not value:
        return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


# -- is this page the report? ------------------------------------------------------------------


def looks_like_report(text: str, year: int) -> bool:
    """The page is the year's report itself: its title names the year and 年度报告 and it has the
    first section (一、总体情况) or the statistics tables."""
    head = cn_years(text or "")
    title = re.search(rf"{year}\s*年度?\s*(?:政府信息公开|政务公开)?\s*(?:工作)?\s*年度报告", head)
    return bool(title) and ("总体情况" in head or "收到和处理政府信息公开申请情况" in head)


# -- 与上年报告雷同 ----------------------------------------------------------------------------

_SECTION = re.compile(r"^\s*[一二三四五六七]\s*[、.．]\s*(\S.*)$")
_NARRATIVE = ("总体情况", "存在的主要问题", "其他需要报告")
_NOISE = re.compile(r"[\s\d０-９.,，。、；;：:（）()%％\-—/|]+")


def narrative(text: str) -> str:
    """The narrative of a report (sections 一、五、六 by their titles); the whole text if the titles
    are not found. Digits, spaces and punctuation are dropped: a copied text with this year's
    numbers is still a copy."""
    keep, taking, found = [], False, False
    for line in (text or "").splitlines():
        m = _SECTION.match(line)
        if m:
            taking = m.group(1).strip().startswith(_NARRATIVE)
            found = found or taking
            continue
        if taking:
            keep.append(line)
    body = "\n".join(keep) if found else (text or "")
    return _NOISE.sub("", body)


def shingles(text: str, k: int = 5) -> set[str]:
    return {text[i : i + k] for i in range(max(0, len(text) - k + 1))}


def similarity(a: str, b: str, k: int = 5) -> float:
    """Jaccard similarity of the character k-shingles of two narratives (0 … 1)."""
    sa, sb = shingles(a, k), shingles(b, k)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def shared_excerpts(a: str, b: str, *, k: int = 20, limit: int = 3) -> list[str]:
    """Up to ``limit`` passages of ``a`` (at least k characters) that ``b`` repeats word for word."""
    grams = shingles(b, k)
    out, i = [], 0
    while i <= len(a) - k and len(out) < limit:
        if a[i : i + k] in grams:
            j = i + k
            while j < len(a) and a[j - k + 1 : j + 1] in grams:
                j += 1
            out.append(a[i : min(j, i + 60)])
            i = j
        else:
            i += 1
    return out
