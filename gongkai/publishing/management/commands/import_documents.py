"""python manage.py import_documents FILE.jsonl --agency CODE [--skip-bad]

JSON Lines, UTF-8: one JSON object per line (blank lines are ignored). Fields, all strings:
title, doc_number (发文字号, may be empty; ``doc_no`` is accepted as an alias, both given and different
is an error), issuing_agency, written_date, published_date (YYYY-MM-DD), validity (有效 / 已修改 / 已废止 /
已失效), body; optional category (主题分类), doc_type, keywords, summary. ``null`` counts as absent.
Imported as published.

Every line is checked first (unknown keys, non-string values, over-length fields against the model's
max_length, bad UTF-8, NUL, nesting, size). Any bad line → the bad lines are listed with their line
numbers, nothing is imported and the command fails (exit code 1). With ``--skip-bad`` the good
records are imported and the bad lines listed. One transaction either way: never a half import.
Limits: file size, record size, record count and JSON nesting depth (constants below).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError
from django.db import DataError, IntegrityError, transaction

from gongkai.agencies.models import Agency
from gongkai.law.docnumber import parse_doc_no
from gongkai.law.subjects import normalize_subject
from gongkai.publishing.models import Document
from gongkai.publishing.services import PublishingError, import_published

MAX_FILE_BYTES = 100 * 1024 * 1024  # the whole file
MAX_RECORD_BYTES = 8 * 1024 * 1024  # one line (one document, its body included)
MAX_RECORDS = 100_000  # non-blank lines per file
MAX_DEPTH = 20  # JSON nesting, checked before parsing (a record itself is flat: depth 1)

# Record key → Document field (its max_length is the limit; None: no model field of its own).
FIELDS: dict[str, str | None] = {
    "title": "title",
    "doc_number": "doc_no",
    "issuing_agency": "issuers",
    "written_date": None,
    "published_date": None,
    "validity": None,
    "body": "body",
    "category": "subject",
    "doc_type": "doc_type",
    "keywords": "keywords",
    "summary": "summary",
}
ALIASES = {"doc_no": "doc_number"}  # deprecated name → documented name
KNOWN_KEYS = (*FIELDS, *ALIASES)

_TYPE_NAMES = {bool: "布尔值", int: "数字", float: "数字", dict: "对象", list: "数组"}
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class BadRecord(Exception):
    """One bad line; ``str(e)`` is the Chinese message."""


@dataclass
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"第{self.line}行：{self.message}"


def _show(value: str, limit: int = 30) -> str:
    """A value as it may appear in a message: control characters escaped, cut to ``limit``."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in value[: limit + 1])
    return text[:limit] + "…" if len(text) > limit else text


def max_length(key: str) -> int | None:
    field = FIELDS.get(key)
    return Document._meta.get_field(field).max_length if field else None


def _depth(text: str) -> int:
    if text.count("{") + text.count("[") <= MAX_DEPTH:
        return 0  # cannot be too deep: skip the scan
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub("", text)):
        if m.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return deepest


def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise BadRecord(f"字段“{_show(key)}”重复出现")
        seen[key] = value
    return seen


def parse_line(raw: bytes) -> dict:
    """One non-blank line → a record for :func:`import_published`; raises :class:`BadRecord`."""
    if len(raw) > MAX_RECORD_BYTES:
        raise BadRecord(f"记录过大（{len(raw) // 1024} KB，上限 {MAX_RECORD_BYTES // 1024} KB）")
    if b"\x00" in raw:
        raise BadRecord("含有 NUL 字节（\\0），不是有效的文本")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadRecord(f"不是有效的 UTF-8 编码（第{e.start + 1}个字节起）") from None
    if _depth(text) > MAX_DEPTH:
        raise BadRecord(f"JSON 嵌套过深（超过{MAX_DEPTH}层）")
    try:
        record = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as e:
        raise BadRecord(f"不是有效的 JSON（{e.msg}，第{e.colno}列）") from None
    except RecursionError:
        raise BadRecord(f"JSON 嵌套过深（超过{MAX_DEPTH}层）") from None
    except ValueError as e:  # e.g. an integer with more digits than Python converts
        raise BadRecord(f"不是可接受的 JSON（{_show(str(e), 60)}）") from None
    if not isinstance(record, dict):
        raise BadRecord("每行应为一个 JSON 对象（{…}）")
    errors = []
    for key, value in record.items():
        if key not in KNOWN_KEYS:
            errors.append(f"未知字段“{_show(key)}”")
            continue
        if value is None:
            continue
        if not isinstance(value, str):
            errors.append(f"字段 {key} 应为字符串，不能是{_TYPE_NAMES.get(type(value), '非字符串')}")
            continue
        if "\x00" in value:
            errors.append(f"字段 {key} 含有 NUL 字符（\\u0000）")
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            errors.append(f"字段 {key} 含有无效的 Unicode 字符（单独的代理项）")
    if errors:
        known = "、".join(FIELDS)
        if any(e.startswith("未知字段") for e in errors):
            errors.append(f"可用字段：{known}")
        raise BadRecord("；".join(errors))
    record = {k: v for k, v in record.items() if v is not None}
    number, alias = record.pop("doc_number", None), record.pop("doc_no", None)
    if number is not None and alias is not None and number.strip() != alias.strip():
        raise BadRecord(f"doc_number（{_show(number)}）与 doc_no（{_show(alias)}）不一致，请只填 doc_number")
    number = number if number is not None else alias
    if number is not None:
        record["doc_number"] = number
    _check_lengths(record)
    if number is not None:
        record["doc_no"] = record.pop("doc_number")  # the name import_published reads
    return record


