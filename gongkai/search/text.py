"""Text side of the search: normalisation, jieba segmentation, CJK bigrams, query parsing, highlighting.

No database access here; the backends in ``backends.py`` turn a :class:`ParsedQuery` into SQL.

Index text of a field = jieba ``cut_for_search`` tokens, then the character bigrams of every CJK run
(``户籍管理`` → ``户籍 籍管 管理``). The bigram stream is contiguous, so a query word of two or more
CJK characters is found as a phrase of its bigrams wherever it occurs as a substring, whatever jieba
made of the surrounding text: ``户籍`` finds ``户籍管理``, ``户籍制度改革`` and ``户籍科``.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape

from gongkai.law.docnumber import DocNo, find_doc_nos

_jieba_lock = threading.Lock()
_jieba = None

# Tokens are runs of letters/digits (CJK included); punctuation, brackets and "_" separate them.
_WORD = re.compile(r"[^\W_]+")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")

# Words dropped from a query when other words remain (they carry no meaning for retrieval).
STOP_WORDS = frozenset(
    "的 了 和 与 及 或 是 在 对 把 被 从 向 为 于 之 等 啊 吗 呢 吧 我 我们 你 您 要 想 能 可以 如何 怎么 怎样 "
    "什么 哪些 哪里 多少 是否 有关 相关 关于 请问 一下 查询 查找 搜索 文件 规定".split()
)

# Small synonym groups (domain.md 7.6: synonyms are desirable). A query word in a group matches any
# member of the group. Keep it conservative: abbreviations and their full forms.
SYNONYM_GROUPS = (
    ("医保", "医疗保障", "医疗保险"),
    ("社保", "社会保险"),
    ("户口", "户籍"),
    ("低保", "最低生活保障"),
    ("公积金", "住房公积金"),
    ("养老金", "基本养老金"),
    ("新冠", "新型冠状病毒"),
    ("征地", "征收土地", "土地征收"),
    ("网约车", "网络预约出租汽车"),
)
_SYNONYMS: dict[str, tuple[str, ...]] = {w: g for g in SYNONYM_GROUPS for w in g}


def _get_jieba():
    """Import and initialise jieba once, quietly (its dictionary load logs at INFO)."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba
    return _jieba


_t2s_lock = threading.Lock()
_t2s = None


def to_simplified(text: str | None) -> str:
    """A query typed in traditional characters (戶籍, 個人所得稅) in simplified ones (户籍, 个人所得税),
    with OpenCC's ``t2s`` (phrase-aware; simplified text comes back unchanged). Only queries are
    converted: the index holds the documents as published, and they are in simplified characters."""
    global _t2s
    text = text or ""
    if not _CJK_RUN.search(text):
        return text
    with _t2s_lock:  # one converter per process; calls are serialised as in the 繁體 middleware
        if _t2s is None:
            import opencc

            _t2s = opencc.OpenCC("t2s")
        return _t2s.convert(text)


