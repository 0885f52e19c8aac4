"""The one rule of every PDF the product draws with WeasyPrint (letters, the defence bundle): it never
loads a URL. Every fetch — network, file or data — is refused and logged, so a page is made of its
text and the stylesheet passed as text; a document cannot make the server reach the intranet."""

from __future__ import annotations

import functools
import logging


class FetchRefused(ValueError):
    pass


@functools.cache
def _fetcher_class(logger_name: str, what: str, label: str):
    from weasyprint.urls import URLFetcher

    log = logging.getLogger(logger_name)

    class RefuseAll(URLFetcher):
        def fetch(self, url, headers=None):
            log.warning(f"{what}: refused to fetch a resource", extra={"scheme": str(url).split(":", 1)[0]})
            raise FetchRefused(f"{label}不加载外部资源：{str(url)[:80]}")

    return RefuseAll


def refusing_fetcher(logger_name: str, what: str, label: str):
    """A WeasyPrint URL fetcher that refuses everything, logging on ``logger_name`` as "``what``:
    refused …" and raising with the Chinese ``label`` of the document kind."""
    return _fetcher_class(logger_name, what, label)()