def _stored(key: str, value: str) -> str:
    """The form the value is stored in (what max_length applies to)."""
    value = value.strip() if key != "body" else value
    try:
        if key == "doc_number" and value:
            parsed = parse_doc_no(value)
            return str(parsed) if parsed else value
        if key == "category" and value:
            return normalize_subject(value)
    except ValueError:
        pass  # import_published reports it
    return value


def _check_lengths(record: dict) -> None:
    errors = []
    for key, value in record.items():
        limit = max_length(key)
        if limit is None:
            continue
        stored = _stored(key, value)
        if len(stored) > limit:
            errors.append(f"字段 {key} 超长（{len(stored)}字，上限{limit}字）")
        elif key == "doc_number" and (parsed := parse_doc_no(stored)) is not None:
            prefix_limit = Document._meta.get_field("doc_no_prefix").max_length
            if len(parsed.prefix) > prefix_limit:
                errors.append(f"字段 doc_number 的机关代字超长（{len(parsed.prefix)}字，上限{prefix_limit}字）")
    if errors:
        raise BadRecord("；".join(errors))


def _check_saved(doc: Document) -> None:
    """Safety net for SQLite, which does not enforce max_length: every CharField of the saved row."""
    reverse = {field: key for key, field in FIELDS.items() if field}
    for field in Document._meta.concrete_fields:
        limit = getattr(field, "max_length", None)
        value = getattr(doc, field.attname)
        if limit and isinstance(value, str) and len(value) > limit:
            name = reverse.get(field.name, field.name)
            raise PublishingError(f"字段 {name} 超长（{len(value)}字，上限{limit}字）")


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "批量导入已发布的政府信息（JSON Lines）；有错误时不导入任何记录（--skip-bad 则跳过错误行）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines 文件（UTF-8，每行一个 JSON 对象）")
        parser.add_argument("--agency", required=True, help="发布机构简码")
        parser.add_argument("--skip-bad", action="store_true",
                            help="跳过有错误的行，导入其余记录（默认：有任何错误即不导入）")

    def handle(self, *args, file, agency, skip_bad=False, **opts):
        organ = Agency.objects.filter(code=agency).first()
        if organ is None:
            raise CommandError(f"机关不存在：{agency}")
        data = self._read(file)
        problems: list[Problem] = []
        good: list[tuple[int, dict]] = []
        count = 0
        for number, raw in enumerate(data.splitlines(), 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            count += 1
            if count > MAX_RECORDS:
                raise CommandError(f"记录过多：超过 {MAX_RECORDS} 条（第{number}行），请拆分文件后分批导入；未导入任何记录")
            try:
                good.append((number, parse_line(raw)))
            except BadRecord as e:
                problems.append(Problem(number, str(e)))
        imported = self._import(organ, good, problems, skip_bad)
        problems.sort(key=lambda p: p.line)
        for problem in problems:
            self.stderr.write(f"{problem}{'，已跳过' if skip_bad else ''}")
        if problems and not skip_bad:
            raise CommandError(f"有 {len(problems)} 行错误，未导入任何记录（使用 --skip-bad 可跳过错误行，导入其余记录）")
        self.stdout.write(f"导入完成：成功 {imported} 条，跳过 {len(problems)} 条")
        if problems and not imported:
            raise CommandError("没有可导入的记录")

    @staticmethod
    def _read(file: str) -> bytes:
        try:
            with open(file, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as e:
            raise CommandError(f"无法读取文件：{file}（{e.strerror}）") from None
        if len(data) > MAX_FILE_BYTES:
            raise CommandError(f"文件过大：超过 {MAX_FILE_BYTES // (1024 * 1024)} MB，请拆分文件后分批导入；未导入任何记录")
        return data

    @staticmethod
    def _import(organ, good, problems: list[Problem], skip_bad: bool) -> int:
        """Import the good records in one transaction; their failures join ``problems``. Without
        ``skip_bad`` any problem rolls everything back (the records are still all tried, so that every
        bad line is reported at once)."""
        imported = 0
        try:
            with transaction.atomic():
                for number, record in good:
                    try:
                        with transaction.atomic():  # a savepoint: a refused record leaves nothing behind
                            _check_saved(import_published(organ, record))
                        imported += 1
                    except PublishingError as e:
                        problems.append(Problem(number, str(e)))
                    except (DataError, IntegrityError, ValueError, OverflowError) as e:
                        problems.append(Problem(number, f"无法保存（{_show(str(e), 60)}）"))
                if problems and not skip_bad:
                    raise _Rollback
        except _Rollback:
            return 0
        return imported