def normalize(text: str | None) -> str:
    """NFKC (full-width digits and letters become ASCII) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def _clean_tokens(raw) -> list[str]:
    out: list[str] = []
    for tok in raw:
        out.extend(_WORD.findall(tok))
    return out


def tokens(text: str | None) -> list[str]:
    """jieba ``cut_for_search`` tokens of the normalised text, punctuation and spaces dropped."""
    text = normalize(text)
    if not text.strip():
        return []
    return _clean_tokens(_get_jieba().cut_for_search(text))


def segment(text: str | None) -> str:
    """jieba ``cut_for_search`` tokens joined by spaces (what the index stores, before bigrams)."""
    return " ".join(tokens(text))


def bigrams(text: str | None) -> list[str]:
    """Character bigrams of every CJK run, in order (a one-character run yields that character)."""
    out: list[str] = []
    for run in _CJK_RUN.findall(normalize(text)):
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def index_text(text: str | None) -> str:
    """What goes into one column of the index: jieba tokens, then the CJK bigrams."""
    if not text:
        return ""
    return " ".join(tokens(text) + bigrams(text))


def is_cjk(word: str) -> bool:
    return bool(_CJK_RUN.fullmatch(word))


# ---------------------------------------------------------------------------------------------
# Queries


@dataclass
class Term:
    """One query word. The document must contain one of ``alternatives``, each a tuple of words
    that must all occur: the word itself, its synonyms, and for a long word the shorter words it is
    made of (``消防安全`` → ``消防`` + ``安全``)."""

    word: str
    alternatives: tuple[tuple[str, ...], ...]

    @property
    def words(self) -> list[str]:
        return [w for alt in self.alternatives for w in alt]


@dataclass
class ParsedQuery:
    raw: str
    terms: list[Term] = field(default_factory=list)
    doc_nos: list[DocNo] = field(default_factory=list)
    highlight: list[str] = field(default_factory=list)

    @property
    def has_text(self) -> bool:
        return bool(self.terms)


def _within(word: str, other: str) -> bool:
    """Whether every document that has ``other`` has ``word``: the same word, or a CJK word of two or
    more characters inside it (found as a substring: its character pairs are among ``other``'s)."""
    return word == other or (len(word) > 1 and is_cjk(word) and is_cjk(other) and word in other)


def alternatives(term: Term) -> list[tuple[str, ...]]:
    """The alternatives of a term that no other one of it includes: 户籍管理 is found wherever its
    words are (户籍 + 管理), 住房公积金 wherever 公积金 is. They match the same documents as all of
    them (an estimate must not count those twice; a query without them reads less of the index), but
    rank differently: the others add the score of the whole word, as a phrase."""
    alts = list(dict.fromkeys(term.alternatives))
    return [alt for i, alt in enumerate(alts)
            if not any(j != i and all(any(_within(w, x) for x in alt) for w in other) for j, other in enumerate(alts))]


def _merge_synonyms(words: list[str]) -> list[str]:
    """Join consecutive words that jieba split but that form a synonym entry (最低+生活+保障)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 4), i + 1, -1):
            joined = "".join(words[i:j])
            if joined in _SYNONYMS:
                out.append(joined)
                i = j
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _parts(word: str) -> tuple[str, ...] | None:
    """The shorter words (two characters or more) that tile a CJK word of four or more characters."""
    if len(word) < 4 or not is_cjk(word):
        return None
    subs = {t for t in _get_jieba().cut_for_search(word) if len(t) >= 2 and t != word}
    parts: list[str] = []
    pos = 0
    while pos < len(word):
        best = max((t for t in subs if word.startswith(t, pos)), key=len, default=None)
        if best is None:
            return None
        parts.append(best)
        pos += len(best)
    return tuple(parts) if len(parts) > 1 else None


def parse_query(query: str | None) -> ParsedQuery:
    """Split a user query into terms (jieba precise mode), 文号 mentions and highlight strings."""
    raw = (query or "").strip()
    parsed = ParsedQuery(raw=raw)
    if not raw:
        return parsed
    parsed.doc_nos = find_doc_nos(raw)
    text = normalize(raw)
    words = _clean_tokens(_get_jieba().cut(text))
    highlight: list[str] = []
    unmarked: set[str] = set()  # bare years and serials of a 文号 are not worth marking
    if parsed.doc_nos:
        # A 文号 is searched as its parts (代字, 年, 号) whatever its spelling; leftovers stay words.
        dn_parts: list[str] = []
        covered: set[str] = set()
        for dn in parsed.doc_nos:
            year, serial = (str(dn.year) if dn.year else ""), str(dn.serial)
            for part in (normalize(dn.prefix), year, serial):
                if part and part not in dn_parts:
                    dn_parts.append(part)
            covered.update(normalize(dn.prefix))
            covered.update({year, serial, "第", "号", "年"})
            unmarked.update({year, serial})
            highlight.append(str(dn))
        rest = [w for w in words if w not in covered and not set(w) <= covered and w not in STOP_WORDS]
        words = dn_parts + rest
    else:
        meaningful = [w for w in words if w not in STOP_WORDS]
        words = meaningful or words
    for w in _merge_synonyms(words):
        if any(t.word == w for t in parsed.terms):
            continue
        group = _SYNONYMS.get(w, (w,))
        alts = [(a,) for a in dict.fromkeys((w, *group))]
        parts = _parts(w)
        if parts:
            alts.append(parts)
        term = Term(word=w, alternatives=tuple(alts))
        parsed.terms.append(term)
        highlight.extend(x for x in term.words if x not in unmarked)
    # Longest first, so that 户籍制度 is marked as a whole rather than 户籍 + 制度.
    parsed.highlight = sorted(set(highlight), key=len, reverse=True)
    return parsed


# ---------------------------------------------------------------------------------------------
# Highlighting


class _CharTable(dict):
    """``str.translate`` table: each character to its own normalisation, computed once per character.
    ``irregular``: the characters that do not become exactly one character (ﬁ, İ, a combining mark)."""

    def __init__(self):
        super().__init__()
        self.irregular: set[str] = set()

    def __missing__(self, code: int) -> str:
        n = self[code] = normalize(chr(code))
        if len(n) != 1:
            self.irregular.add(chr(code))
        return n


_CHARS = _CharTable()


def _normalized_with_map(text: str) -> tuple[str, Sequence[int]]:
    """NFKC-lower-cased text and, for each of its characters, the index of the source character."""
    norm = text.translate(_CHARS)  # character by character, as below, at C speed
    if _CHARS.irregular.isdisjoint(text):  # one character each (nearly always): the same positions
        return norm, range(len(text))
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        n = normalize(ch)
        out.append(n)
        index.extend([i] * len(n))
    return "".join(out), index


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of the source text where a term occurs."""
    terms = [t for t in (normalize(t) for t in terms) if t]
    if not text or not terms:
        return []
    norm, index = _normalized_with_map(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)))
    spans = []
    for m in pattern.finditer(norm):
        start = index[m.start()]
        end = index[m.end() - 1] + 1
        if spans and start < spans[-1][1]:
            continue
        if spans and start == spans[-1][1]:
            spans[-1] = (spans[-1][0], end)  # adjacent terms form one mark: <mark>居家护理</mark>
        else:
            spans.append((start, end))
    return spans


