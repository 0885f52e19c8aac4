"""Labels found in published reports matched to the schema: normalisation (width, spaces, punctuation,
enumerators), known variants, annotations and units dropped, fuzzy matching on request.

Below the schema objects: an index is built from the tables it is given (``row_index``,
``column_index``), so that ``TableSchema`` and the lookups across formats (``schemas.match_row``)
share it."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LabelMatch:
    """Result of matching a label found in a report against the schema.

    ``how`` is ``exact`` (character for character), ``normalized`` (equal after normalising width,
    spaces, punctuation, quotes and enumerators), ``variant`` (a known non-standard label, or the label
    without a parenthesised annotation or unit) or ``fuzzy`` (closest label, only when asked for).
    An auditor reports anything but ``exact``/``normalized`` as a ``label_mismatch``.
    """

    code: str
    label: str
    how: str
    is_group: bool = False


MATCH_EXACT = "exact"
MATCH_NORMALIZED = "normalized"
MATCH_VARIANT = "variant"
MATCH_FUZZY = "fuzzy"


# Leading enumerators after NFKC: 一、 一， 三、 (一) (七) 1. 1、 1， 1) (1) …
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十]+\)|\d+[.、,)]|\(\d+\))")
# A parenthesised annotation or unit (after NFKC the parentheses are ASCII).
_PARENTHESISED = re.compile(r"\([^()]*\)")


def _nfkc_compact(text: str) -> str:
    s = unicodedata.normalize("NFKC", str(text))
    # NFKC maps full-width ASCII to ASCII; these two are not covered by it.
    s = s.replace("〔", "[").replace("〕", "]")
    s = "".join(ch for ch in s if not ch.isspace())
    while True:
        stripped = _ENUMERATOR.sub("", s, count=1)
        if stripped == s:
            return s
        s = stripped


def _strip_punctuation(s: str) -> str:
    return "".join(ch for ch in s if not unicodedata.category(ch).startswith("P")).lower()


def normalize_label(text: str) -> str:
    """The comparison key of a label.

    Full-width → half-width (NFKC), all whitespace removed (``总 计``), leading enumerators removed
    (``一、``, ``（一）``, ``1.``, ``1、``), then every punctuation mark removed (parentheses, quotes of every
    kind, ``、`` and ``，``, ``/``). ``normalize_label('（六）其他处理') == '其他处理'``. Traditional characters
    are not converted: callers convert them first.
    """
    if text is None:
        return ""
    return _strip_punctuation(_nfkc_compact(text))


def _annotation_key(text: str) -> str:
    """The key without parenthesised annotations or units: ``采购总金额（万元）`` → ``采购总金额``."""
    if text is None:
        return ""
    s = _nfkc_compact(text)
    previous = None
    while previous != s:
        previous, s = s, _PARENTHESISED.sub("", s)
    return _strip_punctuation(s)


@dataclass(frozen=True)
class _Index:
    exact: dict[str, tuple[str, str, bool]]
    normalized: dict[str, tuple[str, str, bool]]
    variants: dict[str, tuple[str, str, bool]]
    annotated: dict[str, tuple[str, str, bool]]


def _build_index(entries: list[tuple[str, str, tuple[str, ...], bool]]) -> _Index:
    """entries: (code, canonical label, variants, is_group), earlier entries win across formats."""
    exact: dict[str, tuple[str, str, bool]] = {}
    normalized: dict[str, tuple[str, str, bool]] = {}
    variants: dict[str, tuple[str, str, bool]] = {}
    annotated: dict[str, tuple[str, str, bool] | None] = {}
    for code, label, label_variants, is_group in entries:
        value = (code, label, is_group)
        exact.setdefault(label, value)
        normalized.setdefault(normalize_label(label), value)
        for variant in label_variants:
            variants.setdefault(normalize_label(variant), value)
        for text in (label, *label_variants):
            key = _annotation_key(text)
            if not key:
                continue
            if key in annotated and annotated[key] is not None and annotated[key][0] != code:
                annotated[key] = None  # ambiguous once annotations are dropped: never guess
            else:
                annotated.setdefault(key, value)
    return _Index(exact, normalized, variants, {k: v for k, v in annotated.items() if v is not None})


# Indexes by the (format, table) pairs they cover and whether group labels count; the schemas are
# built once, so a pair names one table for the life of the process.
_ROW_INDEXES: dict[tuple[tuple[tuple[str, str], ...], bool], _Index] = {}
_COLUMN_INDEXES: dict[tuple[tuple[str, str], ...], _Index] = {}


def _key(tables: Iterable[Any]) -> tuple[tuple[str, str], ...]:
    return tuple((t.format_version, t.code) for t in tables)


def row_index(tables: Iterable[Any], groups: bool) -> _Index:
    """The row labels of ``tables`` (``TableSchema`` objects, earlier ones win); ``groups`` adds the
    merged group cells and the captions of table 二."""
    tables = tuple(tables)
    key = (_key(tables), groups)
    index = _ROW_INDEXES.get(key)
    if index is None:
        entries: list[tuple[str, str, tuple[str, ...], bool]] = []
        for t in tables:
            entries.extend((r.code, r.label, r.label_variants, False) for r in t.rows)
            if groups:
                entries.extend((g.code, g.label, g.label_variants, True) for g in t.groups)
                entries.extend((s.code, s.caption, (), True) for s in t.subtables)
        index = _ROW_INDEXES[key] = _build_index(entries)
    return index


def column_index(tables: Iterable[Any]) -> _Index:
    """The column labels of ``tables`` (earlier ones win)."""
    tables = tuple(tables)
    key = _key(tables)
    index = _COLUMN_INDEXES.get(key)
    if index is None:
        entries: list[tuple[str, str, tuple[str, ...], bool]] = []
        for t in tables:
            entries.extend((c.code, c.label, c.label_variants, False) for c in t.columns)
        index = _COLUMN_INDEXES[key] = _build_index(entries)
    return index


# Fuzzy matching: only for labels of some length, with a clear winner (project convention).
_FUZZY_MIN_LENGTH = 4
_FUZZY_MIN_RATIO = 0.8
_FUZZY_MARGIN = 0.08


def _match(index: _Index, text: str, fuzzy: bool) -> LabelMatch | None:
    if text is None:
        return None
    raw = str(text).strip()
    if raw in index.exact:
        code, label, is_group = index.exact[raw]
        return LabelMatch(code, label, MATCH_EXACT, is_group)
    key = normalize_label(raw)
    if not key:
        return None
    if key in index.normalized:
        code, label, is_group = index.normalized[key]
        return LabelMatch(code, label, MATCH_NORMALIZED, is_group)
    if key in index.variants:
        code, label, is_group = index.variants[key]
        return LabelMatch(code, label, MATCH_VARIANT, is_group)
    annotated = _annotation_key(raw)
    if annotated in index.annotated:
        code, label, is_group = index.annotated[annotated]
        return LabelMatch(code, label, MATCH_VARIANT, is_group)
    if not fuzzy or len(key) < _FUZZY_MIN_LENGTH:
        return None
    scored: dict[str, tuple[float, tuple[str, str, bool]]] = {}
    for candidates in (index.normalized, index.variants):
        for candidate, value in candidates.items():
            ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
            if ratio > scored.get(value[0], (-1.0,))[0]:
                scored[value[0]] = (ratio, value)
    ranked = sorted(scored.values(), key=lambda item: item[0], reverse=True)
    if not ranked or ranked[0][0] < _FUZZY_MIN_RATIO:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < _FUZZY_MARGIN:
        return None
    code, label, is_group = ranked[0][1]
    return LabelMatch(code, label, MATCH_FUZZY, is_group)
