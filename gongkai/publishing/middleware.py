"""Server-side rendering of the visitor's display preferences (domain.md 7.7).

- 长者模式: ``class="senior"`` on ``<body>`` (idempotent if the base template already adds it).
- 繁體: the text of HTML pages is converted to traditional characters with OpenCC (``s2t``).
  Only text between tags and a few human-readable attributes (title, alt, aria-label, placeholder)
  are converted; form values, URLs, scripts, styles and the contents of <textarea> are left as they
  are, so filters and submitted data keep working in simplified characters.

Never applied to the admin, to file downloads (attachments, streaming responses) or to non-HTML
responses. Register ``gongkai.publishing.middleware.DisplayPreferencesMiddleware`` in MIDDLEWARE
(after SessionMiddleware; anywhere is fine since it only reads cookies).
"""

from __future__ import annotations

import re
import threading

from django.utils.cache import patch_vary_headers

from .context import senior_mode, traditional

_SEGMENTS = re.compile(
    r"(<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<textarea\b.*?</textarea\s*>|<[^>]*>)",
    re.S | re.I,
)
_TEXT_ATTRS = re.compile(r"""(\s(?:title|alt|aria-label|placeholder)\s*=\s*)(["'])(.*?)\2""", re.S | re.I)
_BODY = re.compile(r"<body\b([^>]*)>", re.I)
_CLASS = re.compile(r"""(\sclass\s*=\s*)(["'])(.*?)\2""", re.S | re.I)
_HTML_LANG = re.compile(r"""(<html\b[^>]*\slang\s*=\s*)(["'])zh-(?:CN|Hans)\2""", re.I)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

_init_lock = threading.Lock()
_convert_lock = threading.Lock()
_converter_instance = None


def _converter():
    """One OpenCC converter per process (loading the dictionaries takes tens of milliseconds)."""
    global _converter_instance
    if _converter_instance is None:
        with _init_lock:
            if _converter_instance is None:
                import opencc

                _converter_instance = opencc.OpenCC("s2t")
    return _converter_instance


def _convert(text: str) -> str:
    converter = _converter()
    with _convert_lock:
        return converter.convert(text)


def to_traditional(text: str) -> str:
    """Convert plain text (no markup) from simplified to traditional characters."""
    return _convert(text) if _NON_ASCII.search(text) else text


def _convert_tag(tag: str) -> str:
    if not _NON_ASCII.search(tag):
        return tag
    return _TEXT_ATTRS.sub(lambda m: f"{m.group(1)}{m.group(2)}{to_traditional(m.group(3))}{m.group(2)}", tag)


_SEP = "\ue000"  # a private-use character: never in page text, left alone by OpenCC


def _convert_many(texts: list[str]) -> list[str]:
    """Convert many text pieces in one OpenCC call (much faster than one call per piece)."""
    if not texts:
        return []
    joined = _SEP.join(texts)
    if _SEP not in "".join(texts):
        parts = _convert(joined).split(_SEP)
        if len(parts) == len(texts):
            return parts
    return [to_traditional(t) for t in texts]


def html_to_traditional(html: str) -> str:
    parts = _SEGMENTS.split(html)
    todo = [i for i in range(0, len(parts), 2) if _NON_ASCII.search(parts[i])]
    for i, converted in zip(todo, _convert_many([parts[i] for i in todo]), strict=True):
        parts[i] = converted
    for i in range(1, len(parts), 2):  # tags, comments, scripts, styles, textareas
        part = parts[i]
        if not (part.startswith("<!--") or part[:7].lower() in ("<script", "<style", "<textar")):
            parts[i] = _convert_tag(part)
    html = "".join(parts)
    return _HTML_LANG.sub(lambda m: f"{m.group(1)}{m.group(2)}zh-Hant{m.group(2)}", html, count=1)


def add_body_class(html: str, css_class: str) -> str:
    def body(m):
        attrs = m.group(1)
        cls = _CLASS.search(attrs)
        if cls is None:
            return f'<body class="{css_class}"{attrs}>'
        if css_class in cls.group(3).split():
            return m.group(0)
        new = f"{cls.group(1)}{cls.group(2)}{cls.group(3)} {css_class}{cls.group(2)}"
        return f"<body{attrs[: cls.start()]}{new}{attrs[cls.end():]}>"

    return _BODY.sub(body, html, count=1)


def _is_transformable(request, response) -> bool:
    if getattr(response, "streaming", False) or response.status_code in (204, 304):
        return False
    if not response.get("Content-Type", "").lower().startswith("text/html"):
        return False
    if response.has_header("Content-Disposition"):
        return False
    return not request.path.startswith("/admin/")


class DisplayPreferencesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _is_transformable(request, response):
            return response
        patch_vary_headers(response, ["Cookie"])
        senior, trad = senior_mode(request), traditional(request)
        if not (senior or trad):
            return response
        charset = response.charset or "utf-8"
        html = response.content.decode(charset, errors="replace")
        if senior:
            html = add_body_class(html, "senior")
        if trad:
            html = html_to_traditional(html)
        response.content = html.encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