def mark(text: str, terms: list[str], spans: list[tuple[int, int]] | None = None) -> str:
    """Escape ``text`` and wrap the terms in <mark>; the result is safe HTML."""
    if spans is None:
        spans = _spans(text, terms)
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


_SPACES = re.compile(r"\s+")
SNIPPET_CHARS = 120
SNIPPET_BEFORE = 30


def snippet(sources: list[str], terms: list[str], length: int = SNIPPET_CHARS) -> str:
    """About ``length`` characters around the first hit, marked.

    The source with the most distinct query terms wins (the earliest on a tie), so a summary that
    mentions one word loses to an attachment that has them all. Without any hit: the beginning of
    the first non-empty source.
    """
    texts = [_SPACES.sub(" ", s).strip() for s in sources if s and s.strip()]
    if not texts:
        return ""
    best, best_spans, best_count = texts[0], [], 0
    for text in texts:
        spans = _spans(text, terms)
        count = len({normalize(text[s:e]) for s, e in spans})
        if count > best_count:
            best, best_spans, best_count = text, spans, count
    text, spans = best, best_spans
    if not spans:
        return escape(text[:length]) + ("…" if len(text) > length else "")
    start = max(0, spans[0][0] - SNIPPET_BEFORE)
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    window = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
    html = mark(text[start:end], terms, window)
    return ("…" if start > 0 else "") + html + ("…" if end < len(text) else "")
